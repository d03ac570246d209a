import { DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { PersonsModule } from '../persons/persons.module';
import { FindActivitiesController } from './find/find-activities.controller';
import { FindCreditsController } from './find/find-credits.controller';
import { FindPersonsController } from './find/find-persons.controller';
import { Lookups } from './find/lookups';
import { CommitteeLookupsController } from './work/committee-lookups.controller';
import { UnitLookupsController } from './work/unit-lookups.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { ConsoleConfigController } from './config/console-config.controller';
import { ConsoleFallback } from './console-fallback';
import { builtConsoleDir } from './web-root';

/**
 * The web console (web/, built into dist/web) served at `/` by the service itself, with the
 * sign-in link exchange and the look-ups its screens need. API routes keep precedence: Nest
 * registers them before the static files and the client-routing fallback.
 */
@Module({})
export class ConsoleModule {
  static forRoot(): DynamicModule {
    const root = builtConsoleDir();
    if (!root)
      new Logger('Console').warn(
        'dist/web is not built: the console is not served (npm run build)',
      );
    return {
      module: ConsoleModule,
      imports: [
        PersonsModule,
        ...(root
          ? [
              ServeStaticModule.forRoot({
                rootPath: root,
                // Files only: client routes are ConsoleFallback's (browsers asking for HTML).
                renderPath: /^\/index\.html$/,
                serveStaticOptions: {
                  index: 'index.html',
                  // Hashed assets never change; index.html is asked for again each time.
                  setHeaders: (
                    response: { setHeader(name: string, value: string): void },
                    file: string,
                  ) =>
                    response.setHeader(
                      'Cache-Control',
                      file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
                    ),
                },
              }),
            ]
          : []),
      ],
      controllers: [
        SignInController,
        ConsoleConfigController,
        FindPersonsController,
        FindActivitiesController,
        FindCreditsController,
        CommitteeLookupsController,
        UnitLookupsController,
      ],
      providers: [Lookups, ConsoleFallback],
    };
  }
}
