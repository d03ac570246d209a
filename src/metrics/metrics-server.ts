import type { INestApplication } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AppConfig } from '../config/app-config';
import { Metrics } from './metrics';
import { metricsAllowed } from './metrics.controller';

/**
 * With METRICS_PORT set, /metrics is served there (and only there), on HOST, by a plain HTTP
 * server of its own: scrapes stay off the API port and its rate limits. Closed with the app.
 */
export async function listenForMetrics(
  app: INestApplication,
  config: AppConfig,
): Promise<Server | null> {
  if (config.metricsPort === undefined) return null;
  const metrics = app.get(Metrics);
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    if (!metricsAllowed(config.metricsToken, request.headers.authorization)) {
      response.writeHead(401).end();
      return;
    }
    metrics.text().then(
      (text) =>
        response
          .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
          .end(text),
      () => response.writeHead(503).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metricsPort, config.host, () => resolve());
  });
  return server;
}
