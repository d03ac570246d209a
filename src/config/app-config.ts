import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';
import * as path from 'node:path';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : /^-?\d+$/.test(String(value))
      ? Number(value)
      : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** https://…, or http:// on this machine only (a development identity provider). */
const httpsOrLoopback =
  /^(https:\/\/\S+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/\S*)?)$/;

/**
 * Every environment variable the service reads, validated at start-up. Keep this class, the
 * README's table and docker-compose.yml in step.
 */
export class EnvironmentVariables {
  /** External PostgreSQL; when unset an embedded server is started under DATA_DIR. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @Min(1)
  @Max(65535)
  @IsInt({ message: 'EMBEDDED_PG_PORT must be a whole number' })
  EMBEDDED_PG_PORT?: number;

  @IsOptional()
  @Transform(toInt)
  @Min(0)
  @Max(65535)
  @IsInt({ message: 'PORT must be a whole number' })
  PORT?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  HOST?: string;

  @IsOptional()
  @Transform(toInt)
  @Min(2)
  @Max(200)
  @IsInt({ message: 'DATABASE_POOL_MAX must be a whole number' })
  DATABASE_POOL_MAX?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Transform(toInt)
  @Min(5)
  @Max(60_000)
  @IsInt({ message: 'SUBSCRIPTION_POLL_MS must be a whole number' })
  SUBSCRIPTION_POLL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @Min(0)
  @Max(120_000)
  @IsInt({ message: 'REACTION_WAIT_MS must be a whole number' })
  REACTION_WAIT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @Min(1)
  @Max(10_000)
  @IsInt({ message: 'PROJECTION_BATCH_SIZE must be a whole number' })
  PROJECTION_BATCH_SIZE?: number;

  /** Past this lag (seconds) a projection makes /health and /projections say `degraded`. */
  @IsOptional()
  @Transform(toInt)
  @Min(1)
  @Max(86_400)
  @IsInt({ message: 'PROJECTION_LAG_DEGRADED_SECONDS must be a whole number' })
  PROJECTION_LAG_DEGRADED_SECONDS?: number;

  /** EventStoreDB/KurrentDB for the event log (read models stay in PostgreSQL); unset: PostgreSQL. */
  @IsOptional()
  @Transform(emptyToUndefined)
  // Only what @eventstore/db-client 6.2.1 parses (it reaches KurrentDB too); the adapter checks
  // hosts and options when it starts (eventstoredb-errors.ts, connectionStringProblem).
  @Matches(/^esdb(\+discover)?:\/\/\S+$/, {
    message:
      'EVENTSTORE_CONNECTION_STRING must be an esdb:// (or esdb+discover://) connection string; the client does not understand kurrentdb:// — write esdb:// for a KurrentDB server too',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional()
  @Transform(toInt)
  @Min(1)
  @Max(1_000_000)
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be a whole number' })
  RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInt)
  @Min(1)
  @Max(10_000_000)
  @IsInt({ message: 'SCAN_RATE_LIMIT_PER_MINUTE must be a whole number' })
  SCAN_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^\d{1,6}(b|kb|mb)$/, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT?: string;

  /** Comma-separated origins allowed by CORS; unset: CORS closed. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;

  /** Credits: a revocation of, or adjustment by, more than this waits for a second admin. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^\d{1,3}(\.\d{1,2})?$/, {
    message: 'CORRECTION_APPROVAL_THRESHOLD must be a credit amount such as 5 or 2.5',
  })
  CORRECTION_APPROVAL_THRESHOLD?: string;

  /** PEM public key (SPKI) that verifies bearer tokens; with JWT_ALGORITHM RS256 or ES256. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'JWT_PUBLIC_KEY must be a PEM public key' })
  JWT_PUBLIC_KEY?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(httpsOrLoopback, {
    message: 'JWT_JWKS_URL must be an https:// URL (http:// only for localhost or 127.0.0.1)',
  })
  JWT_JWKS_URL?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['RS256', 'ES256'])
  JWT_ALGORITHM?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  JWT_ISSUER?: string;

  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  JWT_AUDIENCE?: string;

  /** Longest a bearer token may live (exp − iat), in minutes; longer ones are refused. */
  @IsOptional()
  @Transform(toInt)
  @Min(1)
  @Max(10_080)
  @IsInt({ message: 'JWT_MAX_LIFETIME_MINUTES must be a whole number' })
  JWT_MAX_LIFETIME_MINUTES?: number;

  /** Whether clients reach the service over TLS (a terminating proxy): then HSTS is sent. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsIn(['true', 'false'], { message: 'BEHIND_TLS must be true or false' })
  BEHIND_TLS?: string;

  /** How long a client may take to send a whole request (headers and body). */
  @IsOptional()
  @Transform(toInt)
  @Min(1_000)
  @Max(600_000)
  @IsInt({ message: 'REQUEST_TIMEOUT_MS must be a whole number' })
  REQUEST_TIMEOUT_MS?: number;

  /** Base64 of 32 random bytes; encrypts and hashes personal data. Generated under DATA_DIR if unset. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'PII_KEY must be base64 of 32 bytes (openssl rand -base64 32)',
  })
  PII_KEY?: string;

  @IsOptional()
  @Transform(toInt)
  @Min(100)
  @Max(600_000)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be a whole number' })
  SHUTDOWN_TIMEOUT_MS?: number;

  /** GET /metrics on a port of its own (and not on PORT); unset: on PORT. */
  @IsOptional()
  @Transform(toInt)
  @Min(1)
  @Max(65535)
  @IsInt({ message: 'METRICS_PORT must be a whole number' })
  METRICS_PORT?: number;

  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[A-Za-z0-9._~+/=-]{16,200}$/, {
    message: 'METRICS_TOKEN must be 16 to 200 characters of letters, digits or . _ ~ + / = -',
  })
  METRICS_TOKEN?: string;

