import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database, DATABASE } from './database';

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Runs after the HTTP server has stopped accepting and finished its requests. */
  async onApplicationShutdown(): Promise<void> {
    await this.database.close(this.config.shutdownTimeoutMs);
  }
}

@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('Database');
        return Database.open(config, {
          log: (message) => logger.log(message),
          debug: (message) => logger.debug(message),
        });
      },
    },
    DatabaseLifecycle,
  ],
  exports: [DATABASE],
})
export class DatabaseModule {}
