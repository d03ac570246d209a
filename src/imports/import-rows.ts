import { activityDetailsOf } from '../activities/register-activity/activity-details';
import { HttpException } from '@nestjs/common';
import type { Command } from '@nestjs/cqrs';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { RegisterActivity } from '../activities/register-activity/register-activity.handler';
import { RegisterActivityRequest } from '../activities/register-activity/register-activity.request.dto';
import { ScheduleSession } from '../activities/schedule-session/schedule-session.handler';
import { ScheduleSessionRequest } from '../activities/schedule-session/schedule-session.request.dto';
import { EventIdConflictError, WrongExpectedVersionError } from '../event-store/event-store.errors';
import type { EventMetadata } from '../event-store/event-store.port';
import { RegisterPerson } from '../persons/register-person/register-person.handler';
import { RegisterPersonRequest } from '../persons/register-person/register-person.request.dto';
import { RecordAttendance } from '../sessions/record-attendance/record-attendance.handler';
import { RecordAttendanceRequest } from '../sessions/record-attendance/record-attendance.request.dto';
import { DomainError } from '../shared/domain/domain-error';
import { inEnglish, type Message, msg } from '../shared/domain/messages';
import { messagesOf } from '../shared/http/language';
import { validationProblems } from '../shared/http/request-body';
import { storeRefusalMessage } from '../common/event-store-error.filter';
import { canonicalJson } from '../shared/domain/canonical-json';
import { authorize, covers } from '../shared/http/access-policy';
import type { Actor } from '../shared/http/actor';
import { compositeIdPattern } from '../shared/http/validators';
import { compositeId, derivedId } from '../shared/ids';
import { columnName, type ImportKind } from './domain/import-kinds';
import { HistoricalCreditRow } from './import-credit/historical-credit.row.dto';
import { ImportCredit } from './import-credit/import-credit.handler';

/** What a row's commands need from the service: its command bus, and people and sessions found. */
export interface RowContext {
  kind: ImportKind;
  actor: Actor;
  jurisdiction: string;
  metadata: EventMetadata;
  now: Date;
  resolvePerson(ref: { idNumber?: string; personId?: string }): Promise<string>;
  sessionJurisdiction(sessionId: string): Promise<string>;
}

/** A row refused: which column, which rule (R11, …, or the kind of check), and why. */
export class RowRefused extends Error {
  constructor(
    readonly column: string | null,
    readonly rule: string,
    /** Why, as a catalogue message (the report renders it in the reader's language). */
    readonly text: Message,
  ) {
    super(inEnglish(text));
  }
}

/** What a valid row will run: the API's commands, with ids derived from the row's content. */
export interface RowPlan {
  commands: Command<unknown>[];
  ids: Record<string, string>;
}

const yes = new Set(['是', 'y', 'yes', 'true', '1', '√', 't']);
const no = new Set(['否', 'n', 'no', 'false', '0', '×', 'f']);

function booleanCell(value: string | undefined): boolean | string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (yes.has(v)) return true;
  if (no.has(v)) return false;
  return value;
}

/** A date alone is that day in Asia/Shanghai; an instant keeps its offset. */
function instantCell(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const date = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v);
  if (date)
    return `${date[1]}-${date[2].padStart(2, '0')}-${date[3].padStart(2, '0')}T00:00:00+08:00`;
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2})?)$/.exec(v);
  if (local) return `${local[1]}T${local[2].length === 5 ? `${local[2]}:00` : local[2]}+08:00`;
  return v;
}

/** The DTO the API validates, with the same validators and messages; refused at the first field. */
function validated<T extends object>(
  kind: ImportKind,
  type: new () => T,
  plain: Record<string, unknown>,
): T {
  const instance = plainToInstance(type, plain);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  if (errors.length > 0) {
    const first = firstError(errors[0]);
    const [problem] = validationProblems([first]);
    throw new RowRefused(
      columnName(kind, first.property),
      'format',
      problem?.message ?? msg('validation.invalid', { field: first.property, en: 'invalid' }),
    );
  }
  return instance;
}