  /** The console signs in with this OpenID Connect provider (authorization code + PKCE). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(httpsOrLoopback, {
    message: 'OIDC_ISSUER must be an https:// URL (http:// only for localhost or 127.0.0.1)',
  })
  OIDC_ISSUER?: string;

  /** The console's client id at the provider (a public client: no secret, PKCE). */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[\x21-\x7e]{1,200}$/, {
    message: 'OIDC_CLIENT_ID must be 1 to 200 visible characters',
  })
  OIDC_CLIENT_ID?: string;

  /** Space-separated scopes the console asks for; `openid` is always among them. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, {
    message: 'OIDC_SCOPES must be scopes separated by single spaces',
  })
  OIDC_SCOPES?: string;

  /** Where users reach the service (for addresses printed in PDFs); unset: the request's host. */
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/[^/\s]+(\/\S*[^/\s])?$/, {
    message: 'PUBLIC_URL must be an http(s):// address without a trailing slash',
  })
  PUBLIC_URL?: string;
}

/** The names of the variables above, for picking them out of process.env. */
export const configVariableNames = [
  'DATABASE_URL',
  'DATA_DIR',
  'EMBEDDED_PG_PORT',
  'PORT',
  'HOST',
  'DATABASE_POOL_MAX',
  'LOG_LEVEL',
  'SUBSCRIPTION_POLL_MS',
  'REACTION_WAIT_MS',
  'SHUTDOWN_TIMEOUT_MS',
  'PII_KEY',
  'PROJECTION_BATCH_SIZE',
  'PROJECTION_LAG_DEGRADED_SECONDS',
  'EVENTSTORE_CONNECTION_STRING',
  'RATE_LIMIT_PER_MINUTE',
  'SCAN_RATE_LIMIT_PER_MINUTE',
  'BODY_LIMIT',
  'CORS_ORIGINS',
  'CORRECTION_APPROVAL_THRESHOLD',
  'JWT_PUBLIC_KEY',
  'JWT_JWKS_URL',
  'JWT_ALGORITHM',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'JWT_MAX_LIFETIME_MINUTES',
  'BEHIND_TLS',
  'REQUEST_TIMEOUT_MS',
  'METRICS_PORT',
  'METRICS_TOKEN',
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_SCOPES',
  'PUBLIC_URL',
] as const satisfies readonly (keyof EnvironmentVariables)[];

