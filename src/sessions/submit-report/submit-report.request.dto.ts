import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { IsAmount, IsInstant, IsOmittable } from '../../shared/http/validators';
import { teacherTitles, type TeacherTitle } from '../domain/session.events';
import { msg, says } from '../../shared/domain/messages';

const evaluationLevelsText = says(
  msg('validation.evaluation-levels', { field: 'evaluationLevels' }),
);

export class TeacherReplacement {
  @ApiProperty({ enum: teacherTitles, example: 'senior', description: '被替换教师职称' })
  @IsIn(teacherTitles)
  replacedTitle!: TeacherTitle;

  @ApiProperty({ enum: teacherTitles, example: 'associate-senior', description: '替换教师职称' })
  @IsIn(teacherTitles)
  replacementTitle!: TeacherTitle;
}

/** R12 (004 §六.4): what changed against the approved application. */
export class ReportedChangesRequest {
  @ApiProperty({ example: '0.2', description: 'Share of the planned teachers replaced (0–1)' })
  @IsAmount()
  teachersChangedShare!: string;

  @ApiProperty({ example: '0.1', description: 'Share of the planned content changed (0–1)' })
  @IsAmount()
  contentChangedShare!: string;

  @ApiProperty({ type: [TeacherReplacement], description: 'Each replacement teacher' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TeacherReplacement)
  replacements!: TeacherReplacement[];
}

export class SubmitReportRequest {
  @ApiProperty({
    example: '18',
    description: 'Hours actually taught (R12: credits are reduced to these)',
  })
  @IsAmount()
  hoursTaught!: string;

  @ApiProperty({
    example: '2026-05-15T10:00:00+08:00',
    description: 'R14: due within 14 days of the session (by the end of that day, Asia/Shanghai)',
  })
  @IsInstant()
  submittedAt!: string;

  @ApiPropertyOptional({
    example: [1, 2, 3],
    description:
      'R17 (004 §六.5): the evaluation levels done, 1–7; a project needs 1–3 (participation, satisfaction, knowledge)',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(7)
  @IsInt({ each: true, ...evaluationLevelsText })
  @Min(1, { each: true, ...evaluationLevelsText })
  @Max(7, { each: true, ...evaluationLevelsText })
  evaluationLevels?: number[];

  @ApiPropertyOptional({
    type: ReportedChangesRequest,
    description: 'R12: changes of teachers and content; left out when nothing changed',
  })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ReportedChangesRequest)
  changes?: ReportedChangesRequest;
}
