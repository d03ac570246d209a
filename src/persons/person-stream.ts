import { msg } from '../shared/domain/messages';
import type { EventMetadata, EventStore } from '../event-store/event-store.port';
import type { HandleOptions } from '../shared/application/handle';
import { loadState } from '../shared/application/state-cache';
import { notFound } from '../shared/domain/domain-error';
import { isReplay } from '../shared/http/command-metadata';
import type { Actor } from '../shared/http/actor';
import { authorize } from '../shared/http/access-policy';
import { derivedId, randomId, splitCompositeId } from '../shared/ids';
import { loadSeal } from '../year-audits/year-seal.queries';
import { creditView } from './credit.view';
import type { CorrectionLimits } from './domain/corrections';
import {
  type CorrectionState,
  type CreditState,
  personEvolver,
  type PersonState,
} from './domain/person.decider';
import { type PersonEvent, personStreamId } from './domain/person.events';
import { attributesForCreditYear } from './domain/person-attributes';

/**
 * What the handlers of a person's stream share, as options for handle(): the person must exist
 * and be in the actor's jurisdiction, and an Idempotency-Key retry is answered from the state.
 */

/** The id of a command's fact on a person's stream: derived from the Idempotency-Key when there
 * is one (so a retry answers the same), random otherwise. `commandName` keeps the ids of old. */
export function personFactId(
  personId: string,
  commandName: string,
  actor: Actor,
  idempotencyKey: string | undefined,
): string {
  return idempotencyKey
    ? derivedId(personId, commandName, actor.actorId, idempotencyKey)
    : randomId();
}

/** A command on a person's stream by someone covering the person's jurisdiction; every event it
 * produces carries `factId`, and `view` answers from the state after it. */
export function onPerson<R>(options: {
  actor: Actor;
  factId: string;
  metadata: EventMetadata;
  now: Date;
  view: (state: PersonState) => R;
}): HandleOptions<PersonState, PersonEvent, R> {
  const { actor, factId, metadata, view } = options;
  return {
    metadata,
    eventId: () => factId,
    occurredAt: options.now,
    check: (state, loaded) => {
      if (!state.registration) throw notFound('personId', msg('not-found.person'));
      authorize(actor, state.registration);
      if (isReplay(loaded, factId, metadata.requestFingerprint as string | undefined))
        return { answer: view(state) };
      return undefined;
    },
    result: (after) => view(after),
  };
}

/** The person whose stream holds a credit (a credit id names its person). */
export function creditPersonId(creditId: string): string {
  const personId = splitCompositeId(creditId)?.parent;
  if (!personId) throw notFound('creditId', msg('not-found.credit'));
  return personId;
}

/** The id of a command's first event on one credit (derived from the Idempotency-Key if any). */
export function creditEventId(creditId: string, actor: Actor, idempotencyKey: string | undefined) {
  return idempotencyKey ? derivedId(creditId, actor.actorId, idempotencyKey) : randomId();
}

export type CreditCommandResult = ReturnType<typeof creditView> & {
  /** Corrections of this credit that went through maker-checker, oldest first. */
  corrections: CorrectionState[];
  /** The correction this request asked for, when it waits for a second admin (HTTP 202). */
  heldForApproval: CorrectionState | null;
};

function creditResult(state: PersonState, creditId: string, factId: string): CreditCommandResult {
  const held = state.corrections.get(factId);
  return {
    ...creditView(state.credits.get(creditId) as CreditState),
    corrections: [...state.corrections.values()].filter((c) => c.creditId === creditId),
    heldForApproval: held?.status === 'awaiting-approval' ? held : null,
  };
}

/**
 * A command on one credit: the actor must cover its person's jurisdiction; it answers with the
 * credit as it now is. The first event carries `eventId` (idempotency), the rest ids derived from it.
 */
export function onCredit(options: {
  actor: Actor;
  creditId: string;
  eventId: string;
  metadata: EventMetadata;
  now: Date;
}): HandleOptions<PersonState, PersonEvent, CreditCommandResult> {
  const { actor, creditId, eventId, metadata } = options;
  return {
    metadata,
    eventId: (_event, index) => (index === 0 ? eventId : derivedId(eventId, String(index))),
    occurredAt: options.now,
    check: (state, loaded) => {
      if (!state.registration) throw notFound('creditId', msg('not-found.credit'));
      authorize(actor, state.registration);
      if (isReplay(loaded, eventId, metadata.requestFingerprint as string | undefined))
        return { answer: creditResult(state, creditId, eventId) };
      return undefined;
    },
    result: (after) => creditResult(after, creditId, eventId),
  };
}

/** When a correction needs a second admin: its size against the threshold, and whether the
 * credit's year is sealed in the person's jurisdiction. */
export async function correctionLimits(
  store: EventStore,
  approvalAbove: string,
  creditId: string,
): Promise<CorrectionLimits> {
  const personId = splitCompositeId(creditId)?.parent;
  if (!personId) return { approvalAbove, yearSealed: false };
  const { state } = await loadState(store, personStreamId(personId), personEvolver);
  const credit = state.credits.get(creditId);
  if (!credit || !state.registration) return { approvalAbove, yearSealed: false };
  // The year's jurisdiction: the one in force on its last day (a transfer moves later years only).
  const jurisdiction = state.attributes
    ? attributesForCreditYear(state.attributes, credit.creditYear).jurisdiction
    : state.registration.jurisdiction;
  const seal = await loadSeal(store, jurisdiction, credit.creditYear);
  return { approvalAbove, yearSealed: seal !== null };
}
