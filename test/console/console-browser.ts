import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  freePort,
  ledgerJs,
  listening,
  runCli,
  startService,
  type ServiceProcess,
} from '../support/service-process';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it) — never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where every run writes a screenshot of each screen (named in the README). */
export const screenshotsDir = path.resolve(__dirname, '../../test-results/console');

export interface ConsoleFixture {
  db: TestDatabase;
  env: NodeJS.ProcessEnv;
  service: ServiceProcess;
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The service as `npm start` runs it (compiled, its own process) over a fresh database, and a browser. */
export async function startConsole(
  prepare?: (env: NodeJS.ProcessEnv) => Promise<void>,
): Promise<ConsoleFixture> {
  if (!existsSync(chromiumPath))
    throw new Error(
      `no Chromium at ${chromiumPath}: apt-get install -y chromium fonts-noto-cjk (.ci/run does), or set CHROMIUM_PATH`,
    );
  const db = await createTestDatabase({ migrate: false });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cme-console-')),
    PII_KEY: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    TZ: 'America/New_York',
  };
  if (prepare) await prepare(env);
  const service = startService(env);
  const url = await listening(service, 60_000);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  mkdirSync(screenshotsDir, { recursive: true });
  return {
    db,
    env,
    service,
    url,
    browser,
    async close() {
      await browser.close();
      service.child.kill('SIGTERM');
      await service.exited;
      await db.drop();
    },
  };
}

/** `npm run ledger -- sign-in …`: the printed one-time link. */
export async function signInLink(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  const { stdout } = await runCli(ledgerJs, ['sign-in', ...args], env);
  return stdout.trim();
}

/** A new browser tab (Chinese locale, Shanghai-agnostic: the browser itself is in New York) signed in with a fresh link. */
export async function signedInPage(fixture: ConsoleFixture, args: string[]): Promise<Page> {
  const context = await fixture.browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'America/New_York',
    viewport: { width: 1400, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(await signInLink(fixture.env, args));
  return page;
}

/**
 * Waits until no Ant Design select dropdown is open or closing: an option of a closing one can be
 * found and then move away mid-click, and one still closing when motion is switched off for axe
 * stays in the page with its options.
 */
export async function dropdownsClosed(page: Page): Promise<void> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let waited = 0; (await open.count()) > 0 && waited < 5_000; waited += 50)
    await page.waitForTimeout(50);
}

/** axe-core over the page as it stands: the serious and critical violations (expected none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')})`,
    );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
}
