import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { maskIdNumber } from '../../shared/domain/id-number';
import { Actor, CurrentActor, Access } from '../../shared/http/actor';
import { PersonKeys } from '../person-keys';
import { PersonParams } from '../person.params';
import { readablePerson } from '../readable-person';
import { ApiErrorResponses, recordErrors } from '../../shared/http/api-error-responses';
import { PersonResponse } from './get-person.response.dto';

@ApiTags('persons')
@Controller('persons/:personId')
export class GetPersonController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: PersonKeys,
  ) {}

  @Get()
  @Access('persons.read')
  @ApiOperation({
    summary:
      'A person; the full ID number only for the person and their committee, others see 330102********123X; null once erased',
  })
  @ApiOkResponse({ type: PersonResponse })
  @ApiErrorResponses(...recordErrors)
  async get(@Param() params: PersonParams, @CurrentActor() actor: Actor) {
    const {
      registration: r,
      exemptions,
      erased,
      attributes,
    } = await readablePerson(this.store, params.personId, actor);
    const [idNumber, name] = await this.keys.openFor(r.personId, [r.idNumberSealed, r.nameSealed]);
    // Readers reach this person only within their scope; of them, only the person and the
    // committee see the whole ID number.
    const full = actor.role === 'professional' || actor.role === 'committee';
    return {
      personId: r.personId,
      idNumber: idNumber === null ? null : full ? idNumber : maskIdNumber(idNumber),
      name,
      erased: erased !== null,
      profession: r.profession,
      titleLevel: r.titleLevel,
      specialty: r.specialty,
      jurisdiction: r.jurisdiction,
      grassroots: r.grassroots,
      countyLevelOrBelow: r.countyLevelOrBelow ?? r.grassroots,
      region: r.region ?? null,
      registeredAt: r.registeredAt ?? null,
      // The attributes as registered, and each change since with the day it took effect.
      attributeHistory: attributes && {
        registered: attributes.initial,
        changes: attributes.changes,
      },
      exemptions: [...exemptions.values()],
    };
  }
}
