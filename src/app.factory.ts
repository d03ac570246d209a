import { INestApplication, ValidationPipe } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { EventStoreErrorFilter } from './common/event-store-error.filter';
import { AppConfig } from './config/app-config';
import { DomainErrorFilter } from './shared/http/domain-error.filter';
import { UnavailableFilter } from './shared/http/unavailable.filter';

/** Builds the application exactly as `npm start` runs it; end-to-end tests use the same. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // Abuse limits, each named in the configuration: body size, security headers, CORS closed unless listed.
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.use(
    helmet({
      // The API answers JSON; the two HTML pages (API docs, certificates) need their inline code.
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
    }),
  );
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  // Nest tries the last filter first: the catch-all for an unreachable database goes first.
  app.useGlobalFilters(
    new UnavailableFilter(app.get(HttpAdapterHost).httpAdapter),
    new EventStoreErrorFilter(),
    new DomainErrorFilter(),
  );
  app.enableShutdownHooks();
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
