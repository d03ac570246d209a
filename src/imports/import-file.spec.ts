import iconv from 'iconv-lite';
import { decodeCsv, readImportFile } from './import-file';

describe('import files', () => {
  const text = '期次编号,身份证号,签到时间\r\nabc,330102198001010014,2026-05-10 08:41\r\n';

  it('reads UTF-8 (with or without BOM) and GB18030, which Chinese spreadsheets export', async () => {
    expect(decodeCsv(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from(`\uFEFF${text}`, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'gb18030' });
    const file = await readImportFile('签到表.csv', iconv.encode(text, 'gb18030'));
    expect(file).toMatchObject({
      format: 'csv',
      encoding: 'gb18030',
      headers: ['期次编号', '身份证号', '签到时间'],
      rows: [{ rowNumber: 2, cells: ['abc', '330102198001010014', '2026-05-10 08:41'] }],
    });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an empty file and one that is not CSV, naming the file', async () => {
    await expect(readImportFile('x.csv', Buffer.alloc(0))).rejects.toMatchObject({
      field: 'file',
    });
    await expect(readImportFile('x.csv', Buffer.from('a,"b\n'))).rejects.toMatchObject({
      field: 'file',
    });
  });
});
