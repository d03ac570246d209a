import { EventStoreUnavailableError, InvalidAppendError } from '../event-store.errors';
import { connectionStringProblem, EventStoreAccessError, toPortError } from './eventstoredb-errors';

const clientError = (type: string) => Object.assign(new Error(`client says ${type}`), { type });

describe('EventStoreDB errors mapped to the port', () => {
  it.each(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader', 'cancelled'])(
    '%s → EventStoreUnavailableError, which the HTTP layer answers with 503',
    (type) => {
      const mapped = toPortError(clientError(type));
      expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
      // The code src/shared/http/unavailable.filter.ts answers with 503 (tested there).
      expect((mapped as { code?: string }).code).toBe('EVENT_STORE_UNAVAILABLE');
      expect((mapped as Error).message).toContain(type);
    },
  );

  it('an append too large → InvalidAppendError; access denied or a deleted stream → an operator error', () => {
    expect(toPortError(clientError('maximum-append-size-exceeded'))).toBeInstanceOf(
      InvalidAppendError,
    );
    expect(toPortError(clientError('access-denied'))).toBeInstanceOf(EventStoreAccessError);
    expect((toPortError(clientError('access-denied')) as Error).message).toMatch(/ACL/);
    expect((toPortError(clientError('stream-deleted')) as Error).message).toMatch(/deleted/);
  });

  it('anything else passes unchanged', () => {
    const plain = new Error('boom');
    expect(toPortError(plain)).toBe(plain);
    const unknown = clientError('unknown');
    expect(toPortError(unknown)).toBe(unknown);
    expect(toPortError(null)).toBeNull();
  });
});

describe('EventStoreDB connection strings: what client 6.2.1 accepts', () => {
  it.each([
    'esdb://localhost:2113?tls=false',
    'esdb://ledger:secret@node1:2113,node2:2113,node3:2113?tls=true&tlsCAFile=/certs/ca/ca.crt',
    'esdb+discover://cluster.dns:2113',
    'esdb://kurrentdb',
  ])('accepts %s', (text) => {
    expect(connectionStringProblem(text)).toBeNull();
  });

  it.each([
    ['kurrentdb://localhost:2113', /does not understand kurrentdb:\/\/; write esdb:\/\//],
    ['kurrentdb+discover://cluster:2113', /write esdb\+discover:\/\//],
    ['postgres://x', /not postgres:\/\//],
    ['localhost:2113', /must start with esdb:\/\//],
    ['esdb://', /names no host/],
    ['esdb://host:port', /"host:port" is not host\[:port\]/],
    ['esdb://host:2113?tls=yes', /tls must be true or false/],
    ['esdb://host:2113?tls', /"tls" is not key=value/],
  ])('refuses %s', (text, message) => {
    expect(connectionStringProblem(text)).toMatch(message);
  });
});
