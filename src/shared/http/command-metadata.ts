import { msg } from '../domain/messages';
import { createHash } from 'node:crypto';
import type { EventMetadata } from '../../event-store/event-store.port';
import { canonicalJson } from '../domain/canonical-json';
import { invalid } from '../domain/domain-error';
import type { Loaded } from '../application/state-cache';
import type { Actor } from './actor';

/** What a command from HTTP carries into its events' metadata: who, why, and Idempotency-Key. */

export function actorMetadata(actor: Actor, extra: EventMetadata = {}): EventMetadata {
  return { actorId: actor.actorId, role: actor.role, jurisdiction: actor.jurisdiction, ...extra };
}

/**
 * Event metadata of a command from HTTP: the actor, the reason where one is given, and with an
 * Idempotency-Key the key and the request's fingerprint (to tell a retry from a reuse).
 */
export function commandMetadata(
  actor: Actor,
  request: { idempotencyKey?: string; body?: unknown; reason?: string } = {},
): EventMetadata {
  return actorMetadata(actor, {
    ...(request.reason ? { reason: request.reason } : {}),
    ...(request.idempotencyKey
      ? {
          idempotencyKey: request.idempotencyKey,
          requestFingerprint: requestFingerprint(request.body),
        }
      : {}),
  });
}

/**
 * An Idempotency-Key replay: the event the first request appended is already in the stream.
 * True when it is the same request again; a different request under the same key is refused.
 */
export function isReplay(
  loaded: Loaded<unknown>,
  eventId: string,
  fingerprint: string | undefined,
): boolean {
  const metadata = loaded.eventIds.get(eventId);
  if (!metadata) return false;
  if (metadata.requestFingerprint !== fingerprint) {
    throw invalid('Idempotency-Key', msg('invalid.idempotency-key'));
  }
  return true;
}

/** Fingerprint of a request body, kept with an Idempotency-Key to tell a retry from a reuse. */
export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex').slice(0, 32);
}
