import { creditYearOf, profileFor, ruleProfiles } from './rule-profiles';

describe('rule profiles', () => {
  it('R6: the Chongqing credit year runs 1 Nov – 31 Oct in Asia/Shanghai time, whatever UTC says', () => {
    expect(creditYearOf('CN-CQ', new Date('2026-10-31T23:30:00+08:00'))).toBe(2026);
    expect(creditYearOf('CN-CQ', new Date('2026-10-31T16:10:00Z'))).toBe(2027); // 00:10 on 1 Nov in Chongqing
    expect(creditYearOf('CN-CQ', new Date('2026-01-15T00:00:00+08:00'))).toBe(2026);
  });

  it('other jurisdictions count calendar years in Shanghai time', () => {
    expect(creditYearOf('CN-ZJ', new Date('2026-12-31T16:30:00Z'))).toBe(2027);
    expect(creditYearOf('CN-BJ', new Date('2026-12-31T15:59:59Z'))).toBe(2026);
  });

  it('chooses a profile by jurisdiction and year, falling back to the national one', () => {
    expect(profileFor('CN-ZJ', 2026).id).toBe('zhejiang-2024');
    expect(profileFor('CN-ZJ', 2020).id).toBe('national-2019');
    expect(profileFor('CN-CQ', 2020).id).toBe('chongqing-2017');
    expect(profileFor('CN-BJ', 2026).id).toBe('national-2024');
  });

  it('every number cites its source', () => {
    for (const profile of ruleProfiles) {
      const cited = [
        profile.creditYearStart,
        profile.nationalProjectSessionsPerYearMax,
        profile.reportDueDays,
        profile.projectChangeShareMax,
        ...profile.exemptionBases,
        ...Object.values(profile.nonProject).filter((r) => r !== null),
      ];
      for (const c of cited) expect(c.source.length).toBeGreaterThan(5);
    }
  });
});
