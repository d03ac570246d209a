import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { CertificatesController } from './certificates/certificates.controller';
import { CreditTraceController } from './credit-trace.controller';
import { SessionTraceController } from './session-trace.controller';
import { VerificationController } from './verification/verification.controller';

@Module({
  imports: [PersonsModule],
  controllers: [
    CreditTraceController,
    SessionTraceController,
    VerificationController,
    CertificatesController,
  ],
})
export class AuditModule {}
