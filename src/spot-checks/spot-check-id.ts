import { msg, says } from '../shared/domain/messages';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { notFound } from '../shared/domain/domain-error';
import { spotCheckIdPattern, spotCheckStreamId } from './domain/spot-check.events';

export class SpotCheckParams {
  @ApiProperty({ example: 'CN-ZJ.2026.1' })
  @Matches(
    spotCheckIdPattern,
    says(msg('validation.format', { field: 'spotCheckId', example: 'CN-ZJ.2026.1' })),
  )
  spotCheckId!: string;
}

export function spotCheckStreamOf(spotCheckId: string): {
  streamId: string;
  jurisdiction: string;
  year: number;
} {
  const match = spotCheckIdPattern.exec(spotCheckId);
  if (!match) throw notFound('spotCheckId', msg('not-found.spot-check'));
  const year = Number(match[2]);
  return { streamId: spotCheckStreamId(match[1], year), jurisdiction: match[1], year };
}
