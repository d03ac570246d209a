import { Global, Module } from '@nestjs/common';
import { CheckpointedConsumers } from './checkpointed-consumers';
import { LiveFeed } from './live-feed';
import { ProjectionRunner } from './projection-runner';
import { ProjectionStatus, ProjectionStatusController } from './projection-status';

@Global()
@Module({
  controllers: [ProjectionStatusController],
  providers: [ProjectionRunner, ProjectionStatus, CheckpointedConsumers, LiveFeed],
  exports: [ProjectionStatus, CheckpointedConsumers, LiveFeed],
})
export class ProjectionsModule {}
