import { DomainError, invalid, ruleViolated } from '../domain-error';
import { reasonProblem, reasonWeight } from '../reason';
import { parseQueryInstant, shanghaiTimeText } from '../shanghai-time';
import { messageCodes, msg, type ParamValue, render } from '.';

describe('the ledger’s words in Chinese and English', () => {
  it('renders one message in either language from the same code and parameters', () => {
    const reason = msg('year.short-credits', {
      short: '25',
      profile: 'zhejiang-2024',
      required: '25',
      has: '0',
    });
    expect(render(reason, 'en')).toBe('short 25 credits: zhejiang-2024 requires 25, has 0');
    expect(render(reason, 'zh')).toBe('学分差 25 分：zhejiang-2024 要求 25 分，现有 0 分');
    // A code this version does not know (written by a newer one) shows as itself.
    expect(render({ code: 'year.from-the-future' }, 'zh')).toBe('year.from-the-future');
  });

  it('a DomainError keeps English in `message` and renders the rule in each language', () => {
    const error = ruleViolated('R13', 'sessionsDeclared', msg('not-found.session'));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.message).toBe('no such session (R13)');
    expect(error.in('zh')).toBe('没有此期次（R13）');
    expect(invalid('amount', msg('invalid.amount-at-most', { max: '25' })).in('zh')).toBe(
      'amount（学分数）不得超过 25',
    );
  });

  it('every code speaks both languages: English text, and Chinese with Chinese characters in it', () => {
    expect(messageCodes.length).toBeGreaterThan(150);
    const cjk = /[\u3400-\u9fff]/;
    // Filled with a sample that reads as text and as a list; times as an instant.
    const times = ['startsAt', 'endsAt', 'until', 'approvedAt', 'earnedAt', 'sealableFrom'];
    const sample = new Proxy({} as Record<string, ParamValue>, {
      get: (_, key) => (times.includes(String(key)) ? '2026-11-20T00:30:00.000Z' : ['x']),
    });
    const instants = new Proxy({} as Record<string, ParamValue>, {
      get: () => '2026-11-20T00:30:00.000Z',
    });
    const both = (code: string, language: 'en' | 'zh') => {
      try {
        return render({ code, params: sample }, language);
      } catch {
        return render({ code, params: instants }, language);
      }
    };
    const lacking = messageCodes.filter((code) => {
      const en = both(code, 'en');
      const zh = both(code, 'zh');
      return !(
        String(en).trim().length > 0 &&
        String(zh).trim().length > 0 &&
        cjk.test(zh) &&
        en !== code
      );
    });
    expect(lacking).toEqual([]);
  });

  it('times inside messages are Beijing time with the offset', () => {
    expect(shanghaiTimeText('2026-11-20T00:30:00.000Z')).toBe('2026-11-20 08:30 +08:00');
    expect(shanghaiTimeText(new Date('2026-05-24T15:59:59.999Z'))).toBe(
      '2026-05-24 23:59:59 +08:00',
    );
    const scan = msg('invalid.scan-outside-session', {
      startsAt: '2026-11-20T00:30:00.000Z',
      endsAt: '2026-11-20T08:30:00.000Z',
    });
    expect(render(scan, 'en')).toBe(
      'scannedAt must fall within the session (2026-11-20 08:30 +08:00 – 2026-11-20 16:30 +08:00, ±2 h)',
    );
  });

  it('asOf: a date is the end of that Beijing day; a + turned into a space is a +; no offset, no instant', () => {
    expect(parseQueryInstant('2026-06-30')?.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(parseQueryInstant('2026-06-30T08:00:00 08:00')?.toISOString()).toBe(
      '2026-06-30T00:00:00.000Z',
    );
    expect(parseQueryInstant('2026-06-30T08:00:00+08:00')?.toISOString()).toBe(
      '2026-06-30T00:00:00.000Z',
    );
    expect(parseQueryInstant('2026-06-30T08:00:00Z')?.toISOString()).toBe(
      '2026-06-30T08:00:00.000Z',
    );
    expect(parseQueryInstant('2026-02-30')).toBeNull();
    expect(parseQueryInstant('2026-06-30T08:00:00')).toBeNull();
  });

  it('reasons: 4 Chinese characters or 8 letters; punctuation and spaces do not count', () => {
    expect(reasonWeight('复查会议签到')).toBe(12);
    expect(reasonProblem('复查会议签到')).toBeNull();
    expect(reasonProblem('复查签到')).toBeNull();
    expect(reasonProblem('签到表')).not.toBeNull();
    expect(reasonProblem('keyed as')).not.toBeNull(); // 7 letters
    expect(reasonProblem('mis-keyed')).toBeNull();
    expect(reasonProblem('. . . . . . . . . .')).not.toBeNull();
    expect(reasonProblem('x'.repeat(1001))).not.toBeNull();
    expect(render(reasonProblem('ab', 'reason') as never, 'zh')).toMatch(
      /^reason 须是一句完整的说明/,
    );
  });
});
