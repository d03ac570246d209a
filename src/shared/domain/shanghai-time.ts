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

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not), or null. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** The Shanghai calendar date of an instant as `YYYY-MM-DD` (sorts as text). */
export function shanghaiDateText(instant: Date): string {
  const { year, month, day } = shanghaiDate(instant);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Business dates (when a credit was earned, a scan made, a session held, a report submitted) lie
 * between the founding of the People's Republic and one year ahead, unless a command's rule says
 * otherwise: nothing the ledger counts happened before, and a date further ahead is a typing
 * mistake that would stand in an append-only log for ever.
 */
export const businessInstantMin = new Date('1949-10-01T00:00:00+08:00');
export const businessYearsAheadMax = 1;

export function businessInstantMax(now: Date): Date {
  const max = new Date(now.getTime());
  max.setUTCFullYear(max.getUTCFullYear() + businessYearsAheadMax);
  return max;
}

const instantParts =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * An ISO 8601 instant with its offset whose calendar date and clock time exist: `2026-02-30` is
 * refused, not moved to 2 March as Date would move it. Null when it is not one.
 */
export function parseInstant(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const m = instantParts.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (m[7] && (Number(m[8]) > 14 || Number(m[9]) > 59)) return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** Why a business instant is refused, or null when it is within the window. */
export function businessInstantProblem(text: unknown, now: Date): string | null {
  const instant = parseInstant(text);
  if (!instant)
    return 'must be an ISO 8601 instant with its offset whose date exists, e.g. 2026-05-01T09:00:00+08:00';
  if (instant < businessInstantMin) return 'must not be before 1949-10-01 (Asia/Shanghai)';
  if (instant > businessInstantMax(now))
    return `must not be more than ${businessYearsAheadMax} year ahead`;
  return null;
}

const clockParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: creditTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * An instant as people read it, in Beijing time with its offset: `2026-11-20 08:30 +08:00`
 * (seconds only when there are some). The one formatter for every time inside a message; text
 * that is not an instant is returned as it is.
 */
export function shanghaiTimeText(instant: Date | string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return String(instant);
  const p = Object.fromEntries(clockParts.formatToParts(date).map((x) => [x.type, x.value]));
  const seconds = date.getUTCSeconds();
  const clock = `${p.hour}:${p.minute}${seconds ? `:${String(seconds).padStart(2, '0')}` : ''}`;
  return `${p.year}-${p.month}-${p.day} ${clock} +08:00`;
}

/**
 * `asOf` / `recordedBefore` as people write them: a calendar date `2026-06-30` means the end of
 * that day in Asia/Shanghai — everything recorded on it counts, so the bound is the next day's
 * first instant (`2026-07-01T00:00:00+08:00`, exclusive); an instant needs its offset. A `+` that
 * a query string turned into a space (`2026-06-30T08:00:00 08:00`) is read as the `+` it was.
 */
export function parseQueryInstant(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  const day = parseCalendarDate(trimmed);
  if (day) {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const start = new Date(`${pad(day.year, 4)}-${pad(day.month)}-${pad(day.day)}T00:00:00+08:00`);
    return new Date(start.getTime() + 86_400_000);
  }
  return parseInstant(trimmed.replace(/^(\S+T\S+) (\d{2}:\d{2})$/, '$1+$2'));
}
