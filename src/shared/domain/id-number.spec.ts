import { idNumberProblem, maskIdNumber, withCheckCharacter } from './id-number';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts a correct check character, including X', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem(withCheckCharacter('33010219900101123'))).toBeNull();
  });
  it('refuses a wrong check character, a wrong length and impossible dates', () => {
    expect(idNumberProblem('110105194912310021')).toMatch(/check digit/);
    expect(idNumberProblem('1101051949123100')).toMatch(/18 characters/);
    expect(idNumberProblem(withCheckCharacter('11010519491331002'))).toMatch(/birth date/);
  });
  it('masks all but the region code and the last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
