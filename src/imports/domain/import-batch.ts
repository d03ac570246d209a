import type { Decider, DomainEvent } from '../../shared/domain/domain-event';
import type { ImportKind } from './import-kinds';

/**
 * An import of a file: its content's SHA-256, how many rows it held, what it imported and where.
 * The actor is in the metadata, as on every event; every event a row caused names the batch (and
 * the row) in its metadata, and the batch event in `causationId`.
 */
export type ImportBatchRecorded = DomainEvent<
  'ImportBatchRecorded',
  {
    batchId: string;
    kind: ImportKind;
    fileName: string;
    sha256: string;
    rowCount: number;
    /** Rows the dry run found valid and that this import then recorded or found recorded. */
    acceptedRows: number;
    /** Rows refused (recorded only with --accept-valid); the report names each. */
    refusedRows: number;
    jurisdiction: string;
  }
>;

export const importBatchStreamId = (batchId: string) => `import-${batchId}`;

type State = { recorded: boolean };

/** One batch per file content, kind and jurisdiction: importing the same file again records nothing. */
export const importBatchDecider: Decider<
  { type: 'RecordImportBatch'; batch: ImportBatchRecorded['data'] },
  State,
  ImportBatchRecorded
> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  decide: (command, state) =>
    state.recorded ? [] : [{ type: 'ImportBatchRecorded', data: command.batch }],
};
