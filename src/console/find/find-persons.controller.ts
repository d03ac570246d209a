import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import {
  yearOfDoc,
  type PersonYearsDoc,
} from '../../../projections/person-years/person-years.projection';
import { PersonDirectory } from '../../persons/person-directory';
import {
  namePieces,
  nameSearchLengthMin,
  nameToken,
  normalizedName,
} from '../../persons/person-names';
import { PII_VAULT, PiiVault } from '../../shared/pii-vault';
import { authorize, mayAccess } from '../../shared/http/access-policy';
import { Access, type Actor, CurrentActor } from '../../shared/http/actor';
import {
  IsIdNumber,
  IsJurisdiction,
  IsOmittable,
  IsOrganizationId,
} from '../../shared/http/validators';
import { Lookups } from './lookups';
import { msg, says } from '../../shared/domain/messages';
import { type Page, PageInfo, pageOf, PageQuery } from './paging';
import { ApiErrorResponses } from '../../shared/http/api-error-responses';

export class FindPersonsQuery extends PageQuery {
  @ApiProperty({ example: 'CN-ZJ', description: 'the jurisdiction searched (within yours)' })
  @IsJurisdiction()
  jurisdiction!: string;

  @ApiPropertyOptional({
    example: '33010219790610000X',
    description: 'exact ID number, found through its keyed hash (never stored in clear)',
  })
  @IsOmittable()
  @IsIdNumber()
  idNumber?: string;

  @ApiPropertyOptional({
    example: '王芳',
    description:
      'part of the name (at least 2 characters; spaces and · ignored), found through keyed hashes of its pieces — erased people are never found',
  })
  @IsOmittable()
  @IsString()
  @ValidateBy(
    {
      name: 'nameSearchLength',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          Array.from(normalizedName(value)).length >= nameSearchLengthMin,
      },
    },
    says(msg('validation.name-search', { field: 'name', min: nameSearchLengthMin })),
  )
  @MaxLength(50)
  name?: string;

  @ApiPropertyOptional({ example: 'employer-zj-demo', description: "an employer's staff" })
  @IsOmittable()
  @IsOrganizationId()
  employer?: string;

  @ApiPropertyOptional({
    example: 2026,
    description: 'the credit year whose status each row shows',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number' })
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class YearStatus {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ enum: ['compliant', 'exempt', 'short', 'out-of-scope'] }) verdict!: string;
  @ApiProperty({ example: '25' }) countedCredits!: string;
  @ApiProperty({ example: '90' }) countedHours!: string;
  @ApiProperty({ example: '0' }) pendingCredits!: string;
  @ApiProperty({ example: 'zhejiang-2024@1' }) profile!: string;
  @ApiProperty({ type: [String], description: 'every reason the verdict has' }) reasons!: string[];
}

export class FoundPerson {
  @ApiProperty() personId!: string;
  @ApiProperty({ type: String, nullable: true, example: '王芳', description: 'null once erased' })
  name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '330102********123X' }) idNumber!:
    string | null;
  @ApiProperty({ example: 'CN-ZJ' }) jurisdiction!: string;
  @ApiProperty({ example: 'doctor' }) profession!: string;
  @ApiProperty({ example: 'senior' }) titleLevel!: string;
  @ApiProperty() grassroots!: boolean;
  @ApiProperty({ type: String, nullable: true }) employerId!: string | null;
  @ApiProperty({ type: YearStatus, nullable: true }) year!: YearStatus | null;
}

export class FoundPersons extends PageInfo {
  @ApiProperty({ type: [FoundPerson] }) items!: FoundPerson[];
}

export function yearStatus(doc: PersonYearsDoc | null, year: number): YearStatus | null {
  if (!doc) return null;
  const a = yearOfDoc(doc, year);
  if (!a) return null;
  return {
    year,
    verdict: a.verdict,
    countedCredits: a.counted.credits,
    countedHours: a.counted.hours,
    pendingCredits: a.pending.credits,
    profile: a.profile,
    reasons: a.reasons,
  };
}

/** Persons by exact ID number, or a jurisdiction's (or one employer's) people with a year's status. */
@ApiTags('console')
@Controller('persons')
export class FindPersonsController {
  constructor(
    private readonly lookups: Lookups,
    private readonly directory: PersonDirectory,
    @Inject(PII_VAULT) private readonly vault: PiiVault,
  ) {}

  @ApiErrorResponses(400, 401, 403, 429, 503)
  @Get()
  @Access('persons.find')
  @ApiOperation({
    summary:
      "Find people within your scope: by exact ID number, by name (part of it), or a jurisdiction's people or an employer's staff, each with the year's verdict; paged",
  })
  @ApiOkResponse({ type: FoundPersons })
  async find(
    @Query() query: FindPersonsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<FoundPerson>> {
    authorize(actor, { jurisdiction: query.jurisdiction, employerId: query.employer });
    const year = query.year ?? new Date().getFullYear();
    type Match = { personId: string; state: Awaited<ReturnType<Lookups['person']>> };
    // Filter on what the record says (jurisdiction, employer), then name only the page's rows.
    const holds = async (personId: string): Promise<Match | null> => {
      const state = await this.lookups.person(personId);
      const r = state.registration;
      if (!r || r.jurisdiction !== query.jurisdiction) return null;
      if (query.employer && (r.employerId ?? null) !== query.employer) return null;
      if (!mayAccess(actor, { ...r })) return null;
      return { personId, state };
    };
    let page: Page<Match>;
    if (query.idNumber || query.name !== undefined) {
      const wanted = query.name === undefined ? null : normalizedName(query.name);
      let ids: string[];
      if (query.idNumber) {
        ids = [this.directory.personIdFor(query.idNumber)];
      } else {
        const tokens = namePieces(wanted as string).map((p) =>
          nameToken((v) => this.vault.lookupHash(v), p),
        );
        ids = await this.lookups.personIdsHoldingAll(tokens);
      }
      const matching: Match[] = [];
      for (const personId of ids) {
        const match = await holds(personId);
        if (!match) continue;
        if (wanted !== null) {
          // The index only narrows: the name itself decides (and an erased one opens to nothing).
          const [name] = await this.lookups.openName(match.state);
          if (name === null || !normalizedName(name).includes(wanted)) continue;
        }
        matching.push(match);
      }
      page = pageOf(matching, query);
    } else {
      // A jurisdiction's people or an employer's staff: paged in SQL (the person-directory
      // projection), each row of the page checked against the record itself.
      const { total, personIds } = await this.lookups.directoryPage(
        query.jurisdiction,
        query.employer,
        query,
      );
      const items: Match[] = [];
      for (const personId of personIds) {
        const match = await holds(personId);
        if (match) items.push(match);
      }
      page = { page: query.page, pageSize: query.pageSize, total, items };
    }
    const items: FoundPerson[] = [];
    for (const { personId, state } of page.items) {
      const r = state.registration as NonNullable<typeof state.registration>;
      const { name, idNumber } = await this.lookups.identity(state, actor);
      items.push({
        personId,
        name,
        idNumber,
        jurisdiction: r.jurisdiction,
        profession: r.profession,
        titleLevel: r.titleLevel,
        grassroots: r.grassroots,
        employerId: r.employerId ?? null,
        year: yearStatus(await this.lookups.personDoc(personId), year),
      });
    }
    return { ...page, items };
  }
}
