import { Module } from '@nestjs/common';
import { DrawSpotCheckController } from './draw-spot-check/draw-spot-check.controller';
import { DrawSpotCheckHandler } from './draw-spot-check/draw-spot-check.handler';
import { GetSpotCheckController } from './get-spot-check/get-spot-check.controller';
import { RecordFindingController } from './record-finding/record-finding.controller';
import { RecordFindingHandler } from './record-finding/record-finding.handler';

@Module({
  controllers: [DrawSpotCheckController, GetSpotCheckController, RecordFindingController],
  providers: [DrawSpotCheckHandler, RecordFindingHandler],
})
export class SpotChecksModule {}
