import { describe, expect, it } from 'vitest';
import { endOfShanghaiDay, formatShanghai, todayInShanghai } from './time';

describe('Asia/Shanghai times', () => {
  it('shows an instant in Shanghai time, whatever the browser zone', () => {
    expect(formatShanghai('2026-06-01T00:30:00.000Z')).toBe('2026-06-01 08:30:00');
    expect(formatShanghai('2026-11-30T16:00:00.000Z')).toBe('2026-12-01 00:00:00');
    expect(formatShanghai(null)).toBe('');
  });

  it('an "as of" date 2026-11-30 means the end of that day in Shanghai', () => {
    expect(endOfShanghaiDay('2026-11-30')).toBe('2026-11-30T23:59:59.999+08:00');
    expect(new Date(endOfShanghaiDay('2026-11-30') as string).toISOString()).toBe(
      '2026-11-30T15:59:59.999Z',
    );
  });

  it('refuses dates that do not exist or are not YYYY-MM-DD', () => {
    expect(endOfShanghaiDay('2026-02-30')).toBeNull();
    expect(endOfShanghaiDay('30/11/2026')).toBeNull();
  });

  it("today is Shanghai's date: 20:00 UTC is already the next day there", () => {
    expect(todayInShanghai(new Date('2026-11-30T20:00:00Z'))).toBe('2026-12-01');
  });
});
