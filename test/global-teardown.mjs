import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const server = globalThis.__CME_TEST_PG__;
  if (server) await server.stop();
  const parent = process.env.CME_TEST_PG_PARENT;
  if (parent) rmSync(parent, { recursive: true, force: true });
}
