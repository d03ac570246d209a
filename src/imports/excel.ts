import type * as ExcelJS from 'exceljs';
import { createRequire } from 'node:module';

/**
 * exceljs, loaded on first use: it takes a second or more to load, which every start of the
 * service and of each CLI command would otherwise pay; only XLSX imports, reports and templates do.
 */
let exceljs: typeof ExcelJS | null = null;
export const excel = (): typeof ExcelJS =>
  (exceljs ??= createRequire(__filename)('exceljs') as typeof ExcelJS);

export type { ExcelJS };
