import { isDatabaseUnavailable } from './unavailable.filter';

describe('which errors mean "the database is away" (503 with Retry-After)', () => {
  const withCode = (code: string) => Object.assign(new Error(code), { code });

  it('connection failures, server shutdowns and a full server', () => {
    for (const code of [
      'ECONNREFUSED',
      'ENOTFOUND',
      'CONNECTION_CLOSED',
      'CONNECT_TIMEOUT',
      '08006',
      '57P01',
      '57P03',
      '53300',
      'EVENT_STORE_UNAVAILABLE', // EventStoreUnavailableError (the log on EventStoreDB is away)
    ])
      expect([code, isDatabaseUnavailable(withCode(code))]).toEqual([code, true]);
  });

  it('never a request that is wrong or a conflict: those keep their own status', () => {
    for (const code of ['23505', '22P02', '40001', '42P01', 'ERR_INVALID_ARG_TYPE'])
      expect([code, isDatabaseUnavailable(withCode(code))]).toEqual([code, false]);
    expect(isDatabaseUnavailable(new Error('no code'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