function firstError(error: ValidationError): ValidationError {
  return error.children && error.children.length > 0 ? firstError(error.children[0]) : error;
}

const pick = (record: Record<string, string | undefined>, fields: readonly string[]) =>
  Object.fromEntries(fields.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]));

/**
 * Checks a row as the API checks a request body and builds the commands the API would run. Row
 * ids come from the row's content (activities, sessions) or from what the row names (a person by
 * ID number, an attendance by session and person, a credit by its source record), so the same
 * file imported again records nothing new.
 */
export async function planRow(
  record: Record<string, string | undefined>,
  ctx: RowContext,
): Promise<RowPlan> {
  const { kind, actor, metadata, now } = ctx;
  switch (kind) {
    case 'persons': {
      const body = validated(kind, RegisterPersonRequest, {
        ...pick(record, ['idNumber', 'name', 'profession', 'titleLevel', 'specialty']),
        jurisdiction: record.jurisdiction ?? ctx.jurisdiction,
        grassroots: booleanCell(record.grassroots),
        ...pick(record, ['employerId']),
      });
      requireJurisdiction(ctx, body.jurisdiction);
      const employerId = body.employerId ?? (actor.role === 'employer' ? actor.orgId : undefined);
      authorize(actor, { jurisdiction: body.jurisdiction, employerId });
      const { idNumber, name, ...rest } = body;
      const profile = { ...rest, ...(employerId ? { employerId } : {}) };
      return {
        commands: [new RegisterPerson(idNumber, name, profile, now, metadata)],
        ids: {},
      };
    }
    case 'activities': {
      const activityFields = [
        'kind',
        'code',
        'title',
        'level',
        'category',
        'subject',
        'format',
        'credits',
        'hours',
        'organizerId',
        'sessionsDeclared',
      ];
      const body = validated(kind, RegisterActivityRequest, {
        ...pick(record, activityFields),
        jurisdiction: record.jurisdiction ?? ctx.jurisdiction,
      });
      requireJurisdiction(ctx, body.jurisdiction);
      authorize(actor, body);
      const activityId = derivedId('import', 'activity', canonicalJson(body));
      const commands: Command<unknown>[] = [
        new RegisterActivity(activityDetailsOf(body, activityId), now, metadata),
      ];
      const ids: Record<string, string> = { activityId };
      const sessionGiven = ['startsAt', 'endsAt', 'location'].some((f) => record[f] !== undefined);
      if (sessionGiven) {
        const session = validated(kind, ScheduleSessionRequest, {
          startsAt: instantCell(record.startsAt),
          endsAt: instantCell(record.endsAt),
          location: record.location,
        });
        const sessionUuid = derivedId(activityId, 'session', canonicalJson(session));
        ids.sessionId = compositeId(activityId, sessionUuid);
        commands.push(
          new ScheduleSession(
            activityId,
            sessionUuid,
            new Date(session.startsAt),
            new Date(session.endsAt),
            session.location,
            actor,
            now,
            metadata,
          ),
        );
      }
      return { commands, ids };
    }
    case 'attendance': {
      if (record.idNumber !== undefined && record.personId !== undefined)
        throw new RowRefused(columnName(kind, 'personId'), 'format', msg('invalid.id-or-person'));
      if (record.sessionId === undefined || !compositeIdPattern.test(record.sessionId))
        throw new RowRefused(
          columnName(kind, 'sessionId'),
          'format',
          msg('validation.session-id', { field: 'sessionId' }),
        );
      const body = validated(kind, RecordAttendanceRequest, {
        ...pick(record, ['idNumber', 'personId']),
        method: record.method ?? 'manual',
        scannedAt: instantCell(record.scannedAt),
        deviceId: record.deviceId ?? 'roster-import',
      });
      requireJurisdiction(ctx, await ctx.sessionJurisdiction(record.sessionId));
      const personId = await ctx.resolvePerson(body);
      return {
        commands: [
          new RecordAttendance(
            record.sessionId,
            personId,
            body.method,
            new Date(body.scannedAt),
            body.deviceId,
            actor,
            metadata,
          ),
        ],
        ids: { personId, attendanceId: derivedId(record.sessionId, personId, 'attendance') },
      };
    }
    case 'credits': {
      const body = validated(kind, HistoricalCreditRow, {
        ...pick(record, [
          'idNumber',
          'personId',
          'sourceSystem',
          'sourceRecordId',
          'activityTitle',
          'activityCode',
          'kind',
          'level',
          'category',
          'subject',
          'format',
          'amount',
          'hours',
          'originalAmount',
          'sourceRecordedAt',
        ]),
        earnedAt: instantCell(record.earnedAt),
      });
      const personId = await ctx.resolvePerson(body);
      const creditId = compositeId(
        personId,
        derivedId('imported-credit', body.sourceSystem, body.sourceRecordId),
      );
      return {
        commands: [
          new ImportCredit(
            personId,
            {
              creditId,
              sourceSystem: body.sourceSystem,
              sourceRecordId: body.sourceRecordId,
              activityId: derivedId(
                'imported-activity',
                body.sourceSystem,
                body.activityCode ?? body.activityTitle,
              ),
              activityTitle: body.activityTitle,
              activityCode: body.activityCode ?? null,
              kind: body.kind,
              level: body.level,
              category: body.category ?? null,
              subject: body.subject,
              format: body.format ?? 'in-person',
              amount: body.amount,
              hours: body.hours ?? null,
              originalAmount: body.originalAmount ?? record.amount ?? body.amount,
              earnedAt: new Date(body.earnedAt),
              originalEarnedAt: record.earnedAt ?? body.earnedAt,
              sourceRecordedAt: body.sourceRecordedAt ?? null,
            },
            actor,
            metadata,
          ),
        ],
        ids: { personId, creditId },
      };
    }
  }
}

