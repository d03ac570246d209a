import { parse } from 'csv-parse/sync';
import { excel, type ExcelJS } from './excel';
import iconv from 'iconv-lite';
import { createHash } from 'node:crypto';
import { invalid } from '../shared/domain/domain-error';
import { msg } from '../shared/domain/messages';

/** Rows one import may hold (a province's yearly roster fits many times over). */
export const importRowsMax = 200_000;
/** Largest file accepted (bytes): the upload route and the CLI refuse bigger ones. */
export const importFileBytesMax = 64 * 1024 * 1024;

export type FileFormat = 'csv' | 'xlsx';

export interface ImportFile {
  fileName: string;
  format: FileFormat;
  /** What the bytes were decoded as (CSV): utf-8 or gb18030. */
  encoding: 'utf-8' | 'gb18030' | null;
  sha256: string;
  headers: string[];
  /** Data rows with their spreadsheet row number (the header is row 1). Empty rows are skipped. */
  rows: { rowNumber: number; cells: string[] }[];
}

/** XLSX files are zip archives: they start with "PK". */
const isZip = (bytes: Buffer) => bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b;

export function formatOf(fileName: string, bytes: Buffer): FileFormat {
  if (/\.xlsx$/i.test(fileName) || isZip(bytes)) return 'xlsx';
  return 'csv';
}

/**
 * CSV bytes as text: UTF-8 (with or without BOM) when they are valid UTF-8, else GB18030, which
 * is what Chinese spreadsheet programs export ("CSV (逗号分隔)"); GB18030 covers GBK and GB2312.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' };
  }
}

export async function readImportFile(fileName: string, bytes: Buffer): Promise<ImportFile> {
  if (bytes.length === 0) throw invalid('file', msg('import.file-empty'));
  if (bytes.length > importFileBytesMax)
    throw invalid('file', msg('import.file-too-large', { max: importFileBytesMax }));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const format = formatOf(fileName, bytes);
  const table = format === 'xlsx' ? await xlsxTable(bytes) : csvTable(bytes);
  const [headerRow, ...rest] = table.rows;
  if (!headerRow) throw invalid('file', msg('import.file-no-header'));
  const rows = rest.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length > importRowsMax)
    throw invalid('file', msg('import.file-too-many-rows', { max: importRowsMax }));
  return {
    fileName,
    format,
    encoding: table.encoding,
    sha256,
    headers: headerRow.cells.map((c) => c.trim()),
    rows,
  };
}

function csvTable(bytes: Buffer) {
  const { text, encoding } = decodeCsv(bytes);
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (error) {
    throw invalid('file', msg('import.csv-unreadable', { why: (error as Error).message }));
  }
  return {
    encoding,
    rows: records.map((cells, index) => ({ rowNumber: index + 1, cells })),
  };
}

async function xlsxTable(bytes: Buffer) {
  const workbook = new (excel().Workbook)();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw invalid('file', msg('import.xlsx-unreadable', { why: (error as Error).message }));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('file', msg('import.xlsx-no-sheet'));
  const rows: { rowNumber: number; cells: string[] }[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) cells.push(cellText(row.getCell(c).value));
    rows.push({ rowNumber, cells });
  });
  return { encoding: null, rows };
}

/**
 * A cell as text. Dates in a workbook carry no time zone: their wall-clock time is read as
 * Asia/Shanghai (a date alone stays a date), numbers keep their decimal digits.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
    return `${iso.slice(0, 19)}+08:00`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('error' in value) return '';
  return String(value);
}
