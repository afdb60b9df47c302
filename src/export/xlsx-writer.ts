/**
 * Writes the two sheets of xlsx.ts as an .xlsx file with write-excel-file (a small, kept library
 * over fflate). Imported dynamically by the export menu: the library loads only when asked for.
 * Text cells are string cells (shared strings), never formulas.
 */
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/universal';
import { XLSX_SHEET_NAMES, type XlsxCell, type XlsxSheets } from './xlsx';

function cell(c: XlsxCell): Cell {
  if (c === null) return null;
  switch (c.type) {
    case 'number':
      return { type: Number, value: c.value };
    case 'boolean':
      return { type: Boolean, value: c.value };
    case 'date':
      return { type: Date, value: c.value, format: c.time ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd' };
    case 'text':
      return { type: String, value: c.value, ...(c.bold ? { fontWeight: 'bold' as const } : {}) };
  }
}

function sheet(rows: XlsxSheets['data']): SheetData {
  return rows.map((row) => row.map(cell));
}

/** The .xlsx file of `sheets`, data sheet first. */
export async function writeXlsx(sheets: XlsxSheets): Promise<Blob> {
  return writeXlsxFile([
    { sheet: XLSX_SHEET_NAMES.data, data: sheet(sheets.data), stickyRowsCount: 1 },
    {
      sheet: XLSX_SHEET_NAMES.metadata,
      data: sheet(sheets.metadata),
      columns: [{ width: 24 }, { width: 100 }],
    },
  ]).toBlob();
}
