import { describe, expect, it } from 'vitest';
import {
  decisionWords,
  flagWords,
  isShare,
  lines,
  redrawProblem,
  reportBody,
  shanghaiDateAt,
} from './logic';

describe('work screens: the logic in the pages', () => {
  it('names report flags in Chinese, keeping unknown codes', () => {
    expect(
      flagWords([
        { rule: 'R12', code: 'replacement-title-lower' },
        { rule: 'R99', code: 'something-new' },
      ]),
    ).toEqual(['替换教师职称低于原教师（R12）', 'R99 something-new']);
    expect(flagWords(undefined)).toEqual([]);
  });

  it('says what a decision did', () => {
    expect(
      decisionWords({
        decision: 'approved',
        creditsGranted: 7,
        attendees: 7,
        creditsPerAttendee: '4.5',
        grants: 'recorded',
      }),
    ).toBe('已通过：7 人获得学分，每人 4.5 学分');
    expect(
      decisionWords({
        decision: 'approved',
        creditsGranted: null,
        attendees: 3,
        creditsPerAttendee: '6',
        grants: 'pending',
      }),
    ).toBe('已通过：3 人获得学分，每人 6 学分（学分正在授予中）');
    expect(
      decisionWords({
        decision: 'rejected',
        creditsGranted: null,
        attendees: 3,
        creditsPerAttendee: null,
        grants: null,
      }),
    ).toBe('已驳回执行情况报告');
  });

  it('builds the report body: changes only when some were reported, levels in order', () => {
    expect(
      reportBody({
        hoursTaught: ' 18 ',
        submittedAt: '2026-05-15T10:00:00+08:00',
        evaluationLevels: [3, 1, 2],
      }),
    ).toEqual({
      hoursTaught: '18',
      submittedAt: '2026-05-15T10:00:00+08:00',
      evaluationLevels: [1, 2, 3],
    });
    expect(
      reportBody({
        hoursTaught: '18',
        submittedAt: 'x',
        evaluationLevels: [1],
        teachersChangedShare: '0.4',
        replacedTitle: 'senior',
        replacementTitle: 'intermediate',
      }).changes,
    ).toEqual({
      teachersChangedShare: '0.4',
      contentChangedShare: '0',
      replacements: [{ replacedTitle: 'senior', replacementTitle: 'intermediate' }],
    });
  });

  it('checks shares, lines, redraw reasons and Shanghai dates', () => {
    expect([isShare('0.25'), isShare(''), isShare('1'), isShare('1.5'), isShare('-0.1')]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(lines('签到不符\n\n  教师不符 \r\n')).toEqual(['签到不符', '教师不符']);
    expect(redrawProblem(0, undefined)).toBeNull();
    expect(redrawProblem(1, '太短')).toMatch(/重抽须填写原因/);
    expect(redrawProblem(1, '首次抽取的种子录入错误，重新抽取')).toBeNull();
    expect(shanghaiDateAt('2026-06-30')).toBe('2026-06-30T17:00:00+08:00');
    expect(shanghaiDateAt('30/06/2026')).toBeNull();
  });
});
