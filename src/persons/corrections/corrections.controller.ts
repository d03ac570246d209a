import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { CommandBus, CommandHandler } from '@nestjs/cqrs';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import type { EventMetadata } from '../../event-store/event-store.port';
import { actorMetadata } from '../../shared/http/command-metadata';
import { Access, Actor, CurrentActor } from '../../shared/http/actor';
import { CreditCommand, CreditCommandHandler } from '../credit-command';
import { decideCorrectionApproval, decideCorrectionRejection } from '../domain/corrections';
import type { PersonState } from '../domain/person.decider';
import { CreditParams } from '../person.params';

export class CorrectionParams extends CreditParams {
  @ApiProperty({ format: 'uuid', description: 'From the 202 answer that held the correction' })
  @IsUUID('all', { message: 'correctionId must be a UUID' })
  correctionId!: string;
}

export class RejectCorrectionRequest {
  @ApiProperty({ example: 'the attendance sheet was found; the credit stands' })
  @IsString()
  @Length(8, 1000, { message: 'reason must be a sentence (8–1000 characters)' })
  reason!: string;
}

/** A second admin approves a held correction: it takes effect now, both steps on the record. */
export class ApproveCorrection extends CreditCommand {
  constructor(
    creditId: string,
    readonly correctionId: string,
    actor: Actor,
    metadata: EventMetadata,
  ) {
    super(creditId, actor, undefined, metadata);
  }
  decide(state: PersonState) {
    return decideCorrectionApproval(state, {
      creditId: this.creditId,
      correctionId: this.correctionId,
      approvedBy: this.actor.actorId,
    });
  }
}

export class RejectCorrection extends CreditCommand {
  constructor(
    creditId: string,
    readonly correctionId: string,
    readonly reason: string,
    actor: Actor,
    metadata: EventMetadata,
  ) {
    super(creditId, actor, undefined, metadata);
  }
  decide(state: PersonState) {
    return decideCorrectionRejection(state, {
      creditId: this.creditId,
      correctionId: this.correctionId,
      rejectedBy: this.actor.actorId,
      reason: this.reason,
    });
  }
}

@CommandHandler(ApproveCorrection)
export class ApproveCorrectionHandler extends CreditCommandHandler<ApproveCorrection> {}

@CommandHandler(RejectCorrection)
export class RejectCorrectionHandler extends CreditCommandHandler<RejectCorrection> {}

@ApiTags('credits')
@Controller('credits/:creditId/corrections/:correctionId')
export class CorrectionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('approval')
  @HttpCode(HttpStatus.OK)
  @Access('corrections.approve')
  @ApiOperation({
    summary:
      'A second admin (not the requester) approves a held revocation or adjustment; it takes effect now',
  })
  approve(@Param() params: CorrectionParams, @CurrentActor() actor: Actor) {
    return this.commands.execute(
      new ApproveCorrection(params.creditId, params.correctionId, actor, actorMetadata(actor)),
    );
  }

  @Post('rejection')
  @HttpCode(HttpStatus.OK)
  @Access('corrections.reject')
  @ApiOperation({ summary: 'Reject (or, by its requester, withdraw) a held correction' })
  reject(
    @Param() params: CorrectionParams,
    @Body() body: RejectCorrectionRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.execute(
      new RejectCorrection(
        params.creditId,
        params.correctionId,
        body.reason,
        actor,
        actorMetadata(actor, { reason: body.reason }),
      ),
    );
  }
}
