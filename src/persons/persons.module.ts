import { Module } from '@nestjs/common';
import { AdjustCreditController } from './adjust-credit/adjust-credit.controller';
import { AdjustCreditHandler } from './adjust-credit/adjust-credit.handler';
import { EmploymentController, RecordEmploymentHandler } from './employment/employment.controller';
import {
  ApproveCorrectionHandler,
  CorrectionsController,
  RejectCorrectionHandler,
} from './corrections/corrections.controller';
import { ErasePersonHandler, ErasureController } from './erasure/erasure.controller';
import { PersonKeys } from './person-keys';
import { ExemptionsController } from './exemptions/exemptions.controller';
import { GrantExemptionHandler, RevokeExemptionHandler } from './exemptions/exemptions.handler';
import { GetPersonController } from './get-person/get-person.controller';
import { GrantCreditController } from './grant-credit/grant-credit.controller';
import { GrantCreditHandler } from './grant-credit/grant-credit.handler';
import { ListCreditsController } from './list-credits/list-credits.controller';
import { PersonDirectory } from './person-directory';
import { PersonYearController } from './person-year/person-year.controller';
import { RegisterPersonController } from './register-person/register-person.controller';
import { RegisterPersonHandler } from './register-person/register-person.handler';
import { RevokeCreditController } from './revoke-credit/revoke-credit.controller';
import { RevokeCreditHandler } from './revoke-credit/revoke-credit.handler';
import {
  ApproveSelfStudyPlanHandler,
  SelfStudyPlanController,
} from './self-study-plan/self-study-plan.controller';
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
  ],
  exports: [PersonDirectory, PersonKeys],
})
export class PersonsModule {}
