import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { projections } from '../../projections';
import { type AppConfig, loadConfig } from '../config/app-config';
import { Database } from '../database/database';
import { createEventStore, disposeEventStore } from '../event-store/event-store.factory';
import type { EventStore } from '../event-store/event-store.port';
import { migrateStore } from '../event-store/migrate-store';
import {
  digestWithHeads,
  type PublishedDigest,
  verifyLedger,
} from '../audit/verification/ledger-verifier';
import { decodeLogPosition } from '../event-store/event-store.port';
import { readFileSync } from 'node:fs';
import { rebuildProjections } from '../projections/rebuild';
import {
  archiveBefore,
  purgeArchive,
  purgeUnsupported,
  RetentionError,
  verifyArchive,
} from '../retention/archive';
import * as path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { closeOnSignals, createApp } from '../app.factory';
import { importKinds, type ImportKind } from '../imports/domain/import-kinds';
import { readImportFile } from '../imports/import-file';
import { reportFile, reportText, templateFile } from '../imports/import-report';
import { Importer } from '../imports/importer';
import { accessPolicy, type Scope } from '../shared/http/access-policy';
import type { Actor } from '../shared/http/actor';
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
      if (options.purge && !store.purgeArchivedEvents) throw new Error(purgeUnsupported);
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
  .option(
    '--against <file>',
    'a digest published earlier (JSON from `ledger digest --heads`): also name every stream that lost its tail or vanished since',
  )
  .action(async (options: { against?: string }) => {
    const published = options.against
      ? (JSON.parse(readFileSync(options.against, 'utf8')) as PublishedDigest)
      : undefined;
    const { store, close } = await openLedger();
    try {
      const report = await verifyLedger(store, { published });
      process.stdout.write(
        `${JSON.stringify({ ok: report.ok, streams: report.streams, events: report.events, firstBreak: report.firstBreak, digest: report.digest }, null, 2)}\n`,
      );
      if (!report.ok) process.exitCode = 1;
    } finally {
      await close();
    }
  });

