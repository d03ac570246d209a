import 'reflect-metadata';
import { CommandBus } from '@nestjs/cqrs';
import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { RegisterActivity } from '../src/activities/register-activity/register-activity.handler';
import { ScheduleSession } from '../src/activities/schedule-session/schedule-session.handler';
import { createApp } from '../src/app.factory';
import { type AppConfig, loadConfig } from '../src/config/app-config';
import { Database } from '../src/database/database';
import { RegisterPerson } from '../src/persons/register-person/register-person.handler';
import { withCheckCharacter } from '../src/shared/domain/id-number';
import { actorMetadata } from '../src/shared/http/command-metadata';
import type { Actor } from '../src/shared/http/actor';
import { derivedId } from '../src/shared/ids';

/**
 * `npm run bench:import -- --rows 100000`: an attendance roster of that many rows (people ×
 * sessions, every row a first scan) imported with `ledger import attendance`, the CLI as a user
 * runs it (its own process, the same Node flags as `npm run ledger`), against a fresh embedded
 * PostgreSQL; then the same file again (idempotent: nothing new). Prints the figures as JSON.
 */
const committee: Actor = {
  actorId: 'bench-committee',
  role: 'committee',
  scope: 'jurisdiction',
  jurisdiction: 'CN-ZJ',
  jurisdictions: ['CN-ZJ'],
};
const organizer: Actor = {
  actorId: 'org-bench',
  role: 'organizer',
  scope: 'own-activity',
  jurisdiction: 'CN-ZJ',
  jurisdictions: ['CN-ZJ'],
  orgId: 'org-bench',
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function pool<T>(items: T[], width: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

async function main(): Promise<void> {
  const options = new Command('bench-import')
    .option('--rows <n>', 'roster rows', (v) => Number.parseInt(v, 10), 100_000)
    .option('--sessions <n>', 'sessions the rows spread over', (v) => Number.parseInt(v, 10), 100)
    .option('--profile <dir>', 'write a V8 CPU profile of each CLI run into this directory')
    .parse(process.argv)
    .opts<{ rows: number; sessions: number; profile?: string }>();
  const people = Math.ceil(options.rows / options.sessions);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cme-bench-import-'));
  chmodSync(dataDir, 0o755);
  const config: AppConfig = {
    ...loadConfig({}),
    dataDir,
    embeddedPgPort: await freePort(),
    logLevel: 'silent',
    piiKey: Buffer.alloc(32, 7).toString('base64'),
  };
  const database = await Database.open(config, { log, debug: () => undefined });
  try {
    // The ledger the roster refers to: people, and provincial projects with five sessions each.
    const setupStarted = Date.now();
    const app = await createApp({ ...config, databaseUrl: database.url });
    await app.init();
    const commands = app.get(CommandBus);
    // Unique ID numbers: birth month, day and serial vary with the index.
    const idNumbers = Array.from({ length: people }, (_, i) => {
      const month = String((i % 12) + 1).padStart(2, '0');
      const day = String((Math.floor(i / 12) % 28) + 1).padStart(2, '0');
      const serial = String(Math.floor(i / 336)).padStart(3, '0');
      return withCheckCharacter(`3301021985${month}${day}${serial}`);
    });
    await pool(idNumbers, 16, async (idNumber) => {
      await commands.execute(
        new RegisterPerson(
          idNumber,
          '王芳',
          {
            profession: 'nurse',
            titleLevel: 'junior',
            specialty: 'nursing',
            jurisdiction: 'CN-ZJ',
            grassroots: false,
          },
          new Date(),
          actorMetadata(committee),
        ),
      );
    });
    const sessionIds: string[] = [];
    const sessionDays: string[] = [];
    for (let a = 0; a < Math.ceil(options.sessions / 5); a += 1) {
      const activityId = derivedId('bench-import', 'activity', String(a));
      await commands.execute(
        new RegisterActivity(
          {
            activityId,
            kind: 'project',
            code: `2026-04-01-${String(a).padStart(3, '0')}(浙)`,
            title: `省级项目 ${a}`,
            level: 'provincial',
            category: null,
            subject: 'professional',
            format: 'in-person',
            credits: '4',
            hours: '8',
            jurisdiction: 'CN-ZJ',
            organizerId: organizer.actorId,
          },
          new Date(),
          actorMetadata(committee),
        ),
      );
      for (let s = 0; s < 5 && sessionIds.length < options.sessions; s += 1) {
        const day = `2026-05-${String(s + 1 + (a % 20)).padStart(2, '0')}`;
        const { sessionId } = await commands.execute(
          new ScheduleSession(
            activityId,
            derivedId(activityId, 'session', String(s)),
            new Date(`${day}T08:30:00+08:00`),
            new Date(`${day}T17:30:00+08:00`),
            '杭州 会议中心',
            organizer,
            new Date(),
            actorMetadata(organizer),
          ),
        );
        sessionIds.push(sessionId);
        sessionDays.push(day);
      }
    }
    await app.close();
    const setupSeconds = (Date.now() - setupStarted) / 1000;

    // The roster: one row per (session, person), as an organizer's spreadsheet exports it.
    const lines = ['期次编号,身份证号,签到时间,签到方式'];
    for (const [s, sessionId] of sessionIds.entries())
      for (let p = 0; p < people && lines.length <= options.rows; p += 1)
        lines.push(
          `${sessionId},${idNumbers[p]},${sessionDays[s]} 08:${String(p % 60).padStart(2, '0')},manual`,
        );
    const file = path.join(dataDir, 'roster.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const rows = lines.length - 1;

    const cli = path.resolve(__dirname, '../src/cli/ledger.js');
    const run = (...extra: string[]) => {
      const started = Date.now();
      const result = spawnSync(
        process.execPath,
        [
          '--max-semi-space-size=64',
          '--max-old-space-size=512',
          ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : []),
          cli,
          'import',
          'attendance',
          file,
          '--role',
          'organizer',
          '--org',
          organizer.actorId,
          '--jurisdiction',
          'CN-ZJ',
          '--quiet',
          ...extra,
        ],
        {
          env: {
            ...process.env,
            DATABASE_URL: database.url,
            DATA_DIR: dataDir,
            PII_KEY: config.piiKey,
            LOG_LEVEL: 'silent',
          },
          encoding: 'utf8',
        },
      );
      const seconds = (Date.now() - started) / 1000;
      if (result.status !== 0)
        throw new Error(`ledger import failed (${result.status}): ${result.stderr}`);
      return { seconds, output: result.stdout.trim() };
    };
    const dryRun = run('--dry-run');
    log(`dry run: ${dryRun.seconds} s\n${dryRun.output}`);
    const refusals = readFileSync(path.join(dataDir, 'roster.report.csv'), 'utf8')
      .split('\r\n')
      .filter((line) => line.includes('拒绝 refused'));
    if (refusals.length > 0)
      throw new Error(`the roster has refused rows, e.g.\n${refusals.slice(0, 3).join('\n')}`);
    const first = run();
    log(`import: ${first.seconds} s\n${first.output}`);
    const again = run();
    log(`re-import: ${again.seconds} s\n${again.output}`);
    const [{ n: events }] = await database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM events WHERE event_type = 'AttendanceRecorded'`;
    process.stdout.write(
      `${JSON.stringify(
        {
          rows,
          sessions: sessionIds.length,
          people,
          setupSeconds,
          dryRunSeconds: dryRun.seconds,
          importSeconds: first.seconds,
          importRowsPerSecond: Math.round(rows / first.seconds),
          reimportSeconds: again.seconds,
          attendanceEvents: events,
          cpus: os.cpus().length,
          node: process.version,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await database.close(5_000);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-import: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
