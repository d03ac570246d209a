import { Module } from '@nestjs/common';
import { SealYearController } from './seal-year.controller';

@Module({ controllers: [SealYearController] })
export class YearAuditsModule {}
