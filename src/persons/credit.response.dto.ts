import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  activityKinds,
  creditCategories,
  formats,
  subjects,
} from '../activities/domain/activity.events';

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
  @ApiProperty({ type: [String], description: 'Why it does not count (fully), if so' })
  reasons!: string[];
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
