import { Module } from '@nestjs/common';
import { SealYearController } from './seal-year.controller';
import { SealYearHandler } from './seal-year.handler';

@Module({ controllers: [SealYearController], providers: [SealYearHandler] })
export class YearAuditsModule {}
