import { reportFlagLabel } from './messages';

/** A report's flags in words: `R12 教师变更超过 30%（R12）`, the code where no label is known. */
export function flagWords(flags: { rule: string; code: string }[] | undefined | null): string[] {
  return (flags ?? []).map((f) => reportFlagLabel[f.code] ?? `${f.rule} ${f.code}`);
}

/** What a committee sees after deciding a report. */
export function decisionWords(result: {
  decision: 'approved' | 'rejected';
  creditsGranted: number | null;
  attendees: number;
  creditsPerAttendee: string | null;
  grants: string | null;
}): string {
  if (result.decision === 'rejected') return '已驳回执行情况报告';
  const granted = result.creditsGranted ?? result.attendees;
  const pending = result.grants === 'pending' ? '（学分正在授予中）' : '';
  return `已通过：${granted} 人获得学分，每人 ${result.creditsPerAttendee ?? '—'} 学分${pending}`;
}

export interface ReportForm {
  hoursTaught: string;
  submittedAt: string;
  evaluationLevels: number[];
  teachersChangedShare?: string;
  contentChangedShare?: string;
  replacedTitle?: string;
  replacementTitle?: string;
}

/**
 * The execution report's body (POST /sessions/{id}/report) from the form: changes only when the
 * organizer reported any (a share above 0 or a replacement), shares as exact decimals.
 */
export function reportBody(form: ReportForm): Record<string, unknown> {
  const share = (v: string | undefined) => (v ?? '').trim() || '0';
  const replacements =
    form.replacedTitle && form.replacementTitle
      ? [{ replacedTitle: form.replacedTitle, replacementTitle: form.replacementTitle }]
      : [];
  const teachers = share(form.teachersChangedShare);
  const content = share(form.contentChangedShare);
  const changed = Number(teachers) > 0 || Number(content) > 0 || replacements.length > 0;
  return {
    hoursTaught: form.hoursTaught.trim(),
    submittedAt: form.submittedAt,
    evaluationLevels: [...form.evaluationLevels].sort((a, b) => a - b),
    ...(changed
      ? {
          changes: {
            teachersChangedShare: teachers,
            contentChangedShare: content,
            replacements,
          },
        }
      : {}),
  };
}

/** A share typed by hand: a decimal from 0 to 1 (empty means 0). */
export function isShare(value: string | undefined): boolean {
  const v = (value ?? '').trim();
  return v === '' || (/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/.test(v) && Number(v) <= 1);
}

/** Splits "one item per line" text into the items (blank lines dropped). */
export function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A redraw of a jurisdiction-year needs a reason (8 characters at least, as the API asks). */
export function redrawProblem(drawsSoFar: number, reason: string | undefined): string | null {
  if (drawsSoFar === 0) return null;
  const r = (reason ?? '').trim();
  return r.length >= 8 ? null : '本年度已抽取过：重抽须填写原因（至少 8 个字）';
}

/** A Shanghai calendar date (`2026-06-30`) as the instant a credit was earned: 17:00 that day. */
export function shanghaiDateAt(date: string, time = '17:00:00'): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T${time}+08:00` : null;
}
