import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ActivitiesModule } from './activities/activities.module';
import { OrganizersModule } from './organizers/organizers.module';
import { AuditModule } from './audit/audit.module';
import { ProjectionsModule } from './projections/projections.module';
import { ReactorsModule } from './reactors/reactors.module';
import { PersonsModule } from './persons/persons.module';
import { SessionsModule } from './sessions/sessions.module';
import { ActorGuard } from './shared/http/actor';
import { IdempotencyInterceptor } from './shared/http/idempotency.interceptor';
import { RateLimitGuard } from './shared/http/rate-limit.guard';
import { requestLogLevel } from './shared/http/request-body';
import { TOKEN_VERIFIER, TokenVerifier } from './shared/http/token-verifier';
import { ThrottlerModule } from '@nestjs/throttler';
import { SpotChecksModule } from './spot-checks/spot-checks.module';
import { StatisticsModule } from './statistics/statistics.module';
import { YearAuditsModule } from './year-audits/year-audits.module';
import { PII_VAULT, PiiVault } from './shared/pii-vault';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { ConsoleModule } from './console/console.module';
import { DatabaseModule } from './database/database.module';
import { EventStoreModule } from './event-store/event-store.module';
import { ReadLogController } from './audit/read-log/read-log.controller';
import { HealthController } from './health/health.controller';
import { ImportsModule } from './imports/imports.module';
import { MetricsModule } from './metrics/metrics.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Times people and log tools read alike: "time":"2026-11-20T00:30:00.000Z".
            timestamp: stdTimeFunctions.isoTime,
            // Nothing personal in logs: no bodies, no query strings, no auth headers.
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                path: String(req.url).split('?')[0],
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            // A client's mistake (400, 413, …) is a warning; only 5xx are errors.
            customLogLevel: requestLogLevel,
          },
        }),
        CqrsModule.forRoot(),
        ThrottlerModule.forRoot([
          { name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute },
          { name: 'scans', ttl: 60_000, limit: config.scanRateLimitPerMinute },
        ]),
        DatabaseModule,
        EventStoreModule,
        PersonsModule,
        OrganizersModule,
        ActivitiesModule,
        SessionsModule,
        ProjectionsModule,
        ReactorsModule,
        AuditModule,
        StatisticsModule,
        SpotChecksModule,
        YearAuditsModule,
        ImportsModule,
        MetricsModule,
        ConsoleModule.forRoot(),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: PII_VAULT,
          useFactory: () => PiiVault.fromConfig(config.piiKey, config.dataDir),
        },
        { provide: TOKEN_VERIFIER, useFactory: () => TokenVerifier.fromConfig(config) },
        // Rate limits first (a flood is refused before anything else runs), then the actor.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: ActorGuard },
        // After the guards (the actor is known): one Idempotency-Key, one command.
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [APP_CONFIG, PII_VAULT, TOKEN_VERIFIER],
      controllers: [HealthController, ReadLogController],
    };
  }
}
