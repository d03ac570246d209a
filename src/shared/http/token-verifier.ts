import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  createRemoteJWKSet,
  importSPKI,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type KeyLike,
} from 'jose';
import type { AppConfig } from '../../config/app-config';
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
    private readonly issuer?: string,
    private readonly audience?: string,
  ) {}

  static async fromConfig(config: AppConfig): Promise<TokenVerifier> {
    if (config.jwtJwksUrl) {
      return new TokenVerifier(
        createRemoteJWKSet(new URL(config.jwtJwksUrl)),
        ['RS256', 'ES256'],
        false,
        config.jwtIssuer,
        config.jwtAudience,
      );
    }
    if (config.jwtPublicKey) {
      return new TokenVerifier(
        await importSPKI(config.jwtPublicKey, config.jwtAlgorithm),
        [config.jwtAlgorithm],
        false,
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
      }));
    } catch (error) {
      throw new InvalidTokenError(`the bearer token is not valid: ${(error as Error).message}`);
    }
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((r): r is ActorRole => actorRoles.includes(r as ActorRole))
      : [];
    const jurisdictions = Array.isArray(payload.jurisdictions)
      ? payload.jurisdictions.filter(
          (j): j is string => typeof j === 'string' && /^CN(-[A-Z]{2})?$/.test(j),
        )
      : [];
    if (!payload.sub || roles.length === 0 || jurisdictions.length === 0) {
      throw new InvalidTokenError('the token needs sub, roles and jurisdictions claims');
    }
    return {
      sub: payload.sub,
      roles,
      jurisdictions,
      org: typeof payload.org === 'string' ? payload.org : undefined,
      person: typeof payload.person === 'string' ? payload.person : undefined,
    };
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
    return jwt.sign(this.key as Uint8Array);
  }
}
