import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { projections } from '../../projections';
import { type AppConfig, loadConfig } from '../config/app-config';
import { Database } from '../database/database';
import { createEventStore, disposeEventStore } from '../event-store/event-store.factory';
import type { EventStore } from '../event-store/event-store.port';
import { migrateStore } from '../event-store/migrate-store';
import { verifyLedger } from '../audit/verification/ledger-verifier';
import { rebuildProjections } from '../projections/rebuild';
import {
  archiveBefore,
  purgeArchive,
  purgeUnsupported,
  RetentionError,
  verifyArchive,
} from '../retention/archive';
import * as path from 'node:path';
import { actorRoles, type ActorRole } from '../shared/http/actor';
import { TokenVerifier, type TokenClaims } from '../shared/http/token-verifier';
import {
  createSignInLink,
  signInLinkMinutesDefault,
  signInUrl,
} from '../console/sign-in/sign-in-links';

const program = new Command('ledger').description('cme-ledger operator commands');

/** Ctrl-C during a command: queries in flight get this long before their connections are cut. */
const interruptedCloseTimeoutMs = 2_000;

interface Ledger {
  config: AppConfig;
  database: Database;
  /** The store the service uses: createEventStore, as EventStoreModule builds it. */
  store: EventStore;
  close(): Promise<void>;
}

/**
 * The database — the running service's embedded PostgreSQL when there is one (see
 * EmbeddedDatabase), DATABASE_URL when set — and the event store the service would use. Ctrl-C or
 * SIGTERM closes both (stopping an embedded server this command started) and exits 130 / 143.
 */
