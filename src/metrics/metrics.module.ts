import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { StoreInstrumentation } from './instrumented-store';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';

/** Prometheus metrics: HTTP, appends, projection and reactor lag, the pool, the process. */
@Module({
  imports: [ProjectionsModule],
  controllers: [MetricsController],
  providers: [Metrics, StoreInstrumentation, HttpMetricsMiddleware],
  exports: [Metrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*splat}');
  }
}
