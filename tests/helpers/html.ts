/** The visible text of an HTML fragment, whitespace folded: what a reader (or a screen reader) gets. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The inner HTML of the first element with this data-testid. */
export function section(html: string, testId: string): string {
  const match = html.match(
    new RegExp(`data-testid="${testId}"[^>]*>([\\s\\S]*?)</(ul|ol|table|section|div)>`),
  );
  if (!match?.[1]) throw new Error(`no element with data-testid="${testId}"`);
  return match[1];
}
