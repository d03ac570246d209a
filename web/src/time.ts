/** Times are shown and entered in Asia/Shanghai, whatever the browser's own zone. */
export const shanghai = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: shanghai,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** `2026-06-01T00:30:00Z` → `2026-06-01 08:30:00` (Asia/Shanghai). Empty for null. */
export function formatShanghai(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/**
 * An "as of" date typed as `2026-11-30` means the end of that day in Asia/Shanghai (China has no
 * daylight saving time: always +08:00). Returns the instant the API's `asOf` takes, or null.
 */
export function endOfShanghaiDay(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const instant = new Date(`${date}T23:59:59.999+08:00`);
  // The end of a Shanghai day is 15:59:59.999 UTC of the same date; 2026-02-30 would roll over.
  if (Number.isNaN(instant.getTime()) || instant.toISOString().slice(0, 10) !== date) return null;
  return `${date}T23:59:59.999+08:00`;
}

/** Today's date in Asia/Shanghai, `YYYY-MM-DD`. */
export function todayInShanghai(now = new Date()): string {
  return formatShanghai(now.toISOString()).slice(0, 10);
}
