import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics';

/** `/persons/:personId` as `/persons/{personId}` (the API document's form); else `unmatched`. */
export function routeTemplate(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route?.path;
  if (typeof route !== 'string') return 'unmatched';
  return `${request.baseUrl ?? ''}${route}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}') || '/';
}

/**
 * Times every request to a route and counts errors and rate-limit refusals, labelled by route
 * template. Nest applies middleware to its routes only: a path no route serves is not counted.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = routeTemplate(request);
      const labels = { method: request.method, route, status: String(response.statusCode) };
      this.metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      if (response.statusCode >= 400) this.metrics.httpErrors.inc(labels);
      if (response.statusCode === 429) this.metrics.rateLimitRefusals.inc({ route });
    });
    next();
  }
}
