import {
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Metrics } from './metrics';
import { msg } from '../shared/domain/messages';
import { localized } from '../shared/http/language';

/** Whether a request may read the metrics: METRICS_TOKEN as its bearer token, when one is set. */
export function metricsAllowed(token: string | undefined, authorization: unknown): boolean {
  if (!token) return true;
  const given = typeof authorization === 'string' ? authorization.replace(/^Bearer /i, '') : '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics in Prometheus text format, on the service's port — unless METRICS_PORT moves it
 * to a port of its own (then 404 here). With METRICS_TOKEN set it needs that bearer token.
 * Not in the API document: it is for Prometheus, not for API clients.
 */
@ApiExcludeController()
// Like /health: monitors are not rate limited (a refused scrape would read as an outage).
@SkipThrottle({ default: true, scans: true })
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  async scrape(@Req() request: Request): Promise<string> {
    if (this.config.metricsPort !== undefined) throw new NotFoundException();
    if (!metricsAllowed(this.config.metricsToken, request.headers.authorization))
      throw localized(UnauthorizedException, msg('auth.metrics-token'));
    return this.metrics.text();
  }
}
