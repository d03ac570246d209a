import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { bearerFromDataDir, personBody, zjCommittee } from '../support/ledger-client';
import { freePort, listening, startService, type ServiceProcess } from '../support/service-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The service as `npm start` runs it (build first): what its request log says of client mistakes. */
describe('request logs: a client mistake is a warning, not an error', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  let url: string;
  let dataDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'cme-logs-'));
    service = startService({
      ...process.env,
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      LOG_LEVEL: 'info',
      BODY_LIMIT: '1kb',
    });
    url = await listening(service);
  }, 60_000);
  afterAll(async () => {
    service.child.kill('SIGTERM');
    await service.exited;
    await db.drop();
  });

  const logLines = () =>
    service.stdout
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; res?: { statusCode: number } });

  it('413 (body over BODY_LIMIT) and 400 (malformed JSON) are logged at warn (40), never error (50)', async () => {
    const headers = {
      ...bearerFromDataDir(dataDir, zjCommittee),
      'Content-Type': 'application/json',
    };
    const tooLarge = await fetch(`${url}/persons`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...personBody(), specialty: 'x'.repeat(4000) }),
    });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ statusCode: 413, field: 'body' });
    const malformed = await fetch(`${url}/persons`, { method: 'POST', headers, body: '{"name":' });
    expect(malformed.status).toBe(400);
    for (let i = 0; i < 100; i += 1) {
      if (logLines().filter((l) => l.res && l.res.statusCode >= 400).length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const lines = logLines();
    const answered = lines.filter((l) => l.res && [400, 413].includes(l.res.statusCode));
    expect(answered.map((l) => [l.res?.statusCode, l.level])).toEqual([
      [413, 40],
      [400, 40],
    ]);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});
