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
