import { Module } from '@nestjs/common';
import { AdjustCreditController } from './adjust-credit/adjust-credit.controller';
import { AdjustCreditHandler } from './adjust-credit/adjust-credit.handler';
import { EmploymentController } from './employment/employment.controller';
import { RecordEmploymentHandler } from './employment/employment.handler';
import { CorrectionsController } from './corrections/corrections.controller';
import {
  ApproveCorrectionHandler,
  RejectCorrectionHandler,
} from './corrections/corrections.handler';
import { ErasureController } from './erasure/erasure.controller';
import { ErasePersonHandler } from './erasure/erasure.handler';
import { PersonKeys } from './person-keys';
import { ExemptionsController } from './exemptions/exemptions.controller';
import { GrantExemptionHandler, RevokeExemptionHandler } from './exemptions/exemptions.handler';
import { GetPersonController } from './get-person/get-person.controller';
import { GrantCreditController } from './grant-credit/grant-credit.controller';
import { GrantCreditHandler } from './grant-credit/grant-credit.handler';
import { ListCreditsController } from './list-credits/list-credits.controller';
import { PersonDirectory } from './person-directory';
import { ProfileChangesController } from './profile-changes/profile-changes.controller';
import { ChangeProfileHandler } from './profile-changes/profile-changes.handler';
import { PersonYearController } from './person-year/person-year.controller';
import { RegisterPersonController } from './register-person/register-person.controller';
import { RegisterPersonHandler } from './register-person/register-person.handler';
import { RevokeCreditController } from './revoke-credit/revoke-credit.controller';
import { RevokeCreditHandler } from './revoke-credit/revoke-credit.handler';
import { SelfStudyPlanController } from './self-study-plan/self-study-plan.controller';
import { ApproveSelfStudyPlanHandler } from './self-study-plan/self-study-plan.handler';
import { VerifyCreditController } from './verify-credit/verify-credit.controller';
import { VerifyCreditHandler } from './verify-credit/verify-credit.handler';

@Module({
  controllers: [
    RegisterPersonController,
    GetPersonController,
    GrantCreditController,
    VerifyCreditController,
    RevokeCreditController,
    AdjustCreditController,
    ExemptionsController,
    ErasureController,
    CorrectionsController,
    EmploymentController,
    SelfStudyPlanController,
    ListCreditsController,
    PersonYearController,
    ProfileChangesController,
  ],
  providers: [
    PersonDirectory,
    PersonKeys,
    ErasePersonHandler,
    RegisterPersonHandler,
    GrantCreditHandler,
    VerifyCreditHandler,
    RevokeCreditHandler,
    AdjustCreditHandler,
    GrantExemptionHandler,
    RevokeExemptionHandler,
    ApproveCorrectionHandler,
    RejectCorrectionHandler,
    RecordEmploymentHandler,
    ApproveSelfStudyPlanHandler,
    ChangeProfileHandler,
  ],
  exports: [PersonDirectory, PersonKeys],
})
export class PersonsModule {}