async function openLedger(config: AppConfig = loadConfig()): Promise<Ledger> {
  const database = await Database.open(config, {
    log: (message) => process.stderr.write(`${message}\n`),
    debug: () => undefined,
  });
  const store = createEventStore(config, database);
  let closing: Promise<void> | null = null;
  const close = (timeoutMs = config.shutdownTimeoutMs) =>
    (closing ??= (async () => {
      await disposeEventStore(store);
      await database.close(timeoutMs);
    })());
  const interrupt = (signal: NodeJS.Signals) => {
    process.stderr.write(`ledger: ${signal} received: closing the database\n`);
    void close(interruptedCloseTimeoutMs).finally(() =>
      process.exit(signal === 'SIGINT' ? 130 : 143),
    );
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  return { config, database, store, close: () => close() };
}

program
  .command('migrate')
  .description(
    'apply pending migrations (to DATABASE_URL, or to the embedded server under DATA_DIR)',
  )
  .action(async () => {
    const { close } = await openLedger();
    process.stdout.write('migrations are up to date\n');
    await close();
  });

program
  .command('rebuild')
  .description(
    'replay the whole log into fresh projection tables and swap them in atomically (the API keeps serving the old ones meanwhile)',
  )
  .argument(
    '<projection>',
    `a projection name (${projections.map((p) => p.name).join(', ')}) or "all"`,
  )
  .option('--quiet', 'no progress bar')
  .option('--with-archive <manifest>', 'replay an archive (its .manifest.json) before the live log')
  .action(async (name: string, options: { quiet?: boolean; withArchive?: string }) => {
    const chosen = name === 'all' ? projections : projections.filter((p) => p.name === name);
    if (chosen.length === 0)
      throw new Error(
        `no projection named "${name}"; choose one of ${projections.map((p) => p.name).join(', ')} or all`,
      );
    const { database, store, close } = await openLedger();
    try {
      // The bar's total where the store can count cheaply; else it grows with what was read.
      const total = (await store.countEvents?.()) ?? 0;
      // One pass over the log feeds every chosen projection.
      const names = chosen.map((p) => p.name).join(', ');
      const bar = new SingleBar(
        {
          format:
            total > 0
              ? `${names} {bar} {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta_formatted}`
              : `${names} | {value} events | {rate} events/s`,
          stream: process.stderr,
          noTTYOutput: !options.quiet,
          notTTYSchedule: 2000,
        },
        Presets.shades_classic,
      );
      const started = Date.now();
      if (!options.quiet) bar.start(total, 0, { rate: 0 });
      const result = await rebuildProjections(
        database,
        store,
        chosen,
        (read) => {
          if (!options.quiet)
            bar.update(Math.min(read, Math.max(total, read)), {
              rate: Math.round(read / Math.max(0.001, (Date.now() - started) / 1000)),
            });
        },
        options.withArchive,
      );
      if (!options.quiet) bar.stop();
      for (const projection of chosen)
        process.stdout.write(
          `rebuilt ${projection.name}: ${result.eventsRead} events read, ${result.applied[projection.name]} applied, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
        );
    } finally {
      await close();
    }
  });

program
  .command('archive')
  .description(
    'export streams whose events all lie in credit years before <year> and are older than the 3-year retention period (R13) to NDJSON + manifest, and verify it',
  )
  .requiredOption('--before <year>', 'first credit year to keep', (v) => Number.parseInt(v, 10))
  .option('--out <dir>', 'where to write the archive', 'archives')
  .option('--purge', 'after verifying, drop the archived events from the log')
  .action(async (options: { before: number; out: string; purge?: boolean }) => {
    if (!Number.isInteger(options.before)) throw new Error('--before must be a year such as 2022');
    const { database, store, close } = await openLedger();
    try {
      // Refused before any work: the export alone is still possible without --purge.
      if (options.purge && !store.purgeArchivedEvents)
        throw new Error(`--purge: ${purgeUnsupported}`);
      await archive(database, store, options);
    } catch (error) {
      // Nothing old enough is not a failure: a yearly archive job runs again next year.
      if (!(error instanceof RetentionError && /^nothing to archive/.test(error.message)))
        throw error;
      process.stdout.write(
        `${error.message}: no stream lies wholly before it and past retention\n`,
      );
    } finally {
      await close();
    }
  });

async function archive(
  database: Database,
  store: EventStore,
  options: { before: number; out: string; purge?: boolean },
): Promise<void> {
  const manifest = await archiveBefore(database, store, options.before, options.out);
  process.stdout.write(
    `archived and verified ${manifest.events} events of ${manifest.streams} streams: ${path.join(options.out, manifest.file)}.manifest.json\n`,
  );
  if (options.purge) {
    const dropped = await purgeArchive(store, manifest.archiveId);
    process.stdout.write(`dropped ${dropped} archived events from the log\n`);
  }
}

program
  .command('verify-archive')
  .description(
    're-check an archive: file digest, every hash chain, and the heads still in the database',
  )
  .argument('<manifest>', "the archive's .manifest.json")
  .action(async (manifest: string) => {
    const { database, store, close } = await openLedger();
    try {
      const problem = await verifyArchive(manifest, database, store);
      if (problem) throw new Error(`archive does not verify: ${problem}`);
      process.stdout.write('archive verified\n');
    } finally {
      await close();
    }
  });

program
  .command('verify')
  .description(
    "recompute every stream's hash chain and the digest of the whole log; exit 1 and name the first event that does not match",
  )
  .action(async () => {
    const { store, close } = await openLedger();
    try {
      const report = await verifyLedger(store);
      process.stdout.write(
        `${JSON.stringify({ ok: report.ok, streams: report.streams, events: report.events, firstBreak: report.firstBreak, digest: report.digest }, null, 2)}\n`,
      );
      if (!report.ok) process.exitCode = 1;
    } finally {
      await close();
    }
  });

interface ClaimOptions {
  role: string[];
  jurisdiction: string[];
  sub?: string;
  org?: string;
  person?: string;
}

/** The claims a token or a sign-in link carries, checked as the service will read them. */
function claimsFrom(options: ClaimOptions): TokenClaims {
  const unknown = options.role.filter((r) => !actorRoles.includes(r as ActorRole));
  if (unknown.length > 0)
    throw new Error(`--role ${unknown.join(', ')}: not one of ${actorRoles.join(', ')}`);
  const badCode = options.jurisdiction.find((j) => !/^CN(-[A-Z]{2})?$/.test(j));
  if (badCode)
    throw new Error(`--jurisdiction ${badCode}: use CN or an ISO 3166-2 code like CN-ZJ`);
  const roles = options.role as ActorRole[];
  if (roles.some((r) => r === 'organizer' || r === 'employer') && !options.org)
    throw new Error('--org is required for organizers and employers');
  if (roles.includes('professional') && !options.person)
    throw new Error('--person is required for professionals');
  return {
    sub: options.sub ?? `${roles[0]}-${options.org ?? options.person ?? options.jurisdiction[0]}`,
    roles,
    jurisdictions: options.jurisdiction,
    org: options.org,
    person: options.person,
  };
}

async function embeddedTokens(config: AppConfig): Promise<TokenVerifier> {
  const tokens = await TokenVerifier.fromConfig(config);
  if (!tokens.embedded)
    throw new Error(
      'JWT_PUBLIC_KEY or JWT_JWKS_URL is set: tokens come from your identity provider, not from here',
    );
  return tokens;
}

const claimOptions = (command: Command) =>
  command
    .requiredOption(
      '--role <role>',
      `one of ${actorRoles.join(', ')} (repeat for several)`,
      collect,
      [],
    )
    .requiredOption(
      '--jurisdiction <code>',
      'CN (national) or an ISO 3166-2 code such as CN-ZJ (repeat for several)',
      collect,
      [],
    )
    .option('--sub <id>', 'the subject: an opaque actor id, never personal data')
    .option('--org <id>', 'the organization an organizer or employer acts for')
    .option('--person <id>', 'the person id a professional is');

claimOptions(
  program
    .command('token')
    .description(
      'mint a bearer token signed with the embedded default secret under DATA_DIR (refused when JWT_PUBLIC_KEY or JWT_JWKS_URL is set: use your identity provider)',
    ),
)
  .option('--expires <span>', 'lifetime, e.g. 8h or 30m', '8h')
  .action(async (options: ClaimOptions & { expires: string }) => {
    const claims = claimsFrom(options);
    const tokens = await embeddedTokens(loadConfig());
    process.stdout.write(`${await tokens.mint(claims, options.expires)}\n`);
  });

claimOptions(
  program
    .command('sign-in')
    .description(
      'print a one-time link that signs a browser into the web console (embedded default only; the link works once and expires in minutes)',
    ),
)
  .option(
    '--expires <minutes>',
    'minutes the link can be opened',
    (v) => Number.parseInt(v, 10),
    signInLinkMinutesDefault,
  )
  .option('--url <base>', "the console's address (default http://localhost:PORT)")
  .action(async (options: ClaimOptions & { expires: number; url?: string }) => {
    const claims = claimsFrom(options);
    if (!Number.isInteger(options.expires) || options.expires < 1 || options.expires > 60)
      throw new Error('--expires must be a whole number of minutes from 1 to 60');
    const config = loadConfig();
    await embeddedTokens(config);
    const { database, close } = await openLedger(config);
    try {
      const { code, expiresAt } = await createSignInLink(database.sql, claims, options.expires);
      process.stdout.write(
        `${signInUrl(options.url ?? `http://localhost:${config.port}`, code)}\n`,
      );
      process.stderr.write(
        `one-time sign-in link for ${claims.roles.join(', ')} in ${claims.jurisdictions.join(', ')}; expires ${expiresAt.toISOString()}\n`,
      );
    } finally {
      await close();
    }
  });

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A store from a URL: postgres:// (migrated first) or esdb://, built by createEventStore. */
async function openStore(url: string): Promise<{ store: EventStore; close: () => Promise<void> }> {
  if (/^(esdb|kurrentdb)(\+discover)?:\/\//.test(url)) {
    const store = createEventStore({ eventStoreConnectionString: url }, null);
    return { store, close: () => disposeEventStore(store) };
  }
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    EVENTSTORE_CONNECTION_STRING: '',
  });
  const { store, close } = await openLedger(config);
  return { store, close };
}

const storeUrl = (kind: string, env: NodeJS.ProcessEnv): string => {
  if (kind === 'postgres') {
    if (!env.DATABASE_URL)
      throw new Error(
        '--from/--to postgres uses DATABASE_URL, which is unset (or give a postgres:// URL)',
      );
    return env.DATABASE_URL;
  }
  if (kind === 'eventstoredb') {
    if (!env.EVENTSTORE_CONNECTION_STRING)
      throw new Error(
        '--from/--to eventstoredb uses EVENTSTORE_CONNECTION_STRING, which is unset (or give an esdb:// URL)',
      );
    return env.EVENTSTORE_CONNECTION_STRING;
  }
  return kind;
};

program
  .command('migrate-store')
  .description(
    'copy the whole log between stores (postgres ⇄ eventstoredb, or two postgres:// URLs), positions mapped, hashes checked, resumable',
  )
  .requiredOption('--from <store>', 'postgres, eventstoredb, or a postgres:// / esdb:// URL')
  .requiredOption('--to <store>', 'postgres, eventstoredb, or a postgres:// / esdb:// URL')
  .option(
    '--map <file>',
    'position map (NDJSON); an interrupted run resumes from it',
    'migrate-store.map.ndjson',
  )
  .action(async (options: { from: string; to: string; map: string }) => {
    const source = await openStore(storeUrl(options.from, process.env));
    const target = await openStore(storeUrl(options.to, process.env));
    try {
      const result = await migrateStore(source.store, target.store, options.map, {
        onProgress: (n) => process.stderr.write(`\rcopied ${n} events`),
      });
      process.stdout.write(`\n${JSON.stringify(result)}\n`);
    } finally {
      await source.close();
      await target.close();
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`ledger: ${(error as Error).message}\n`);
  process.exit(1);
});
