import { Global, Module } from '@nestjs/common';
import { ProjectionRunner } from './projection-runner';
import { ProjectionStatus, ProjectionStatusController } from './projection-status';

@Global()
@Module({
  controllers: [ProjectionStatusController],
  providers: [ProjectionRunner, ProjectionStatus],
  exports: [ProjectionStatus],
})
export class ProjectionsModule {}
