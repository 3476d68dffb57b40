import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from './csv.ts';

describe('CSV exports', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['plain text', 'plain text'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('makes %j safe', (input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks, and keeps Arabic and French text', () => {
    const csv = toCsv(['name', 'note'], [['المديرية التنفيذية, CTED', 'said "yes"\nthen left']]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(parse(csv.slice(1))).toEqual([
      ['name', 'note'],
      ['المديرية التنفيذية, CTED', 'said "yes"\nthen left'],
    ]);
  });

  it('never lets a cell start a formula, and otherwise keeps every value as it was', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { maxLength: 5 }),
        (rows) => {
          const width = Math.max(1, ...rows.map((row) => row.length));
          const padded = rows.map((row) => [...row, ...Array(width - row.length).fill('')]);
          const header = Array.from({ length: width }, (_, index) => `c${index}`);
          const parsed = parse(toCsv(header, padded).slice(1), { relax_column_count: true }) as string[][];
          expect(parsed.slice(1)).toEqual(padded.map((row) => row.map(neutralise)));
          for (const cell of parsed.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
    );
  });
});