/** Every row of an import lies in the import's jurisdiction (the actor must cover it too). */
function requireJurisdiction(ctx: RowContext, jurisdiction: string): void {
  if (jurisdiction !== ctx.jurisdiction && ctx.jurisdiction !== 'CN')
    throw new RowRefused(
      columnName(ctx.kind, ctx.kind === 'attendance' ? 'sessionId' : 'jurisdiction'),
      'jurisdiction',
      msg('import.row-jurisdiction', { jurisdiction, importJurisdiction: ctx.jurisdiction }),
    );
  if (!covers(ctx.actor, jurisdiction))
    throw new RowRefused(null, 'forbidden', msg('import.row-outside', { jurisdiction }));
}

/** Why a row's command was refused, as the report says it: column, rule and message. */
export function refusalOf(kind: ImportKind, error: unknown): RowRefused {
  if (error instanceof RowRefused) return error;
  if (error instanceof DomainError)
    return new RowRefused(
      error.field ? columnName(kind, error.field) : null,
      error.rule ?? error.kind,
      error.text,
    );
  if (error instanceof HttpException) {
    const body = error.getResponse() as { message?: unknown; field?: string } | string;
    const message =
      typeof body === 'string'
        ? body
        : Array.isArray(body.message)
          ? body.message.join('; ')
          : String(body.message ?? error.message);
    const field = typeof body === 'string' ? undefined : body.field;
    const rule = error.getStatus() === 403 ? 'forbidden' : `http-${error.getStatus()}`;
    const [first] = messagesOf(error) ?? [];
    return new RowRefused(
      field ? columnName(kind, field) : null,
      rule,
      first ?? msg('import.row-refused', { english: message }),
    );
  }
  if (error instanceof WrongExpectedVersionError || error instanceof EventIdConflictError)
    return new RowRefused(null, 'conflict', storeRefusalMessage(error));
  throw error; // not a refusal: the database went away, a defect — the import stops
}
