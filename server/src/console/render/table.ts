/**
 * Every table the console shows, as data: rendered as an accessible HTML table (a caption, column
 * headers, the first cell of a row as its header) and downloadable as CSV from the same rows, so
 * what an agent exports is what they saw.
 */
import { html, type Html } from './html.ts';
import type { Formats } from '../i18n/formats.ts';

export type CellFormat = 'text' | 'integer' | 'percent' | 'points' | 'date' | 'datetime';
export type CellValue = string | number | null;

export interface Column {
  key: string;
  label: string;
  format?: CellFormat;
  /** Shown on the page only (a form, a button): not data, not exported. */
  pageOnly?: boolean;
}

/** A cell with a link, or with markup of its own on the page (the CSV keeps `value`). */
export interface RichCell {
  value: CellValue;
  href?: string;
  html?: Html;
}

export type Row = Record<string, CellValue | RichCell>;

export interface DataTable {
  /** Unique on its page; names the CSV (`/console/api/export/<page>/<id>.csv`). */
  id: string;
  caption: string;
  columns: Column[];
  rows: Row[];
  /** Said instead of an empty table. */
  empty: string;
}

const isRich = (cell: CellValue | RichCell | undefined): cell is RichCell => typeof cell === 'object' && cell !== null;
export const cellValue = (cell: CellValue | RichCell | undefined): CellValue => (isRich(cell) ? cell.value : (cell ?? null));

function shown(value: CellValue, format: CellFormat, formats: Formats): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'number') {
    if (format === 'percent') return formats.percent(value);
    if (format === 'points') return formats.points(value);
    return formats.integer(value);
  }
  if (format === 'date') return formats.date(value);
  if (format === 'datetime') return formats.dateTime(value);
  return value;
}

export function renderTable(table: DataTable, formats: Formats, csvHref?: string): Html {
  const numeric = (c: Column) => ['integer', 'percent', 'points'].includes(c.format ?? 'text');
  const cell = (row: Row, column: Column, index: number) => {
    const raw = row[column.key];
    const value = cellValue(raw);
    const text = shown(value, column.format ?? 'text', formats);
    const content = isRich(raw) && raw.html ? raw.html : isRich(raw) && raw.href ? html`<a href="${raw.href}">${text}</a>` : text;
    const cls = numeric(column) ? 'num' : undefined;
    return index === 0 ? html`<th scope="row"${cls ? html` class="${cls}"` : ''}>${content}</th>` : html`<td${cls ? html` class="${cls}"` : ''}>${content}</td>`;
  };
  const download = csvHref ? html`<p class="export"><a href="${csvHref}" download>${formats.downloadCsv(table.caption)}</a></p>` : '';
  if (!table.rows.length) {
    return html`<div class="table-wrap" id="${table.id}"><p class="empty"><strong>${table.caption}</strong>: ${table.empty}</p></div>${download}`;
  }
  // A wide table scrolls inside its wrapper: the wrapper takes keyboard focus so it can be scrolled without a mouse.
  return html`<div class="table-wrap" id="${table.id}" role="region" aria-labelledby="${table.id}-caption" tabindex="0"><table>
  <caption id="${table.id}-caption">${table.caption}</caption>
  <thead><tr>${table.columns.map((c) => html`<th scope="col"${numeric(c) ? html` class="num"` : ''}>${c.label}</th>`)}</tr></thead>
  <tbody>${table.rows.map((row) => html`<tr>${table.columns.map((c, i) => cell(row, c, i))}</tr>`)}</tbody>
</table></div>${download}`;
}

/** A spreadsheet cannot run what it treats as text: a cell that starts like a formula is prefixed with '. */
function csvField(value: CellValue, format: CellFormat): string {
  if (value === null) return '';
  let text: string;
  if (typeof value === 'number') text = format === 'percent' || format === 'points' ? (Math.round(value * 1000) / 10).toString() : value.toString();
  else text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a UTF-8 byte order mark, so spreadsheets read "ç" and "à" right. Percentages as numbers from 0 to 100. */
export function tableCsv(table: DataTable): string {
  const columns = table.columns.filter((c) => !c.pageOnly);
  const lines = [columns.map((c) => csvField(c.label, 'text')), ...table.rows.map((row) => columns.map((c) => csvField(cellValue(row[c.key]), c.format ?? 'text')))];
  return `\uFEFF${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
}
