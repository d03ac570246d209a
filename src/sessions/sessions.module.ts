import { Module } from '@nestjs/common';
import { PersonsModule } from '../persons/persons.module';
import { DecideReportController } from './decide-report/decide-report.controller';
import { DecideReportHandler } from './decide-report/decide-report.handler';
import { GetSessionController } from './get-session/get-session.controller';
import { RecordAttendanceController } from './record-attendance/record-attendance.controller';
import { RecordAttendanceHandler } from './record-attendance/record-attendance.handler';
import { ReviewQueueController } from './review-queue/review-queue.controller';
import { ScanDuplicates } from './scan-duplicates';
import { SessionContexts } from './session-contexts';
import { SubmitReportController } from './submit-report/submit-report.controller';
import { SubmitReportHandler } from './submit-report/submit-report.handler';

@Module({
  imports: [PersonsModule],
  controllers: [
    RecordAttendanceController,
    SubmitReportController,
    DecideReportController,
    GetSessionController,
    ReviewQueueController,
  ],
  providers: [
    SessionContexts,
    ScanDuplicates,
    RecordAttendanceHandler,
    SubmitReportHandler,
    DecideReportHandler,
  ],
})
export class SessionsModule {}
