import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  createRemoteJWKSet,
  decodeJwt,
  importSPKI,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type KeyLike,
} from 'jose';
import type { AppConfig } from '../../config/app-config';
import { textProblem } from './request-body';
import { actorRoles, type ActorRole } from './roles';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** What a bearer token says about its holder. */
export interface TokenClaims {
  sub: string;
  roles: ActorRole[];
  /** ISO 3166-2 codes; `CN` is national and covers every province. */
  jurisdictions: string[];
  /** The organization (organizer or employer) the holder acts for. */
  org?: string;
  /** The health professional the holder is (for role professional). */
  person?: string;
}

/** Clocks of the identity provider and of this server may differ by this much. */
const clockToleranceSeconds = 60;
const claimTextLengthMax = 200;
const jurisdictionPattern = /^CN(-[A-Z]{2})?$/;

const isText = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length > 0 &&
  value.length <= claimTextLengthMax &&
  textProblem(value) === null;

/**
 * The claims by shape: `sub` a non-empty string, `roles` and `jurisdictions` non-empty arrays of
 * known values only (a token naming an unknown role is not half-trusted), `org` and `person`
 * strings when present; `exp` required, `iat` not in the future, and the token's whole lifetime
 * (from `iat`, else from now) within the configured maximum.
 */
export function claimsOf(payload: JWTPayload, maxLifetimeSeconds: number): TokenClaims {
  const refuse = (why: string): never => {
    throw new InvalidTokenError(`the bearer token is not valid: ${why}`);
  };
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number') refuse('it must carry exp');
  if (payload.iat !== undefined) {
    if (typeof payload.iat !== 'number') refuse('iat must be a number');
    if ((payload.iat as number) > nowSeconds + clockToleranceSeconds)
      refuse('iat is in the future');
  }
  const from = typeof payload.iat === 'number' ? payload.iat : nowSeconds;
  if ((payload.exp as number) - from > maxLifetimeSeconds)
    refuse(`it lives longer than ${maxLifetimeSeconds / 60} minutes (JWT_MAX_LIFETIME_MINUTES)`);
  if (!isText(payload.sub)) refuse('sub must be a non-empty string');
  const roles = payload.roles;
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every((r) => actorRoles.includes(r as ActorRole))
  )
    refuse(`roles must be a non-empty list of ${actorRoles.join(', ')}`);
  const jurisdictions = payload.jurisdictions;
  if (
    !Array.isArray(jurisdictions) ||
    jurisdictions.length === 0 ||
    !jurisdictions.every((j) => typeof j === 'string' && jurisdictionPattern.test(j))
  )
    refuse('jurisdictions must be a non-empty list of CN or codes such as CN-ZJ');
  for (const claim of ['org', 'person'] as const)
    if (payload[claim] !== undefined && !isText(payload[claim]))
      refuse(`${claim} must be a non-empty string`);
  return {
    sub: payload.sub as string,
    roles: [...new Set(roles as ActorRole[])],
    jurisdictions: [...new Set(jurisdictions as string[])],
    org: payload.org as string | undefined,
    person: payload.person as string | undefined,
  };
}

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/**
 * Verifies bearer JWTs: with a JWKS URL or a public key (RS256/ES256) when configured, else — the
 * embedded default only — with an HS256 secret generated on first start under DATA_DIR, which is
 * also what `ledger token` signs with.
 */
export class TokenVerifier {
  private constructor(
    private readonly key: KeyLike | Uint8Array | ReturnType<typeof createRemoteJWKSet>,
    private readonly algorithms: string[],
    /** True when tokens are signed with the local secret (and so may be minted here). */
    readonly embedded: boolean,
    private readonly maxLifetimeSeconds: number,
    private readonly issuer?: string,
    private readonly audience?: string,
  ) {}

  static async fromConfig(config: AppConfig): Promise<TokenVerifier> {
    if (config.jwtJwksUrl) {
      return new TokenVerifier(
        createRemoteJWKSet(new URL(config.jwtJwksUrl)),
        ['RS256', 'ES256'],
        false,
        config.jwtMaxLifetimeMinutes * 60,
        config.jwtIssuer,
        config.jwtAudience,
      );
    }
    if (config.jwtPublicKey) {
      return new TokenVerifier(
        await importSPKI(config.jwtPublicKey, config.jwtAlgorithm),
        [config.jwtAlgorithm],
        false,
        config.jwtMaxLifetimeMinutes * 60,
        config.jwtIssuer,
        config.jwtAudience,
      );
    }
    const file = path.join(config.dataDir, 'jwt.secret');
    if (!existsSync(file)) {
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    }
    return new TokenVerifier(
      Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'),
      ['HS256'],
      true,
      config.jwtMaxLifetimeMinutes * 60,
      config.jwtIssuer,
      config.jwtAudience,
    );
  }

  async verify(token: string): Promise<TokenClaims> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as Parameters<typeof jwtVerify>[1], {
        algorithms: this.algorithms,
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: ['exp'],
        clockTolerance: clockToleranceSeconds,
      }));
    } catch (error) {
      throw new InvalidTokenError(`the bearer token is not valid: ${(error as Error).message}`);
    }
    return claimsOf(payload, this.maxLifetimeSeconds);
  }

  /** Signs a token with the embedded secret (the embedded default only). */
  async mint(claims: TokenClaims, expiresIn = '8h'): Promise<string> {
    if (!this.embedded)
      throw new Error(
        'tokens are minted here only with the embedded default secret; use your identity provider',
      );
    const { sub, ...rest } = claims;
    let jwt = new SignJWT({ ...rest })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(expiresIn);
    if (this.issuer) jwt = jwt.setIssuer(this.issuer);
    if (this.audience) jwt = jwt.setAudience(this.audience);
    const token = await jwt.sign(this.key as Uint8Array);
    const { iat, exp } = decodeJwt(token);
    if ((exp ?? 0) - (iat ?? 0) > this.maxLifetimeSeconds)
      throw new Error(
        `a token may live at most ${this.maxLifetimeSeconds / 60} minutes (JWT_MAX_LIFETIME_MINUTES); this one would be refused`,
      );
    return token;
  }
}

const verified = Symbol('cme:verified-claims');
type RequestWithClaims = {
  headers: Record<string, string | string[] | undefined>;
  [verified]?: Promise<TokenClaims | null>;
};

/**
 * The request's bearer token verified once, whoever asks first (the rate limiter, then the actor
 * guard): the claims, null without an `Authorization: Bearer` header, or a rejected promise with
 * InvalidTokenError.
 */
export function verifiedClaims(
  tokens: TokenVerifier,
  request: RequestWithClaims,
): Promise<TokenClaims | null> {
  request[verified] ??= (async () => {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !/^Bearer\s/.test(header)) return null;
    return tokens.verify(header.slice('Bearer'.length).trim());
  })();
  return request[verified];
}
