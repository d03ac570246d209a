import { describe, expect, it } from 'vitest';
import { toCsv } from './export';

describe('CSV export', () => {
  const columns = [
    { header: '姓名', value: (r: { name: string; credits: string }) => r.name },
    { header: '学分', value: (r: { name: string; credits: string }) => r.credits },
  ];

  it('writes a header and one line per row, UTF-8 with a BOM for Excel', () => {
    const csv = toCsv([{ name: '王芳', credits: '25' }], columns);
    expect(csv).toBe('\uFEFF姓名,学分\r\n王芳,25\r\n');
  });

  it('quotes commas, quotes and line breaks', () => {
    const csv = toCsv([{ name: '李, "强"', credits: '1\n2' }], columns);
    expect(csv.split('\r\n')[1]).toBe('"李, ""强""","1\n2"');
  });

  it('defuses cells a spreadsheet would run as a formula, but keeps negative numbers', () => {
    const csv = toCsv(
      [
        { name: '=HYPERLINK("x")', credits: '-2.5' },
        { name: '@SUM(A1)', credits: '3' },
      ],
      columns,
    );
    const [, first, second] = csv.split('\r\n');
    expect(first).toBe(`"'=HYPERLINK(""x"")",-2.5`);
    expect(second).toBe(`'@SUM(A1),3`);
  });
});
