import { creditYearBounds, type IsoDate, type Region, regions } from '../../rules/rule-profiles';
import { shanghaiDate } from '../../shared/domain/shanghai-time';
import type { TitleLevel } from './person.events';

/**
 * A person's attributes with their history. The registration gives the first values; each
 * profile change (PersonAttributesChanged) sets some of them from a date on (`effectiveFrom`, an
 * Asia/Shanghai calendar date). Changes apply in date order, and in log order on the same date.
 * Each credit year is judged with the attributes in force on its last day.
 */
export interface PersonAttributes {
  jurisdiction: string;
  titleLevel: TitleLevel;
  /** R10 (003 细则 二): staff of a grassroots medical and health institution (基层医疗卫生机构), village doctors included. */
  grassroots: boolean;
  /** R3 (000 §三): staff of a county-level or lower medical institution (县级及县以下医疗卫生机构). */
  countyLevelOrBelow: boolean;
  /** R8 (001 (五)): Chongqing's north-east or south-east development area; null elsewhere. */
  region: Region | null;
}

export const attributeNames = [
  'jurisdiction',
  'titleLevel',
  'grassroots',
  'countyLevelOrBelow',
  'region',
] as const satisfies readonly (keyof PersonAttributes)[];

export interface AttributeChange {
  effectiveFrom: IsoDate;
  changes: Partial<PersonAttributes>;
}

export interface AttributeTimeline {
  initial: PersonAttributes;
  /** In log order. */
  changes: readonly AttributeChange[];
}

export const isRegion = (value: unknown): value is Region =>
  typeof value === 'string' && (regions as readonly string[]).includes(value);

/** The Asia/Shanghai calendar date of an instant, `YYYY-MM-DD`. */
export function shanghaiIsoDate(instant: Date): IsoDate {
  const { year, month, day } = shanghaiDate(instant);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function ordered(changes: readonly AttributeChange[]): AttributeChange[] {
  // A stable sort: same-day changes keep their log order.
  return [...changes].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
  );
}

/** The attributes in force on a calendar date. */
export function attributesOn(timeline: AttributeTimeline, day: IsoDate): PersonAttributes {
  let attributes = timeline.initial;
  for (const change of ordered(timeline.changes)) {
    if (change.effectiveFrom > day) break;
    attributes = { ...attributes, ...change.changes };
  }
  return attributes;
}

/** The attributes after every recorded change (the latest in force). */
export function latestAttributes(timeline: AttributeTimeline): PersonAttributes {
  return ordered(timeline.changes).reduce<PersonAttributes>(
    (a, c) => ({ ...a, ...c.changes }),
    timeline.initial,
  );
}

/**
 * The attributes a credit year is judged with: those in force on its last day. The last day
 * depends on the jurisdiction (Chongqing's year ends on 31 Oct): it is taken in the jurisdiction
 * in force at the calendar year's end, and once more if that day finds another jurisdiction.
 */
export function attributesForCreditYear(
  timeline: AttributeTimeline,
  creditYear: number,
): PersonAttributes & { inForceOn: IsoDate } {
  let day = creditYearBounds(
    attributesOn(timeline, `${creditYear}-12-31`).jurisdiction,
    creditYear,
  ).lastDay;
  let attributes = attributesOn(timeline, day);
  const again = creditYearBounds(attributes.jurisdiction, creditYear).lastDay;
  if (again !== day) {
    day = again;
    attributes = attributesOn(timeline, day);
  }
  return { ...attributes, inForceOn: day };
}

/** Every jurisdiction the person ever belonged to, the first one first. */
export function jurisdictionsHeld(timeline: AttributeTimeline): string[] {
  const held = [timeline.initial.jurisdiction];
  for (const c of ordered(timeline.changes))
    if (c.changes.jurisdiction && !held.includes(c.changes.jurisdiction))
      held.push(c.changes.jurisdiction);
  return held;
}

/**
 * Upcast of a registration recorded before the two flags (schema 1): it had one `grassroots`
 * flag, documented then as "county level and below (基层)" and used for both R2's waiver and R10.
 * It maps to both flags with the same value, so every verdict given before stays as it was: a
 * grassroots institution is at county level or below, and the old flag was the only record of
 * either. A committee that knows better records a profile change (from the registration date on).
 * No region was recorded: null.
 */
export function upcastAttributes(data: {
  jurisdiction: string;
  titleLevel: TitleLevel;
  grassroots: boolean;
  countyLevelOrBelow?: boolean;
  region?: Region | null;
}): PersonAttributes {
  return {
    jurisdiction: data.jurisdiction,
    titleLevel: data.titleLevel,
    grassroots: data.grassroots,
    countyLevelOrBelow: data.countyLevelOrBelow ?? data.grassroots,
    region: data.region ?? null,
  };
}
