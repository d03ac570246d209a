import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { catchError, from, type Observable, switchMap, throwError } from 'rxjs';
import { Database, DATABASE } from '../../database/database';
import { canonicalJson } from '../domain/canonical-json';
import { invalid } from '../domain/domain-error';
import type { Actor } from './actor';
import { idempotencyKeyPattern } from './idempotency-key';
import { msg } from '../domain/messages';

/**
 * How long a key is remembered. A client retries within minutes or hours; after this the key may
 * name another command, and an identical retry is still answered by the command's own stream
 * (its events carry the key).
 */
export const idempotencyKeysKeptDays = 30;
/** Each process prunes expired keys at most this often, after a claim (never in its way). */
const pruneEveryMs = 10 * 60_000;

/**
 * An `Idempotency-Key` names one command: the method, the path (so the record it addresses) and
 * the body. Before the handler runs, the key is recorded for the actor with that command's
 * fingerprint; the same key again with another command — on any route, for any record — is a
 * 422 and nothing runs. (The key's well-formedness is checked by the IdempotencyKey decorator.)
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private lastPrunedAt = 0;

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{
      method: string;
      path: string;
      body: unknown;
      headers: Record<string, string | undefined>;
      actor?: Actor;
    }>();
    const key = request.headers['idempotency-key'];
    // A malformed key is the IdempotencyKey decorator's 400, not recorded here.
    if (request.method !== 'POST' || !key || !idempotencyKeyPattern.test(key) || !request.actor)
      return next.handle();
    const actorId = request.actor.actorId;
    const fingerprint = commandFingerprint(request.method, request.path, request.body);
    return from(this.claim(actorId, key, fingerprint)).pipe(
      switchMap((claimed) =>
        next.handle().pipe(
          // A request that failed recorded nothing: its key is free again for a corrected one.
          catchError((error: unknown) =>
            from(claimed ? this.release(actorId, key, fingerprint) : Promise.resolve()).pipe(
              switchMap(() => throwError(() => error)),
            ),
          ),
        ),
      ),
    );
  }

  /** Records the key for this command; true when this request recorded it first. */
  private async claim(actorId: string, key: string, fingerprint: string): Promise<boolean> {
    const [row] = await this.database.sql<{ fingerprint: string; claimed: boolean }[]>`
      WITH claimed AS (
        INSERT INTO idempotency_keys (actor_id, key, fingerprint)
        VALUES (${actorId}, ${key}, ${fingerprint})
        ON CONFLICT (actor_id, key) DO NOTHING
        RETURNING fingerprint)
      SELECT fingerprint, true AS claimed FROM claimed
      UNION ALL
      SELECT fingerprint, false FROM idempotency_keys WHERE actor_id = ${actorId} AND key = ${key}
      LIMIT 1`;
    if (row && row.fingerprint !== fingerprint)
      throw invalid('Idempotency-Key', msg('invalid.idempotency-key-reused'));
    if (Date.now() - this.lastPrunedAt >= pruneEveryMs) {
      this.lastPrunedAt = Date.now();
      void this.pruneExpired();
    }
    return row?.claimed ?? false;
  }

  /** Forgets keys older than `idempotencyKeysKeptDays` (a failure is retried at the next turn). */
  async pruneExpired(): Promise<number> {
    try {
      const deleted = await this.database.sql`
        DELETE FROM idempotency_keys
         WHERE first_used_at < now() - make_interval(days => ${idempotencyKeysKeptDays})`;
      return deleted.count;
    } catch {
      this.lastPrunedAt = 0;
      return 0;
    }
  }

  private async release(actorId: string, key: string, fingerprint: string): Promise<void> {
    await this.database.sql`
      DELETE FROM idempotency_keys
       WHERE actor_id = ${actorId} AND key = ${key} AND fingerprint = ${fingerprint}`.catch(
      () => undefined,
    );
  }
}

export function commandFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ method, path, body: body ?? null }))
    .digest('hex')
    .slice(0, 32);
}
