import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The real application, as `npm start` builds it, on a fresh database of its own. */
export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config: AppConfig = {
    ...loadConfig({}),
    databaseUrl: db.url,
    logLevel: 'silent',
    dataDir: mkdtempSync(path.join(tmpdir(), 'cme-test-app-')),
    rateLimitPerMinute: 1_000_000,
    piiKey: randomBytes(32).toString('base64'),
    ...overrides,
  };
  const app = await createApp(config);
  await app.init();
  return {
    app,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
