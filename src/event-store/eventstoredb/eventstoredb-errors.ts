import { EventStoreUnavailableError, InvalidAppendError } from '../event-store.errors';

/**
 * Client errors mapped to the port's, so callers never see the transport: a server away, no
 * leader, a deadline or a cancelled call → EventStoreUnavailableError (HTTP 503, retry); an append
 * too large → InvalidAppendError (400); a refused user or a deleted stream → an error saying what
 * the operator must fix. Anything else passes unchanged. Decided on the client's `type` field
 * (its ErrorType values), so it is pure and tested with plain objects.
 */
const unavailableTypes = new Set([
  'unavailable',
  'deadline-exceeded',
  'timeout',
  'not-leader',
  'cancelled',
]);

export class EventStoreAccessError extends Error {
  override readonly name = 'EventStoreAccessError';
}

export function toPortError(error: unknown): unknown {
  const type = (error as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(error instanceof Error)) return error;
  if (unavailableTypes.has(type))
    return new EventStoreUnavailableError(
      `the EventStoreDB/KurrentDB log cannot be reached now (${type}): ${error.message}`,
      { cause: error },
    );
  if (type === 'maximum-append-size-exceeded')
    return new InvalidAppendError(`the append is larger than the server accepts: ${error.message}`);
  if (type === 'access-denied')
    return new EventStoreAccessError(
      `EventStoreDB/KurrentDB refused the ledger's user (${error.message}): check the credentials in EVENTSTORE_CONNECTION_STRING and the ACLs (README, Scaling out)`,
      { cause: error },
    );
  if (type === 'stream-deleted')
    return new EventStoreAccessError(
      `a ledger stream was deleted on the server (${error.message}): nothing is appended to it; run \`ledger verify\` and restore it from a backup`,
      { cause: error },
    );
  return error;
}

/**
 * Why a connection string cannot be used, or null. Client 6.2.1 parses only `esdb://` and
 * `esdb+discover://` (a KurrentDB server is reached with them too); `kurrentdb://` would pass a
 * looser check and then throw when the client starts.
 */
export function connectionStringProblem(text: string): string | null {
  const scheme = /^([a-z+]+):\/\//i.exec(text.trim())?.[1]?.toLowerCase();
  if (!scheme) return 'EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://';
  if (scheme === 'kurrentdb' || scheme === 'kurrentdb+discover' || scheme === 'kurrent')
    return `EVENTSTORE_CONNECTION_STRING: the client (@eventstore/db-client 6.2.1) does not understand ${scheme}://; write esdb${scheme.endsWith('+discover') ? '+discover' : ''}:// — it reaches KurrentDB servers as well`;
  if (scheme !== 'esdb' && scheme !== 'esdb+discover')
    return `EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://, not ${scheme}://`;
  const rest = text.trim().slice(scheme.length + 3);
  const hosts = rest.replace(/^[^@/?]*@/, '').split(/[/?]/)[0];
  if (!hosts) return 'EVENTSTORE_CONNECTION_STRING names no host';
  for (const host of hosts.split(',')) {
    const [name, port, extra] = host.split(':');
    if (!name || extra !== undefined || (port !== undefined && !/^\d{1,5}$/.test(port)))
      return `EVENTSTORE_CONNECTION_STRING: "${host}" is not host[:port]`;
  }
  const query = rest.includes('?') ? rest.slice(rest.indexOf('?') + 1) : '';
  for (const pair of query ? query.split('&') : []) {
    const [key, value] = pair.split('=');
    if (!key || !value) return `EVENTSTORE_CONNECTION_STRING: "${pair}" is not key=value`;
    if (/^(tls|tlsverifycert|throwonappendfailure)$/i.test(key) && !/^(true|false)$/.test(value))
      return `EVENTSTORE_CONNECTION_STRING: ${key} must be true or false`;
  }
  return null;
}
