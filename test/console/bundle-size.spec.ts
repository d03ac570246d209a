import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/** The console's first page stays light: screens, ECharts and exceljs load on demand. */
describe('web console bundle (dist/web, built by npm run build)', () => {
  it('initial JavaScript is at most 500 KB gzipped, and ECharts and exceljs are not in it', () => {
    const script = path.resolve(__dirname, '../../scripts/web-size.mjs');
    const initial = JSON.parse(execFileSync(process.execPath, [script, '--json']).toString()) as {
      files: string[];
      raw: number;
      gzipped: number;
    };
    expect(initial.files.length).toBeGreaterThan(0);
    expect(initial.gzipped).toBeLessThanOrEqual(500 * 1024);
    expect(initial.files.join(' ')).not.toMatch(/echarts|exceljs/i);
    const { gzipped } = initial;
    process.stdout.write(`initial JavaScript: ${(gzipped / 1024).toFixed(1)} KB gzipped\n`);
  });
});
