import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import {
  decodeLogPosition,
  EVENT_STORE,
  type EventStore,
} from '../../event-store/event-store.port';
import { Access } from '../../shared/http/actor';
import { ledgerDigest, verifyLedger } from './ledger-verifier';

export class DigestQuery {
  @ApiPropertyOptional({
    description:
      'A log position "commit:prepare" from an earlier digest: recompute the root as of then',
    example: '7412:1041',
  })
  @IsOptional()
  @Matches(/^\d{1,20}:\d{1,20}$/, { message: 'position must be a log position "commit:prepare"' })
  position?: string;
}

/** The digest of the log at a position (GET /audit/digest). */
export class LedgerDigestResponse {
  @ApiProperty({ example: 'merkle-sha256-stream-heads-v1' }) algorithm!: string;
  @ApiProperty({
    nullable: true,
    example: '7412:1041',
    description: 'the log position covered (every event at or before it); null for an empty log',
  })
  position!: string | null;
  @ApiProperty({ description: 'Merkle root over every stream head, hex' }) root!: string;
  @ApiProperty({ example: 1200 }) streams!: number;
  @ApiProperty({ example: 51234 }) events!: number;
}

@ApiTags('audit')
@Controller('audit')
export class VerificationController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('verification')
  @Access('audit.verification')
  @ApiOperation({
    summary: "Recompute every stream's hash chain and name the first event that does not match",
  })
  verify() {
    return verifyLedger(this.store);
  }

  @Get('digest')
  @Access('audit.digest')
  @ApiOperation({
    summary:
      'The Merkle root over all stream heads at a log position: publish it, and recompute it later to show history did not change',
  })
  @ApiOkResponse({ type: LedgerDigestResponse })
  digest(@Query() query: DigestQuery) {
    return ledgerDigest(this.store, query.position ? decodeLogPosition(query.position) : undefined);
  }
}
