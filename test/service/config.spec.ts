import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, configVariableNames, loadConfig } from '../../src/config/app-config';

describe('configuration', () => {
  it('has working defaults: embedded database under .data, port 3000', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.port).toBe(3000);
    expect(config.embeddedPgPort).toBe(54329);
  });

  it('the README lists every variable in its configuration table', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'));
    const missing = configVariableNames.filter((name) => !table.includes(`| \`${name}\``));
    expect(missing).toEqual([]);
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/cme',
      DATA_DIR: '/var/lib/cme',
      EMBEDDED_PG_PORT: '6000',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_POOL_MAX: '20',
      LOG_LEVEL: 'warn',
      SUBSCRIPTION_POLL_MS: '50',
      REACTION_WAIT_MS: '2500',
      SHUTDOWN_TIMEOUT_MS: '2000',
      PII_KEY: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=',
      PROJECTION_BATCH_SIZE: '250',
      PROJECTION_LAG_DEGRADED_SECONDS: '45',
      EVENTSTORE_CONNECTION_STRING: 'esdb://kurrentdb:2113?tls=false',
      RATE_LIMIT_PER_MINUTE: '100',
      SCAN_RATE_LIMIT_PER_MINUTE: '5000',
      BODY_LIMIT: '64kb',
      CORS_ORIGINS: 'https://cme.example.cn,https://admin.example.cn',
      CORRECTION_APPROVAL_THRESHOLD: '2.5',
      JWT_JWKS_URL: 'https://sso.example.cn/.well-known/jwks.json',
      JWT_ALGORITHM: 'ES256',
      JWT_ISSUER: 'https://sso.example.cn',
      JWT_AUDIENCE: 'cme-ledger',
      JWT_MAX_LIFETIME_MINUTES: '60',
      BEHIND_TLS: 'true',
      REQUEST_TIMEOUT_MS: '20000',
      OIDC_ISSUER: 'https://sso.example.cn',
      OIDC_CLIENT_ID: 'cme-console',
      OIDC_SCOPES: 'openid profile cme',
      PUBLIC_URL: 'https://cme.example.cn',
    });
    expect(config).toEqual({
      databaseUrl: 'postgres://u@db:5432/cme',
      dataDir: '/var/lib/cme',
      embeddedPgPort: 6000,
      port: 8080,
      host: '0.0.0.0',
      databasePoolMax: 20,
      logLevel: 'warn',
      subscriptionPollMs: 50,
      reactionWaitMs: 2500,
      shutdownTimeoutMs: 2000,
      piiKey: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=',
      projectionBatchSize: 250,
      projectionLagDegradedSeconds: 45,
      eventStoreConnectionString: 'esdb://kurrentdb:2113?tls=false',
      rateLimitPerMinute: 100,
      scanRateLimitPerMinute: 5000,
      bodyLimit: '64kb',
      corsOrigins: ['https://cme.example.cn', 'https://admin.example.cn'],
      correctionApprovalThreshold: '2.5',
      jwtPublicKey: undefined,
      jwtJwksUrl: 'https://sso.example.cn/.well-known/jwks.json',
      jwtAlgorithm: 'ES256',
      jwtIssuer: 'https://sso.example.cn',
      jwtAudience: 'cme-ledger',
      jwtMaxLifetimeMinutes: 60,
      behindTls: true,
      requestTimeoutMs: 20000,
      oidc: {
        issuer: 'https://sso.example.cn',
        clientId: 'cme-console',
        scopes: 'openid profile cme',
      },
      publicUrl: 'https://cme.example.cn',
    });
  });

  it('OIDC_*: a client id and a way to verify the tokens are required with an issuer; http:// only on this machine', () => {
    const jwks = { JWT_JWKS_URL: 'https://sso.example.cn/jwks' };
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.example.cn', ...jwks })).toThrow(
      /OIDC_CLIENT_ID: OIDC_ISSUER needs the console's client id too/,
    );
    expect(() =>
      loadConfig({ OIDC_ISSUER: 'https://sso.example.cn', OIDC_CLIENT_ID: 'c' }),
    ).toThrow(/JWT_JWKS_URL: with OIDC_ISSUER the service must verify the provider's tokens/);
    expect(() =>
      loadConfig({ OIDC_ISSUER: 'http://sso.example.cn', OIDC_CLIENT_ID: 'c', ...jwks }),
    ).toThrow(/OIDC_ISSUER must be an https:\/\/ URL \(http:\/\/ only for localhost/);
    expect(() => loadConfig({ JWT_JWKS_URL: 'http://sso.example.cn/jwks' })).toThrow(
      /JWT_JWKS_URL must be an https:\/\/ URL/,
    );
    const local = loadConfig({
      OIDC_ISSUER: 'http://127.0.0.1:4000',
      OIDC_CLIENT_ID: 'cme-console',
      JWT_JWKS_URL: 'http://127.0.0.1:4000/jwks',
    });
    // openid is always asked for; "openid profile" by default.
    expect(local.oidc).toEqual({
      issuer: 'http://127.0.0.1:4000',
      clientId: 'cme-console',
      scopes: 'openid profile',
    });
    expect(
      loadConfig({ OIDC_ISSUER: 'https://a.cn', OIDC_CLIENT_ID: 'c', OIDC_SCOPES: 'cme', ...jwks })
        .oidc?.scopes,
    ).toBe('openid cme');
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(() => loadConfig({ PUBLIC_URL: 'https://cme.example.cn/' })).toThrow(/PUBLIC_URL/);
  });

  it('names every wrong variable with what it got', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/PORT must be a whole number \(got "eighty"\)/);
    expect(message).toMatch(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(message).toMatch(/LOG_LEVEL/);
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('EVENTSTORE_CONNECTION_STRING: only what the client parses; kurrentdb:// is refused at load, not at the first append', () => {
    expect(
      loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb+discover://cluster.dns:2113' })
        .eventStoreConnectionString,
    ).toBe('esdb+discover://cluster.dns:2113');
    for (const wrong of ['kurrentdb://kurrentdb:2113', 'kurrentdb+discover://c:2113', 'esdb://'])
      expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: wrong })).toThrow(
        /EVENTSTORE_CONNECTION_STRING must be an esdb:\/\/ .*write esdb:\/\/ for a KurrentDB server too/,
      );
  });

  it('PROJECTION_LAG_DEGRADED_SECONDS: 30 by default, a whole number of seconds from 1 to a day', () => {
    expect(loadConfig({}).projectionLagDegradedSeconds).toBe(30);
    for (const wrong of ['0', '1.5', 'soon', '86401'])
      expect(() => loadConfig({ PROJECTION_LAG_DEGRADED_SECONDS: wrong })).toThrow(
        /PROJECTION_LAG_DEGRADED_SECONDS/,
      );
  });
});
