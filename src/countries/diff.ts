/** One run of a comparison: text both versions share, or text only the older or only the newer has. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

const tokensOf = (text: string): string[] => [...(text.match(/\s+|[^\s]+/g) ?? [])];

/** Past this many cells the comparison is made line by line rather than word by word. */
const maxCells = 4_000_000;

/**
 * Compares two published versions of a section word by word (longest common subsequence), so a reader sees
 * what changed; long texts are compared line by line to keep the work bounded.
 */
export function diffWords(older: string, newer: string): DiffPart[] {
  let a = tokensOf(older);
  let b = tokensOf(newer);
  if (a.length * b.length > maxCells) {
    a = older.split(/(?<=\n)/);
    b = newer.split(/(?<=\n)/);
  }
  if (a.length * b.length > maxCells) {
    return [
      { kind: 'removed', text: older },
      { kind: 'added', text: newer },
    ];
  }
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lengths[(i + 1) * width + j] as number, lengths[i * width + j + 1] as number);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i] as string);
      i++;
      j++;
    } else if ((lengths[(i + 1) * width + j] as number) >= (lengths[i * width + j + 1] as number)) {
      push('removed', a[i++] as string);
    } else push('added', b[j++] as string);
  }
  while (i < a.length) push('removed', a[i++] as string);
  while (j < b.length) push('added', b[j++] as string);
  return parts;
}
