import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  activityKinds,
  creditCategories,
  formats,
  subjects,
} from '../activities/domain/activity.events';
import { MessageResponse } from '../shared/http/message.response.dto';

/** OpenAPI shape of a credit as callers see it (`creditView`). */
export class CreditResponse {
  @ApiProperty({ example: 'nECcwX7aVies30mN6h3wqDFW5o81LETnq0YWA-bwkx4' }) creditId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) personId!: string | null;
  @ApiProperty({ enum: ['counted', 'pending', 'rejected', 'revoked', 'annulled'] })
  status!: string;
  @ApiProperty({ example: '2', description: 'Exact decimal, as text' }) amount!: string;
  @ApiProperty({ enum: creditCategories, nullable: true, type: String }) category!: string | null;
  @ApiProperty({ enum: subjects }) subject!: string;
  @ApiProperty({ enum: activityKinds }) kind!: string;
  @ApiProperty({ example: 'non-project', description: 'project, non-project or imported' })
  source!: string;
  @ApiProperty({ enum: formats }) format!: string;
  @ApiProperty({ type: String, nullable: true, example: 'unit' }) level!: string | null;
  @ApiProperty({ format: 'uuid' }) activityId!: string;
  @ApiProperty({ type: String, nullable: true }) sessionId!: string | null;
  @ApiProperty({ example: '2026-06-30T09:00:00.000Z' }) earnedAt!: string;
  @ApiProperty({ example: 2026 }) creditYear!: number;
  @ApiProperty({ example: 'zhejiang-2024@2', description: 'Rule profile id@version' })
  profile!: string;
  @ApiProperty({ enum: ['not-required', 'pending', 'verified', 'rejected'] })
  verification!: string;
  @ApiProperty({
    example: '6 h ÷ 3 h per credit = 2 (at most 5 per project count) [R11, 003]',
    description: 'How the amount was worked out',
  })
  calculation!: string;
  @ApiProperty({
    type: MessageResponse,
    nullable: true,
    description:
      'The calculation as a code and its figures (null on credits granted before it was kept, whose `calculation` is English)',
  })
  calculationCode!: MessageResponse | null;
  @ApiProperty({ type: [String], description: 'Why it does not count (fully), if so' })
  reasons!: string[];
  @ApiProperty({ type: [MessageResponse], description: 'The reasons as codes and parameters' })
  reasonCodes!: MessageResponse[];
}

/** A correction that took effect on a credit, as its listing shows it. */
export class CreditCorrectionHistoryResponse {
  @ApiProperty({ enum: ['adjusted', 'revoked', 'annulled'] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: '6' }) amountBefore!: string;
  @ApiProperty({ example: '2' }) amountAfter!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Category or subject changed by an adjustment, each {before, after}',
    example: { category: { before: 'I', after: 'II' } },
  })
  changes!: Record<string, { before: string | null; after: string | null }>;
  @ApiProperty({ example: '复查会议签到' }) reason!: string;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'admin' }) role!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) correctionId!: string | null;
  @ApiProperty({ type: String, nullable: true }) approvedBy!: string | null;
  @ApiProperty({ example: '2026-11-20T00:30:00.000Z' }) recordedAt!: string;
  @ApiProperty({ example: '2026-11-20 08:30 +08:00' }) recordedAtShanghai!: string;
  @ApiProperty({ description: "The correction in words, in the caller's language" }) text!: string;
  @ApiProperty({ type: MessageResponse }) textCode!: MessageResponse;
}

/** A credit in a listing: with the corrections that took effect on it. */
export class CreditWithHistoryResponse extends CreditResponse {
  @ApiPropertyOptional({
    type: [CreditCorrectionHistoryResponse],
    description: 'Corrections that took effect, in log order (kind, amounts, reason, actor, when)',
  })
  correctionHistory?: CreditCorrectionHistoryResponse[];
}

/** What a correction changes: a revocation, or an adjustment of amount, category or subject. */
export class CorrectionChangeResponse {
  @ApiProperty({ enum: ['revoke', 'adjust'] }) kind!: string;
  @ApiPropertyOptional({ example: '1.5' }) amount?: string;
  @ApiPropertyOptional({ enum: creditCategories }) category?: string;
  @ApiPropertyOptional({ enum: subjects }) subject?: string;
}

/** A correction that went through maker-checker (held for a second admin). */
export class CorrectionResponse {
  @ApiProperty({ format: 'uuid' }) correctionId!: string;
  @ApiProperty() creditId!: string;
  @ApiProperty({ type: CorrectionChangeResponse }) change!: CorrectionChangeResponse;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'The admin who asked (actor id)' }) requestedBy!: string;
  @ApiProperty({
    type: [String],
    example: ['removes 2 credits; more than 1 needs a second admin'],
  })
  heldBecause!: string[];
  @ApiProperty({ enum: ['awaiting-approval', 'approved', 'rejected'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
}

/** The answer of a command on one credit: the credit as it now is, with its corrections. */
export class CreditCommandResponse extends CreditResponse {
  @ApiProperty({ type: [CorrectionResponse], description: 'Held corrections, oldest first' })
  corrections!: CorrectionResponse[];
  @ApiProperty({
    type: CorrectionResponse,
    nullable: true,
    description: 'The correction this request asked for, when it waits for a second admin (202)',
  })
  heldForApproval!: CorrectionResponse | null;
}
