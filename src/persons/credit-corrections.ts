import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { readWholeStream } from '../event-store/read-whole-stream';
import { inEnglish, type Message, msg } from '../shared/domain/messages';
import { shanghaiTimeText } from '../shared/domain/shanghai-time';
import type {
  CorrectionRequested,
  CreditAdjusted,
  CreditGrantData,
  CreditRevoked,
} from './domain/person.events';
import { personStreamId } from './domain/person.events';

/**
 * One correction of a credit as its listing shows it — what the trace shows as events, in words:
 * the kind, the amount before and after, the reason, who made it (and who approved it, when a
 * second admin did), and when, in Beijing time.
 */
export interface CreditCorrectionView {
  kind: 'adjusted' | 'revoked' | 'annulled';
  eventId: string;
  amountBefore: string;
  amountAfter: string;
  /** Category or subject changed by an adjustment: each with before and after. */
  changes: Record<string, { before: string | null; after: string | null }>;
  reason: string;
  actor: string | null;
  role: string | null;
  /** The correction held for a second admin that this carried out (null when made directly). */
  correctionId: string | null;
  approvedBy: string | null;
  /** Ledger time (ISO, UTC) and the same in Beijing time: `2026-11-20 08:30 +08:00`. */
  recordedAt: string;
  recordedAtShanghai: string;
  text: string;
  textCode: Message;
}

/** Each credit's corrections in log order, from the person's events. */
export function creditCorrectionsOf(
  events: readonly RecordedEvent[],
): Map<string, CreditCorrectionView[]> {
  const amounts = new Map<string, string>();
  const requested = new Map<string, CorrectionRequested['data']>();
  let approval: { correctionId: string; creditId: string; approvedBy: string } | null = null;
  const out = new Map<string, CreditCorrectionView[]>();
  const add = (creditId: string, view: CreditCorrectionView) =>
    out.set(creditId, [...(out.get(creditId) ?? []), view]);
  for (const event of events) {
    const data = event.data as { creditId?: string };
    const creditId = data.creditId;
    if (!creditId) continue;
    switch (event.type) {
      case 'CreditGranted':
      case 'CreditImported':
        amounts.set(creditId, (event.data as CreditGrantData).amount);
        continue;
      case 'CorrectionRequested': {
        const request = event.data as CorrectionRequested['data'];
        requested.set(request.correctionId, request);
        continue;
      }
      case 'CorrectionApproved':
        approval = event.data as { correctionId: string; creditId: string; approvedBy: string };
        continue;
    }
    if (!['CreditAdjusted', 'CreditRevoked', 'CreditAnnulled'].includes(event.type)) continue;
    const before = amounts.get(creditId) ?? '0';
    const approved = approval?.creditId === creditId ? approval : null;
    approval = null;
    const request = approved ? requested.get(approved.correctionId) : undefined;
    const reason = (event.data as { reason: string }).reason;
    const at = event.recordedAt.toISOString();
    const base = {
      eventId: event.eventId,
      amountBefore: before,
      reason,
      actor: request?.requestedBy ?? event.metadata.actorId ?? null,
      role: event.metadata.role ?? null,
      correctionId: approved?.correctionId ?? null,
      approvedBy: approved?.approvedBy ?? null,
      recordedAt: at,
      recordedAtShanghai: shanghaiTimeText(event.recordedAt),
    };
    if (event.type === 'CreditAdjusted') {
      const adjusted = event.data as CreditAdjusted['data'];
      const after = adjusted.changes.amount ?? before;
      amounts.set(creditId, after);
      const changes: CreditCorrectionView['changes'] = {};
      for (const key of ['category', 'subject'] as const)
        if (adjusted.changes[key] !== undefined)
          changes[key] = { before: adjusted.previous[key] ?? null, after: adjusted.changes[key] };
      const textCode =
        after !== before
          ? msg('credit.adjusted', { before, after, reason, at })
          : msg('credit.reclassified', { reason, at });
      add(creditId, {
        ...base,
        kind: 'adjusted',
        amountAfter: after,
        changes,
        textCode,
        text: inEnglish(textCode),
      });
    } else {
      const kind = event.type === 'CreditRevoked' ? 'revoked' : 'annulled';
      const textCode =
        kind === 'revoked'
          ? msg('credit.revoked', { reason: (event.data as CreditRevoked['data']).reason })
          : msg('credit.annulled', { reason });
      add(creditId, {
        ...base,
        kind,
        amountAfter: '0',
        changes: {},
        textCode,
        text: inEnglish(textCode),
      });
    }
  }
  return out;
}

/** The corrections of a person's credits, read from the person's stream. */
export async function creditCorrections(
  store: EventStore,
  personId: string,
): Promise<Map<string, CreditCorrectionView[]>> {
  return creditCorrectionsOf(await readWholeStream(store, personStreamId(personId)));
}
