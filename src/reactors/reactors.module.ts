import { Global, Module } from '@nestjs/common';
import { ReactorRunner } from './reactor-runner';
import { REACTIONS } from './reactions';

@Global()
@Module({
  providers: [ReactorRunner, { provide: REACTIONS, useExisting: ReactorRunner }],
  exports: [REACTIONS, ReactorRunner],
})
export class ReactorsModule {}
