export type TestDatabaseTarget =
  | { engine: 'pglite'; snapshotPath: string }
  | { engine: 'postgres'; adminUrl: string; templateName: string };

export function databaseUrlWithName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