program
  .command('digest')
  .description(
    'the Merkle root over every stream head at a log position (default: now), as GET /audit/digest; with --heads, the heads too, to publish and later check with `verify --against`',
  )
  .option('--position <commit:prepare>', 'a log position from an earlier digest')
  .option('--heads', 'include the stream heads the root was made from')
  .action(async (options: { position?: string; heads?: boolean }) => {
    const { store, close } = await openLedger();
    try {
      const at = options.position ? decodeLogPosition(options.position) : undefined;
      const { digest, heads } = await digestWithHeads(store, at);
      process.stdout.write(
        `${JSON.stringify(options.heads ? { ...digest, heads } : digest, null, 2)}\n`,
      );
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
  if (options.role.length === 0)
    throw new Error(`--role is required: one of ${actorRoles.join(', ')}`);
  const unknown = options.role.filter((r) => !actorRoles.includes(r as ActorRole));
  if (unknown.length > 0)
    throw new Error(`--role ${unknown.join(', ')}: not one of ${actorRoles.join(', ')}`);
  const badCode = options.jurisdiction.find((j) => !/^CN(-[A-Z]{2})?$/.test(j));
  if (badCode)
    throw new Error(`--jurisdiction ${badCode}: use CN or an ISO 3166-2 code like CN-ZJ`);
  const roles = options.role as ActorRole[];
  // Every role acts within jurisdictions: a token without one would be refused by the service.
  if (options.jurisdiction.length === 0)
    throw new Error(
      `--jurisdiction is required: ${roles.join(', ')} acts within jurisdictions (CN for national, or a code such as CN-ZJ)`,
    );
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

program
  .command('import')
  .description(
    "import people, activities, an attendance roster or historical credits from CSV (UTF-8 or GB18030) or XLSX, through the API's own commands; writes a report per row",
  )
  .argument('<kind>', importKinds.join(', '))
  .argument('<file>', 'the CSV or XLSX file (header row as in `ledger import-template <kind>`)')
  .option('--dry-run', 'check every row and write the report; record nothing')
  .option('--accept-valid', 'record the valid rows even though some rows are refused')
  .option(
    '--jurisdiction <code>',
    'the jurisdiction the file belongs to (default: the first --role jurisdiction, CN-ZJ style)',
  )
  .option(
    '--role <role>',
    'act as committee (default) or, for attendance, organizer (default there), or employer',
  )
  .option('--org <id>', 'the organization an organizer or employer acts for')
  .option('--actor <id>', 'the actor id recorded in every event (opaque, never personal data)')
  .option('--report <file>', 'where to write the report (.csv or .xlsx)', '')
  .option('--quiet', 'no progress bar')
  .action(
    async (
      kind: string,
      file: string,
      options: {
        dryRun?: boolean;
        acceptValid?: boolean;
        jurisdiction?: string;
        role?: string;
        org?: string;
        actor?: string;
        report: string;
        quiet?: boolean;
      },
    ) => {
      if (!importKinds.includes(kind as ImportKind))
        throw new Error(`<kind> ${kind}: choose one of ${importKinds.join(', ')}`);
      const jurisdiction = options.jurisdiction ?? 'CN';
      if (!/^CN(-[A-Z]{2})?$/.test(jurisdiction))
        throw new Error(`--jurisdiction ${jurisdiction}: use CN or an ISO 3166-2 code like CN-ZJ`);
      const actor = importActor(kind as ImportKind, jurisdiction, options);
      const bytes = await readFile(file);
      const reportPath =
        options.report ||
        `${file.replace(/\.(csv|xlsx)$/i, '')}.report.${/\.xlsx$/i.test(file) ? 'xlsx' : 'csv'}`;
      const config = { ...loadConfig(), logLevel: process.env.LOG_LEVEL ?? 'warn' };
      const app = await createApp(config);
      closeOnSignals(app, config, 130);
      await app.init();
      try {
        const imported = await readImportFile(path.basename(file), bytes);
        const bar = new SingleBar(
          {
            format: `${kind} {phase} {bar} {percentage}% | {value}/{total} rows | ETA {eta_formatted}`,
            stream: process.stderr,
            noTTYOutput: false,
          },
          Presets.shades_classic,
        );
        let phase = '';
        const result = await app.get(Importer).import({
          kind: kind as ImportKind,
          file: imported,
          actor,
          jurisdiction,
          dryRun: options.dryRun ?? false,
          acceptValid: options.acceptValid ?? false,
          onProgress: (now, done, total) => {
            if (options.quiet || !process.stderr.isTTY) return;
            if (now !== phase) {
              if (phase) bar.stop();
              phase = now;
              bar.start(total, 0, { phase: now === 'check' ? '检查 check ' : '记录 record' });
            }
            if (done === total || done % 200 === 0) bar.update(done);
          },
        });
        if (phase) bar.stop();
        const report = reportText(result, 'both');
        await writeFile(
          reportPath,
          await reportFile(report, /\.xlsx$/i.test(reportPath) ? 'xlsx' : 'csv'),
        );
        process.stdout.write(
          `${report.outcome}\n` +
            `batch ${report.batchId} · ${report.rowCount} rows · sha256 ${report.sha256}\n` +
            `${JSON.stringify(report.summary)}\nreport: ${reportPath}\n`,
        );
        if (!report.dryRun && !report.recorded) process.exitCode = 1;
      } finally {
        await app.close();
      }
    },
  );

program
  .command('import-template')
  .description(
    'write the template of an import kind: its columns, Chinese and English, and an example row',
  )
  .argument('<kind>', importKinds.join(', '))
  .option('--format <format>', 'csv or xlsx', 'xlsx')
  .option('--out <file>', 'where to write it (default <kind>-template.<format>)')
  .action(async (kind: string, options: { format: string; out?: string }) => {
    if (!importKinds.includes(kind as ImportKind))
      throw new Error(`<kind> ${kind}: choose one of ${importKinds.join(', ')}`);
    if (options.format !== 'csv' && options.format !== 'xlsx')
      throw new Error('--format: csv or xlsx');
    const out = options.out ?? `${kind}-template.${options.format}`;
    await writeFile(out, await templateFile(kind as ImportKind, options.format));
    process.stdout.write(`${out}\n`);
  });

/** The actor a CLI import acts as: the role's scope on the import route, as a token would give. */
function importActor(
  kind: ImportKind,
  jurisdiction: string,
  options: { role?: string; org?: string; actor?: string },
): Actor {
  const role = (options.role ?? (kind === 'attendance' ? 'organizer' : 'committee')) as ActorRole;
  const scope = (accessPolicy[`imports.${kind}`] as Partial<Record<ActorRole, Scope>>)[role];
  if (!scope) throw new Error(`--role ${role} may not import ${kind}`);
  if ((role === 'organizer' || role === 'employer') && !options.org)
    throw new Error(`--org is required for ${role}s`);
  return {
    actorId: options.actor ?? `cli-import-${role}-${options.org ?? jurisdiction}`,
    role,
    scope,
    jurisdiction,
    jurisdictions: [jurisdiction],
    ...(options.org ? { orgId: options.org } : {}),
  };
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`ledger: ${(error as Error).message}\n`);
  process.exit(1);
});
