import { Module } from '@nestjs/common';
import { ComplianceController } from '../statistics/compliance.controller';
import { CreditTraceController } from './credit-trace.controller';
import { SessionTraceController } from './session-trace.controller';

@Module({ controllers: [CreditTraceController, SessionTraceController, ComplianceController] })
export class AuditModule {}