export interface AppConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  port: number;
  host: string;
  databasePoolMax: number;
  logLevel: string;
  subscriptionPollMs: number;
  /** How long a request waits for the reactions to its command (grants after an approval…). */
  reactionWaitMs: number;
  shutdownTimeoutMs: number;
  piiKey: string | undefined;
  projectionBatchSize: number;
  /** Lag past which the service reports itself `degraded` (still serving, HTTP 200). */
  projectionLagDegradedSeconds: number;
  eventStoreConnectionString: string | undefined;
  /** Requests per minute per actor (scanning devices have their own, higher budget). */
  rateLimitPerMinute: number;
  scanRateLimitPerMinute: number;
  bodyLimit: string;
  corsOrigins: string[];
  correctionApprovalThreshold: string;
  jwtPublicKey: string | undefined;
  jwtJwksUrl: string | undefined;
  jwtAlgorithm: 'RS256' | 'ES256';
  jwtIssuer: string | undefined;
  jwtAudience: string | undefined;
  /** Tokens living longer than this (exp − iat) are refused. */
  jwtMaxLifetimeMinutes: number;
  /** Clients reach the service over TLS: send HSTS and upgrade-insecure-requests. */
  behindTls: boolean;
  /** Whole-request timeout; the headers must arrive within the smaller of this and 10 s. */
  requestTimeoutMs: number;
  /** GET /metrics on this port instead of PORT (undefined: on PORT). */
  metricsPort: number | undefined;
  /** Bearer token GET /metrics needs (undefined: none). */
  metricsToken: string | undefined;
  /** OpenID Connect sign-in for the console (undefined: one-time links, the embedded default). */
  oidc: { issuer: string; clientId: string; scopes: string } | undefined;
  /** Where users reach the service (undefined: the request's own host). */
  publicUrl: string | undefined;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment; throws ConfigError naming every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.fromEntries(configVariableNames.map((key) => [key, env[key]]));
  const parsed = plainToInstance(EnvironmentVariables, known);
  // Decorators run bottom-up: the type check sits nearest the property so that it speaks first.
  const errors = validateSync(parsed, { whitelist: true, stopAtFirstError: true });
  const together: string[] = [];
  if (parsed.OIDC_ISSUER && !parsed.OIDC_CLIENT_ID)
    together.push("OIDC_CLIENT_ID: OIDC_ISSUER needs the console's client id too");
  if (parsed.OIDC_ISSUER && !parsed.JWT_JWKS_URL && !parsed.JWT_PUBLIC_KEY)
    together.push(
      "JWT_JWKS_URL: with OIDC_ISSUER the service must verify the provider's tokens: set JWT_JWKS_URL (the provider's jwks_uri) or JWT_PUBLIC_KEY",
    );
  if (errors.length === 0 && together.length > 0) throw new ConfigError(together);
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((e) =>
        Object.values(e.constraints ?? {}).map((message) =>
          message.startsWith(e.property)
            ? `${message} (got "${String(env[e.property])}")`
            : `${e.property}: ${message} (got "${String(env[e.property])}")`,
        ),
      ),
    );
  }
  return {
    databaseUrl: parsed.DATABASE_URL,
    dataDir: path.resolve(parsed.DATA_DIR ?? '.data'),
    embeddedPgPort: parsed.EMBEDDED_PG_PORT ?? 54329,
    port: parsed.PORT ?? 3000,
    host: parsed.HOST ?? '127.0.0.1',
    databasePoolMax: parsed.DATABASE_POOL_MAX ?? 10,
    logLevel: parsed.LOG_LEVEL ?? 'info',
    subscriptionPollMs: parsed.SUBSCRIPTION_POLL_MS ?? 100,
    reactionWaitMs: parsed.REACTION_WAIT_MS ?? 10_000,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS ?? 10_000,
    piiKey: parsed.PII_KEY,
    projectionBatchSize: parsed.PROJECTION_BATCH_SIZE ?? 500,
    projectionLagDegradedSeconds: parsed.PROJECTION_LAG_DEGRADED_SECONDS ?? 30,
    eventStoreConnectionString: parsed.EVENTSTORE_CONNECTION_STRING,
    rateLimitPerMinute: parsed.RATE_LIMIT_PER_MINUTE ?? 600,
    scanRateLimitPerMinute: parsed.SCAN_RATE_LIMIT_PER_MINUTE ?? 12_000,
    bodyLimit: parsed.BODY_LIMIT ?? '100kb',
    corsOrigins: parsed.CORS_ORIGINS?.split(',') ?? [],
    correctionApprovalThreshold: parsed.CORRECTION_APPROVAL_THRESHOLD ?? '5',
    jwtPublicKey: parsed.JWT_PUBLIC_KEY?.replace(/\\n/g, '\n'),
    jwtJwksUrl: parsed.JWT_JWKS_URL,
    jwtAlgorithm: (parsed.JWT_ALGORITHM as 'RS256' | 'ES256' | undefined) ?? 'RS256',
    jwtIssuer: parsed.JWT_ISSUER,
    jwtAudience: parsed.JWT_AUDIENCE,
    jwtMaxLifetimeMinutes: parsed.JWT_MAX_LIFETIME_MINUTES ?? 720,
    behindTls: parsed.BEHIND_TLS === 'true',
    requestTimeoutMs: parsed.REQUEST_TIMEOUT_MS ?? 30_000,
    metricsPort: parsed.METRICS_PORT,
    metricsToken: parsed.METRICS_TOKEN,
    oidc: parsed.OIDC_ISSUER
      ? {
          issuer: parsed.OIDC_ISSUER,
          clientId: parsed.OIDC_CLIENT_ID as string,
          scopes: [
            ...new Set(['openid', ...(parsed.OIDC_SCOPES ?? 'openid profile').split(' ')]),
          ].join(' '),
        }
      : undefined,
    publicUrl: parsed.PUBLIC_URL,
  };
}
