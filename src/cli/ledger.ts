import 'reflect-metadata';
import { Command } from 'commander';
import { loadConfig } from '../config/app-config';
import { Database } from '../database/database';

const program = new Command('ledger').description('cme-ledger operator commands');

program
  .command('migrate')
  .description(
    'apply pending migrations (to DATABASE_URL, or to the embedded server under DATA_DIR)',
  )
  .action(async () => {
    const config = loadConfig();
    const database = await Database.open(config, {
      log: (message) => process.stdout.write(`${message}\n`),
      debug: () => undefined,
    });
    process.stdout.write('migrations are up to date\n');
    await database.close(config.shutdownTimeoutMs);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`ledger: ${(error as Error).message}\n`);
  process.exit(1);
});
