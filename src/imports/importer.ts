import { OrganizerSanctions } from '../organizers/organizer-sanctions';
import { Inject, Injectable } from '@nestjs/common';
import { type Command, CommandBus } from '@nestjs/cqrs';
import {
  RegisterActivity,
  RegisterActivityHandler,
} from '../activities/register-activity/register-activity.handler';
import {
  ScheduleSession,
  ScheduleSessionHandler,
} from '../activities/schedule-session/schedule-session.handler';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { PersonDirectory } from '../persons/person-directory';
import type { PersonKeys } from '../persons/person-keys';
import {
  RegisterPerson,
  RegisterPersonHandler,
} from '../persons/register-person/register-person.handler';
import {
  RecordAttendance,
  RecordAttendanceHandler,
} from '../sessions/record-attendance/record-attendance.handler';
import type { ScanDuplicates } from '../sessions/scan-duplicates';
import { SessionContexts } from '../sessions/session-contexts';
import { type Message, msg } from '../shared/domain/messages';
import { handle } from '../shared/application/handle';
import { actorMetadata } from '../shared/http/command-metadata';
import type { Actor } from '../shared/http/actor';
import { derivedId } from '../shared/ids';
import { PII_VAULT, PiiVault } from '../shared/pii-vault';
import { importBatchDecider, importBatchStreamId } from './domain/import-batch';
import { type ImportKind, mapHeaders } from './domain/import-kinds';
import { DryRunStore } from './dry-run-store';
import { ImportCredit, ImportCreditHandler } from './import-credit/import-credit.handler';
import type { ImportFile } from './import-file';
import { planRow, refusalOf, type RowContext } from './import-rows';

/**
 * Rows whose commands run at once. Scans of one session then share one load and one append (group
 * commit, at most 200 a batch): the bigger the batches, the fewer the appends and the fewer the
 * copies of the session's state each batch folds its events onto.
 */
export const checkConcurrency = 256;
export const recordConcurrency = 128;

export type RowStatus =
  'would-record' | 'recorded' | 'already-recorded' | 'refused' | 'not-recorded';

export interface RowOutcome {
  row: number;
  status: RowStatus;
  /** The column at fault (Chinese / English), when one is. */
  column: string | null;
  /** The rule that refused it: R1…R17, or format, jurisdiction, forbidden, not-found, conflict. */
  rule: string | null;
  /** What happened to the row, or why it was refused (rendered in the reader's language). */
  message: Message;
  /** Ids the row records or names: personId, activityId, sessionId, attendanceId, creditId. */
  ids: Record<string, string>;
  /** Event types the row records (or would record). */
  events: string[];
}

export interface ImportReport {
  batchId: string;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  format: ImportFile['format'];
  encoding: ImportFile['encoding'];
  jurisdiction: string;
  dryRun: boolean;
  acceptValid: boolean;
  /** Whether anything of this file was recorded by this call (false for a dry run or a refusal). */
  recorded: boolean;
  /** What happened, in words (rendered in the reader's language). */
  outcome: Message;
  rowCount: number;
  summary: Record<RowStatus, number>;
  /** Header problems: unknown, repeated or missing columns (then no row is looked at). */
  fileProblems: { column: string; message: Message }[];
  rows: RowOutcome[];
}

export interface ImportRequest {
  kind: ImportKind;
  file: ImportFile;
  actor: Actor;
  jurisdiction: string;
  dryRun: boolean;
  acceptValid: boolean;
  onProgress?: (phase: 'check' | 'record', done: number, total: number) => void;
}

interface CommandRunner {
  execute(command: Command<unknown>): Promise<unknown>;
}

/**
 * Imports a file row by row through the API's own commands and handlers. First every row is
 * checked by running those handlers against a DryRunStore (every rule applies, nothing is
 * written); then, unless it was a dry run or rows were refused without `acceptValid`, the batch is
 * recorded and the rows that would record something run again, for real, through the command bus.
 */
