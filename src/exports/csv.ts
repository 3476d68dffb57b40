import { stringify } from 'csv-stringify/sync';

/**
 * Characters that make a spreadsheet treat a cell as a formula (CSV injection, OWASP). A cell starting
 * with one is prefixed with an apostrophe, which spreadsheets show as text and do not evaluate.
 */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function neutralise(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** Rows to CSV text (RFC 4180 quoting by csv-stringify), every cell made safe to open in a spreadsheet. */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const safe = rows.map((row) =>
    row.map((cell) => neutralise(cell === null || cell === undefined ? '' : String(cell))),
  );
  // A byte-order mark lets Excel read UTF-8 (French and Arabic names) correctly.
  return `\uFEFF${stringify([header.map(neutralise), ...safe], { record_delimiter: 'windows' })}`;
}
