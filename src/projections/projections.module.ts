import { Global, Module } from '@nestjs/common';
import { CheckpointedConsumers } from './checkpointed-consumers';
import { ProjectionRunner } from './projection-runner';
import { ProjectionStatus, ProjectionStatusController } from './projection-status';

@Global()
@Module({
  controllers: [ProjectionStatusController],
  providers: [ProjectionRunner, ProjectionStatus, CheckpointedConsumers],
  exports: [ProjectionStatus, CheckpointedConsumers],
})
export class ProjectionsModule {}
