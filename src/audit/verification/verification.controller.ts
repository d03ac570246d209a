import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import {
  decodeLogPosition,
  EVENT_STORE,
  type EventStore,
} from '../../event-store/event-store.port';
import { Access } from '../../shared/http/actor';
import { ledgerDigest, verifyLedger } from './ledger-verifier';
import { ApiErrorResponses } from '../../shared/http/api-error-responses';
import { LedgerDigestResponse, VerificationResponse } from './verification.response.dto';
import { msg, says } from '../../shared/domain/messages';

export class DigestQuery {
  @ApiPropertyOptional({
    description:
      'A log position "commit:prepare" from an earlier digest: recompute the root as of then',
    example: '7412:1041',
  })
  @IsOptional()
  @Matches(/^\d{1,20}:\d{1,20}$/, says(msg('validation.log-position-short', { field: 'position' })))
  position?: string;
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
  @ApiOkResponse({ type: VerificationResponse })
  @ApiErrorResponses(401, 403, 429, 503)
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
  @ApiErrorResponses(400, 401, 403, 429, 503)
  digest(@Query() query: DigestQuery) {
    return ledgerDigest(this.store, query.position ? decodeLogPosition(query.position) : undefined);
  }
}