@Injectable()
export class Importer {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PII_VAULT) private readonly vault: PiiVault,
  ) {}

  async import(request: ImportRequest): Promise<ImportReport> {
    const { kind, file, actor, jurisdiction } = request;
    const batchId = derivedId('import-batch', kind, jurisdiction, file.sha256);
    const batchEventId = derivedId(batchId, 'recorded');
    const report: ImportReport = {
      batchId,
      kind,
      fileName: file.fileName,
      sha256: file.sha256,
      format: file.format,
      encoding: file.encoding,
      jurisdiction,
      dryRun: request.dryRun,
      acceptValid: request.acceptValid,
      recorded: false,
      outcome: msg('import.header-wrong'),
      rowCount: file.rows.length,
      summary: {
        'would-record': 0,
        recorded: 0,
        'already-recorded': 0,
        refused: 0,
        'not-recorded': 0,
      },
      fileProblems: [],
      rows: [],
    };
    const headers = mapHeaders(kind, file.headers);
    if (headers.problems.length > 0) {
      report.fileProblems = headers.problems;
      report.outcome = msg('import.header-wrong');
      return report;
    }

    // Pass 1: every row through the real handlers over a dry-run store.
    const dry = new DryRunStore(this.store);
    const dryBus = dryRunCommands(dry, this.vault);
    const people = new PersonDirectory(this.vault, dry);
    const sessions = new SessionContexts(dry);
    // Rows run side by side, as the service's requests do: a session's scans share one load and
    // one append (group commit), so the check costs what the recording costs.
    const plans: (Command<unknown>[] | null)[] = new Array(file.rows.length).fill(null);
    let checked = 0;
    await inPool(file.rows.length, checkConcurrency, async (index) => {
      const { rowNumber, cells } = file.rows[index];
      const record: Record<string, string | undefined> = {};
      headers.fields.forEach((field, i) => {
        const value = (cells[i] ?? '').trim();
        if (field && value !== '') record[field] = value;
      });
      const ctx: RowContext = {
        kind,
        actor,
        jurisdiction,
        now: new Date(),
        metadata: actorMetadata(actor, {
          importBatchId: batchId,
          importFile: file.fileName,
          importRow: rowNumber,
          causationId: batchEventId,
        }),
        resolvePerson: (ref) => people.resolve(ref),
        sessionJurisdiction: async (sessionId) =>
          (await sessions.load(sessionId)).context.activity.jurisdiction,
      };
      try {
        const plan = await planRow(record, ctx);
        for (const command of plan.commands) await dryBus.execute(command);
        plans[index] = plan.commands;
        report.rows[index] = {
          row: rowNumber,
          status: 'would-record',
          column: null,
          rule: null,
          message: msg('import.row-would-record', { events: '' }),
          ids: plan.ids,
          events: [],
        };
      } catch (error) {
        const refusal = refusalOf(kind, error);
        report.rows[index] = {
          row: rowNumber,
          status: 'refused',
          column: refusal.column,
          rule: refusal.rule,
          message: refusal.text,
          ids: {},
          events: [],
        };
      }
      checked += 1;
      request.onProgress?.('check', checked, file.rows.length);
    });
    // What each row would append, from the events' own metadata; a row appending nothing is
    // recorded already (the same file again, or the same fact from elsewhere).
    const appendedByRow = new Map<unknown, string[]>();
    for (const e of dry.appended) {
      const row = e.metadata.importRow;
      appendedByRow.set(row, [...(appendedByRow.get(row) ?? []), e.type]);
    }
    for (const [index, row] of report.rows.entries()) {
      if (row.status === 'refused') continue;
      row.events = appendedByRow.get(row.row) ?? [];
      if (row.events.length === 0) {
        row.status = 'already-recorded';
        row.message = msg('import.row-already-recorded');
        plans[index] = null;
      } else row.message = msg('import.row-would-record', { events: row.events.join(', ') });
    }
    const refused = report.rows.filter((r) => r.status === 'refused').length;
    const count = () => {
      for (const status of Object.keys(report.summary) as RowStatus[])
        report.summary[status] = report.rows.filter((r) => r.status === status).length;
    };
    if (request.dryRun) {
      count();
      report.outcome = msg('import.dry-run', {
        wouldRecord: report.summary['would-record'],
        already: report.summary['already-recorded'],
        refused,
      });
      return report;
    }
    if (refused > 0 && !request.acceptValid) {
      for (const row of report.rows)
        if (row.status === 'would-record') {
          row.status = 'not-recorded';
          row.message = msg('import.row-not-recorded', { events: row.events.join(', ') });
        }
      count();
      report.outcome = msg('import.refused-rows', { refused });
      return report;
    }

    // Pass 2: the batch, then the rows that record something, for real, through the command bus.
    await handle(
      this.store,
      importBatchDecider,
      importBatchStreamId(batchId),
      {
        type: 'RecordImportBatch',
        batch: {
          batchId,
          kind,
          fileName: file.fileName,
          sha256: file.sha256,
          rowCount: file.rows.length,
          acceptedRows: file.rows.length - refused,
          refusedRows: refused,
          jurisdiction,
        },
      },
      {
        metadata: actorMetadata(actor),
        eventId: () => batchEventId,
        occurredAt: new Date(),
        result: () => undefined,
      },
    );
    const pending = plans.flatMap((commands, index) => (commands ? [{ commands, index }] : []));
    let done = 0;
    await inPool(pending.length, recordConcurrency, async (n) => {
      const { commands, index } = pending[n];
      const row = report.rows[index];
      try {
        for (const command of commands) await this.commands.execute(command);
        row.status = 'recorded';
        row.message = msg('import.row-recorded', { events: row.events.join(', ') });
      } catch (error) {
        const refusal = refusalOf(kind, error);
        row.status = 'refused';
        row.column = refusal.column;
        row.rule = refusal.rule;
        row.message = refusal.text;
        row.events = [];
      }
      done += 1;
      request.onProgress?.('record', done, pending.length);
    });
    count();
    report.recorded = true;
    report.outcome = msg('import.imported', {
      recorded: report.summary.recorded,
      already: report.summary['already-recorded'],
      refused: report.summary.refused,
    });
    return report;
  }
}

