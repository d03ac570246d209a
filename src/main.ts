import 'reflect-metadata';
import { Logger, PinoLogger } from 'nestjs-pino';
import { symbols } from 'pino';
import { closeOnSignals, createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { listenForMetrics } from './metrics/metrics-server';
import { surviveKnownPostgresClientDefect } from './shared/postgres-client-defect';

async function main(): Promise<void> {
  surviveKnownPostgresClientDefect((message) => process.stderr.write(`cme-ledger: ${message}\n`));
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`cme-ledger: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  closeOnSignals(app, config);
  await app.listen(config.port, config.host);
  // Never what keeps the process up: shutdown (closeOnSignals) ends the process with the app.
  (await listenForMetrics(app, config))?.unref();
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  // The address is the last start-up line: written through the log's own stream, after the
  // start-up log (route mappings and all) that Nest buffers and pino writes asynchronously.
  app.flushLogs();
  const pino = (app.get(Logger) as unknown as { logger: PinoLogger }).logger.logger;
  const logStream = (pino as unknown as Record<symbol, unknown>)[symbols.streamSym] as
    { write(text: string): unknown } | undefined;
  (logStream ?? process.stdout).write(
    `cme-ledger is listening on ${url}  (health: ${url}/health, API docs: ${url}/docs)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`cme-ledger failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
