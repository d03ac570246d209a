/**
 * Credit years are counted in China Standard Time whatever the server's zone. The calendar date of
 * an instant is taken with Intl in Asia/Shanghai, not with Date's local getters.
 */
export const creditTimeZone = 'Asia/Shanghai';

const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: creditTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function shanghaiDate(instant: Date): CalendarDate {
  const parts = Object.fromEntries(dateParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** Whole days from a to b, by Shanghai calendar dates (b later → positive). */
export function daysBetween(a: Date, b: Date): number {
  const da = shanghaiDate(a);
  const db = shanghaiDate(b);
  return Math.round(
    (Date.UTC(db.year, db.month - 1, db.day) - Date.UTC(da.year, da.month - 1, da.day)) /
      86_400_000,
  );
}

/** ISO 8601 with an explicit offset ("…Z" or "…+08:00"); a bare local time is ambiguous. */
export const isoInstantWithOffset =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not), or null. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(2000, month - 1, day));
  probe.setUTCFullYear(year);
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1) return null;
  if (probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** The Shanghai calendar date of an instant as `YYYY-MM-DD` (sorts as text). */
export function shanghaiDateText(instant: Date): string {
  const { year, month, day } = shanghaiDate(instant);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
