import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ThrottlerGuard, type ThrottlerRequest } from '@nestjs/throttler';
import { TOKEN_VERIFIER, type TokenVerifier, verifiedClaims } from './token-verifier';

/** A scan is POST /sessions/{id}/attendance: scanning devices get their own, larger budget. */
const isScan = (request: { method: string; path?: string; url: string }) =>
  request.method === 'POST' &&
  /^\/sessions\/[^/]+\/attendance\/?$/.test(request.path ?? request.url.split('?')[0]);

/**
 * Rate limits per caller (the actor, else the address): the `default` budget for everything but
 * scans, the `scans` budget for scans only. Health checks are not limited.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  @Inject(TOKEN_VERIFIER) private readonly tokens!: TokenVerifier;

  /**
   * Per verified subject (hashed: the limiter keeps no identifier it need not), so neither a
   * rewritten header nor a fresh token buys a new budget; per client address for anything
   * without a valid token, so garbage tokens are limited too.
   */
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const claims = await verifiedClaims(
      this.tokens,
      request as Parameters<typeof verifiedClaims>[1],
    ).catch(() => null);
    return claims
      ? `sub:${createHash('sha256').update(claims.sub).digest('hex').slice(0, 32)}`
      : `ip:${String(request.ip)}`;
  }

  /** One budget per caller across all routes (the library's default is per route). */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    throttlerName: string,
  ): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const request = props.context
      .switchToHttp()
      .getRequest<{ method: string; path?: string; url: string }>();
    if (request.url.startsWith('/health')) return true;
    const scan = isScan(request);
    if ((props.throttler.name === 'scans') !== scan) return true; // not this budget's requests
    return super.handleRequest(props);
  }
}
