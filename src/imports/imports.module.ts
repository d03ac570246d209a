import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { ImportCreditHandler } from './import-credit/import-credit.handler';
import { Importer } from './importer';
import { ImportsController } from './imports.controller';

/** Rosters and historical records from files, through the API's own commands. */
@Module({
  imports: [PersonsModule],
  controllers: [ImportsController],
  providers: [Importer, ImportCreditHandler],
  exports: [Importer],
})
export class ImportsModule {}
