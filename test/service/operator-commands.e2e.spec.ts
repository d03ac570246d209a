import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  freePort,
  ledgerJs,
  listening,
  type ServiceProcess,
  startService,
} from '../support/service-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** A CLI run with its exit code (never throws on a non-zero one). */
function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [ledgerJs, ...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * Issue 16 item 7: operator commands that behave in scripts — a nightly archive with nothing to
 * archive exits 0 and says so, a token without the claims its role needs is refused, and the
 * service's address is its last start-up line.
 */
describe('operator commands in scripts', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cme-operator-commands-'));
  chmodSync(dataDir, 0o755);
  let db: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { ...process.env, DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('`ledger archive` with nothing to archive exits 0 and says so', async () => {
    const before = String(new Date().getUTCFullYear() - 5);
    const archive = await run(['archive', '--before', before, '--out', dataDir], env);
    expect(archive.code).toBe(0);
    expect(archive.stdout).toMatch(new RegExp(`nothing to archive before ${before}`));
  }, 60_000);

  it('`ledger token` refuses a role without the claims it needs, exit code non-zero', async () => {
    const admin = await run(['token', '--role', 'admin'], env);
    expect(admin.code).not.toBe(0);
    expect(admin.stdout).toBe('');
    expect(admin.stderr).toMatch(/--jurisdiction is required: admin acts within jurisdictions/);
    const organizer = await run(['token', '--role', 'organizer', '--jurisdiction', 'CN-ZJ'], env);
    expect(organizer.code).not.toBe(0);
    expect(organizer.stderr).toMatch(/--org is required/);
    const ok = await run(['token', '--role', 'admin', '--jurisdiction', 'CN-ZJ'], env);
    expect(ok.code).toBe(0);
    const payload = JSON.parse(
      Buffer.from(ok.stdout.trim().split('.')[1], 'base64url').toString(),
    ) as { sub: string; jurisdictions: string[] };
    expect(payload).toMatchObject({ sub: 'admin-CN-ZJ', jurisdictions: ['CN-ZJ'] });
  }, 60_000);

  it('the service prints its address as the last start-up line, after the log; log times are ISO', async () => {
    const service: ServiceProcess = startService({ ...env, PORT: String(await freePort()) });
    try {
      const url = await listening(service, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const lines = service.stdout.join('').split('\n').filter(Boolean);
      expect(lines.at(-1)).toMatch(new RegExp(`^cme-ledger is listening on ${url} `));
      expect(lines.some((l) => l.includes('Mapped {'))).toBe(true);
      const logged = JSON.parse(lines[0]) as { time: unknown };
      expect(logged.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }, 90_000);
});
