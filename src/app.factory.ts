import { INestApplication, Logger as NestLogger, ValidationPipe } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Server, ServerResponse } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { EventStoreErrorFilter } from './common/event-store-error.filter';
import { AppConfig } from './config/app-config';
import { Database, DATABASE } from './database/database';
import { DomainErrorFilter, LocalizedHttpFilter } from './shared/http/domain-error.filter';
import { LocalizeInterceptor } from './shared/http/language';
import { UnavailableFilter } from './shared/http/unavailable.filter';
import {
  bodyErrors,
  checkJsonNesting,
  refuseBadText,
  validationException,
} from './shared/http/request-body';

/** The headers of a request must arrive within this (or REQUEST_TIMEOUT_MS if smaller). */
const headersTimeoutMsMax = 10_000;

/** Builds the application exactly as `npm start` runs it; end-to-end tests use the same. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Abuse limits, each named in the configuration: body size, security headers, CORS closed unless listed.
  app.useBodyParser('json', { limit: config.bodyLimit, verify: checkJsonNesting });
  app.use(refuseBadText);
  app.use(bodyErrors(app.get(Logger)));
  app.use(
    helmet({
      // The API answers JSON; the two HTML pages (API docs, certificates) need their inline code.
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          // The console talks to its OpenID Connect provider (discovery, token) when one is set.
          'connect-src': ["'self'", ...(config.oidc ? [new URL(config.oidc.issuer).origin] : [])],
          // Only where clients come over TLS: over plain HTTP it would break every sub-request.
          'upgrade-insecure-requests': config.behindTls ? [] : null,
        },
      },
      strictTransportSecurity: config.behindTls,
    }),
  );
  // A slow client may not hold a connection open for minutes (Node's default is 300 s).
  const server = app.getHttpServer() as Server;
  server.requestTimeout = config.requestTimeoutMs;
  server.headersTimeout = Math.min(headersTimeoutMsMax, config.requestTimeoutMs);
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: validationException,
    }),
  );
  app.useGlobalInterceptors(new LocalizeInterceptor());
  // Nest tries the last filter first: the catch-all for an unreachable database goes first.
  app.useGlobalFilters(
    new UnavailableFilter(app.get(HttpAdapterHost).httpAdapter),
    new EventStoreErrorFilter(),
    new LocalizedHttpFilter(app.get(HttpAdapterHost).httpAdapter),
    new DomainErrorFilter(),
  );
  // Signals are handled by `closeOnSignals` (main.ts, demo.ts), not by Nest's shutdown hooks,
  // which re-raise the signal and so end the process with it instead of exit code 0.
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('cme-ledger')
      .setDescription(
        'Event-sourced credit ledger for continuing medical education (继续医学教育). ' +
          'Every fact is an immutable event; corrections are compensating events.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}

const shutdownSignals = ['SIGINT', 'SIGTERM'] as const;

/**
 * SIGINT (Ctrl-C) and SIGTERM stop the application the same way: the HTTP server stops accepting
 * and lets the requests in flight finish (at most SHUTDOWN_TIMEOUT_MS; then their connections are
 * closed), then the shutdown hooks stop the projections and close the event store and the
 * database, the embedded PostgreSQL last. Each step is logged; the process then exits with
 * `exitCode`. A second signal while stopping is logged and ignored: the stop is bounded already.
 */
export function closeOnSignals(app: INestApplication, config: AppConfig, exitCode = 0): void {
  const logger = new NestLogger('Shutdown');
  const server = app.getHttpServer() as Server;
  const inFlight = new Set<ServerResponse>();
  let drained = 0;
  let stopping = false;
  server.on('request', (_request, response: ServerResponse) => {
    // One arriving on a kept-alive connection while stopping is served, and its connection closed.
    if (stopping) response.setHeader('connection', 'close');
    inFlight.add(response);
    response.once('close', () => {
      inFlight.delete(response);
      if (!stopping) return;
      drained += 1;
      // Its keep-alive connection would otherwise hold the server open until the client lets go.
      setImmediate(() => server.closeIdleConnections());
    });
  });
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      logger.warn(`${signal} received while already shutting down: ignored`);
      return;
    }
    stopping = true;
    const startedMs = Date.now();
    logger.log(
      `${signal} received: shutting down — no new connections, ${inFlight.size} request(s) in flight to finish`,
    );
    for (const response of inFlight)
      if (!response.headersSent) response.setHeader('connection', 'close');
    const forceClose = setTimeout(() => {
      if (inFlight.size === 0) return;
      logger.warn(
        `${inFlight.size} request(s) still in flight after ${config.shutdownTimeoutMs} ms (SHUTDOWN_TIMEOUT_MS): closing their connections`,
      );
      server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    try {
      await app.close();
      clearTimeout(forceClose);
      // Closed by its shutdown hook already; this reads what became of the embedded server.
      const database = await app.get<Database>(DATABASE).close(config.shutdownTimeoutMs);
      const embedded = database === 'none' ? '' : `, embedded PostgreSQL ${database}`;
      logger.log(
        `shut down on ${signal} in ${Date.now() - startedMs} ms: ${drained} request(s) drained, database closed${embedded}`,
      );
      process.exit(exitCode);
    } catch (error) {
      logger.error(`shutdown on ${signal} failed: ${(error as Error).stack ?? String(error)}`);
      process.exit(1);
    }
  };
  for (const signal of shutdownSignals) process.on(signal, (s: NodeJS.Signals) => void stop(s));
}
