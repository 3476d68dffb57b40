/** Drivers differ: node-postgres gives `{rows}`, PGlite's Drizzle adapter too, but arrays of enums come raw. */
export function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}