/** Runs `task(0 … count - 1)` with at most `width` at a time. */
async function inPool(
  count: number,
  width: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/**
 * The handlers of the commands an import runs, built over a dry-run store: the same classes the
 * command bus dispatches to, so the dry run applies exactly the rules the API applies. Personal
 * data is not sealed (no key is created) and repeated scans are not counted.
 */
function dryRunCommands(store: DryRunStore, vault: PiiVault): CommandRunner {
  const people = new PersonDirectory(vault, store);
  const sanctions = new OrganizerSanctions(store);
  const keys = {
    sealFor: async (_personId: string, values: readonly string[]) => values.map(() => 'dry-run'),
  } as unknown as PersonKeys;
  const duplicates = { count: async () => undefined } as unknown as ScanDuplicates;
  const handlers = new Map<unknown, { execute(command: never): Promise<unknown> }>([
    [RegisterPerson, new RegisterPersonHandler(store, vault, people, keys)],
    [RegisterActivity, new RegisterActivityHandler(store, sanctions)],
    [ScheduleSession, new ScheduleSessionHandler(store, sanctions)],
    [RecordAttendance, new RecordAttendanceHandler(store, new SessionContexts(store), duplicates)],
    [ImportCredit, new ImportCreditHandler(store)],
  ]);
  return {
    execute(command) {
      const handler = handlers.get(command.constructor);
      if (!handler) throw new Error(`no dry-run handler for ${command.constructor.name}`);
      return handler.execute(command as never);
    },
  };
}
