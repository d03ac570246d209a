import { msg, says } from '../../shared/domain/messages';
import {
  Controller,
  Get,
  Header,
  Inject,
  Param,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { activityEvolver } from '../../activities/domain/activity.decider';
import { activityStreamId } from '../../activities/domain/activity.events';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { loadState } from '../../shared/application/state-cache';
import {
  compareLogPositions,
  encodeLogPosition,
  EVENT_STORE,
  type EventStore,
  type LogPosition,
} from '../../event-store/event-store.port';

import { readablePerson } from '../../persons/readable-person';
import { personStreamId } from '../../persons/domain/person.events';
import { setTimeout as sleep } from 'node:timers/promises';
import { PersonYearParams } from '../../persons/person.params';
import { notFound } from '../../shared/domain/domain-error';
import { maskIdNumber } from '../../shared/domain/id-number';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { PersonKeys } from '../../persons/person-keys';
import { ledgerDigest } from '../verification/ledger-verifier';
import {
  certificateContentAt,
  certificateHtml,
  contentDigest,
  decodeCertificateId,
  encodeCertificateId,
} from './certificate';
import { ApiErrorResponses, recordErrors } from '../../shared/http/api-error-responses';
import { CertificateResponse, CertificateVerificationResponse } from './certificates.response.dto';
import { certificatePdf } from './certificate-pdf';

/** How long an issue waits for open transactions below the person's last event, and how often it looks. */
const issuingWaitMaxMs = 2_000;
const issuingWaitStepMs = 10;

export class CertificateQuery {
  @ApiPropertyOptional({
    enum: ['json', 'html', 'pdf'],
    default: 'json',
    description:
      'json; html (a printable page); pdf (Chinese, with a QR code that opens the public verification page)',
  })
  @IsOptional()
  @IsIn(['json', 'html', 'pdf'])
  format?: 'json' | 'html' | 'pdf';
}

export class CertificateParams {
  @ApiProperty()
  @Matches(
    /^[A-Za-z0-9_-]{67}$/,
    says(msg('validation.certificate-id', { field: 'certificateId' })),
  )
  certificateId!: string;
}

@ApiTags('audit')
@Controller()
export class CertificatesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: PersonKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('persons/:personId/years/:year/certificate')
  @Access('persons.certificate')
  @ApiOperation({
    summary:
      '电子学分证书: the counted credits of a year, with the log position and digest it was issued at (JSON, printable HTML, or a PDF with a QR code to its verification page)',
  })
  @ApiOkResponse({
    description: 'The certificate: JSON, printable HTML with format=html, a PDF with format=pdf',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CertificateResponse) } },
      'text/html': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiExtraModels(CertificateResponse)
  @ApiErrorResponses(...recordErrors)
  async issue(
    @Param() params: PersonYearParams,
    @Query() query: CertificateQuery,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const person = await readablePerson(this.store, params.personId, actor);
    const [idNumber, name] = await this.keys.openFor(params.personId, [
      person.registration.idNumberSealed,
      person.registration.nameSealed,
    ]);
    const position = await this.issuingPosition(params.personId);
    const content =
      position && (await certificateContentAt(this.store, params.personId, params.year, position));
    if (!position || !content) throw notFound('personId', msg('not-found.person'));
    const digest = await ledgerDigest(this.store, position);
    const certificate = {
      certificateId: encodeCertificateId(params.personId, params.year, position, content),
      issuedAt: new Date().toISOString(),
      position: encodeLogPosition(position),
      digestRoot: digest.root,
      name,
      idNumber: idNumber === null ? null : maskIdNumber(idNumber),
      ...content,
    };
    if (query.format === 'html') {
      response.type('html');
      return certificateHtml(certificate);
    }
    if (query.format === 'pdf') {
      const titles = new Map<string, string>();
      for (const activityId of new Set(content.credits.map((c) => c.activityId))) {
        const { state } = await loadState(
          this.store,
          activityStreamId(activityId),
          activityEvolver,
          {
            shared: true,
          },
        );
        if (state.details) titles.set(activityId, state.details.title);
      }
      const base = this.config.publicUrl ?? `${request.protocol}://${request.get('host')}`;
      const pdf = await certificatePdf(
        certificate,
        `${base}/verify/${certificate.certificateId}`,
        titles,
      );
      response.type('application/pdf');
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="certificate-${params.year}.pdf"; filename*=UTF-8''${encodeURIComponent(`学分证书-${params.year}.pdf`)}`,
      );
      return new StreamableFile(pdf);
    }
    return certificate;
  }

  /** Public: anyone holding a certificate may ask. Answers with ids and figures, nothing personal. */
  @Get('certificates/:certificateId/verification')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Is this certificate authentic (issued by this ledger at its position), and does it still hold now?',
  })
  @ApiOkResponse({ type: CertificateVerificationResponse })
  @ApiErrorResponses(400, 404, 429, 503)
  async verify(@Param() params: CertificateParams) {
    const decoded = decodeCertificateId(params.certificateId);
    if (!decoded) throw notFound('certificateId', msg('not-found.certificate'));
    const issued = await certificateContentAt(
      this.store,
      decoded.personId,
      decoded.year,
      decoded.position,
    );
    const authentic =
      issued !== null && contentDigest(issued).subarray(0, 16).equals(decoded.digest);
    if (!authentic)
      return {
        certificateId: params.certificateId,
        authentic: false,
        valid: false,
        reason: 'the ledger never issued this content at that position',
      };
    // Now: every event of the person's stream committed by this moment. The log's head position
    // stops below the oldest open transaction anywhere (so readers never skip a late commit) and
    // may not reach a revocation committed an instant ago.
    const now = await certificateContentAt(this.store, decoded.personId, decoded.year, 'latest');
    const valid = now !== null && contentDigest(now).equals(contentDigest(issued));
    const nowIds = new Set(now?.credits.map((c) => c.creditId));
    const changed = issued.credits.filter(
      (c) =>
        !nowIds.has(c.creditId) ||
        now?.credits.find((n) => n.creditId === c.creditId)?.amount !== c.amount,
    );
    return {
      certificateId: params.certificateId,
      authentic: true,
      valid,
      year: decoded.year,
      issuedAtPosition: encodeLogPosition(decoded.position),
      countedCredits: { issued: issued.countedCredits, now: now?.countedCredits ?? null },
      reason: valid
        ? 'the credits on the certificate still stand'
        : `credits changed since issue: ${changed.map((c) => c.creditId).join(', ') || 'totals or verdict differ'}`,
    };
  }

  /**
   * Where a certificate is issued: the log's head, once it covers every event of the person's
   * stream. The head stops below the oldest transaction still open (so no reader skips a late
   * commit); a grant the caller has just seen committed may lie above it for a moment, and a
   * certificate issued then would leave it out. Open transactions are short here: wait for them
   * (bounded), then issue.
   */
  private async issuingPosition(personId: string): Promise<LogPosition | null> {
    const streamId = personStreamId(personId);
    const last = this.store.lastPositions
      ? (await this.store.lastPositions([streamId])).get(streamId)
      : (await this.store.readStream(streamId)).at(-1)?.position;
    for (let waitedMs = 0; ; waitedMs += issuingWaitStepMs) {
      const head = await this.store.headPosition();
      if (!last || (head && compareLogPositions(head, last) >= 0) || waitedMs >= issuingWaitMaxMs)
        return head;
      await sleep(issuingWaitStepMs);
    }
  }
}
