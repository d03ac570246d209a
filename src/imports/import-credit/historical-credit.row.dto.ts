import { IsIn, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import {
  type ActivityKind,
  activityKinds,
  type ActivityLevel,
  activityLevels,
  type CreditCategory,
  creditCategories,
  type Format,
  formats,
  type Subject,
  subjects,
} from '../../activities/domain/activity.events';
import { IsAmount, IsIdNumber, IsInstant, IsOmittable } from '../../shared/http/validators';
import { msg, says } from '../../shared/domain/messages';

const sourceIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.:\-/]{0,99}$/;

/** One row of a historical credits file, checked with the same validators as the API's bodies. */
export class HistoricalCreditRow {
  @ValidateIf((o: HistoricalCreditRow) => o.personId === undefined || o.idNumber !== undefined)
  @IsIdNumber()
  idNumber?: string;

  @IsOmittable()
  @IsUUID('all', { message: 'personId must be a UUID' })
  personId?: string;

  @IsString()
  @Matches(sourceIdPattern, says(msg('validation.source-id', { field: 'sourceSystem' })))
  sourceSystem!: string;

  @IsString()
  @Matches(sourceIdPattern, says(msg('validation.source-id', { field: 'sourceRecordId' })))
  sourceRecordId!: string;

  @IsString()
  @Length(2, 200)
  activityTitle!: string;

  @IsOmittable()
  @IsString()
  @Length(1, 40)
  activityCode?: string;

  @IsIn(activityKinds)
  kind!: ActivityKind;

  @IsIn(activityLevels)
  level!: ActivityLevel;

  @IsOmittable()
  @IsIn(creditCategories)
  category?: CreditCategory;

  @IsIn(subjects)
  subject!: Subject;

  @IsOmittable()
  @IsIn(formats)
  format?: Format;

  @IsAmount()
  amount!: string;

  @IsOmittable()
  @IsAmount()
  hours?: string;

  @IsOmittable()
  @IsString()
  @Length(1, 40)
  originalAmount?: string;

  @IsInstant(says(msg('validation.date-or-instant', { field: 'earnedAt', example: '2021-06-30' })))
  earnedAt!: string;

  @IsOmittable()
  @IsString()
  @Length(1, 40)
  sourceRecordedAt?: string;
}
