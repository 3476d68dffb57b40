import { describe, expect, it } from 'vitest';
import { highlightWindow, searchProbesOf, snippetOfRead } from './snippets.ts';

const highlighted = (parts: string[]) => parts.filter((_, index) => index % 2 === 1);

describe('search probes', () => {
  it('takes the first six letters of each searched word, in lower case', () => {
    expect(searchProbesOf('Rehabilitation of Returnees')).toEqual(['rehabi', 'of', 'return']);
  });

  it('leaves out the search syntax: OR, excluded words, quotes and parentheses', () => {
    expect(searchProbesOf('"border security" OR aviation -cyber (ports)')).toEqual([
      'border',
      'securi',
      'aviati',
      'ports',
    ]);
  });

  it('drops one-letter words, splits words as the text is split, and keeps Chinese terms whole', () => {
    expect(searchProbesOf('a 反恐怖主义词汇表 x')).toEqual(['反恐怖主义词汇表']);
    expect(searchProbesOf("coup d'état U.N.")).toEqual(['coup', 'état']);
  });
});

describe('snippet highlighting', () => {
  it('highlights every word that begins with a probe, whatever its case and ending', () => {
    const parts = highlightWindow('Returnees and the return of returning fighters', {
      probes: ['return'],
      cutBefore: false,
      cutAfter: false,
    });
    expect(highlighted(parts)).toEqual(['Returnees', 'return', 'returning']);
    expect(parts.join('')).toBe('Returnees and the return of returning fighters');
  });

  it('highlights accented and non-Latin words, and Chinese terms inside a run of characters', () => {
    expect(
      highlighted(
        highlightWindow('La sécurité des frontières', {
          probes: ['sécuri'],
          cutBefore: false,
          cutAfter: false,
        }),
      ),
    ).toEqual(['sécurité']);
    expect(
      highlighted(
        highlightWindow('مكافحة الإرهاب الدولي', { probes: ['الإره'], cutBefore: false, cutAfter: false }),
      ),
    ).toEqual(['الإرهاب']);
    expect(
      highlighted(
        highlightWindow('联合国反恐合作方案', { probes: ['反恐'], cutBefore: false, cutAfter: false }),
      ),
    ).toEqual(['反恐']);
  });

  it('trims a cut window to whole words and marks the cuts', () => {
    const parts = highlightWindow('ation of returnees in the re', {
      probes: ['return'],
      cutBefore: true,
      cutAfter: true,
    });
    expect(parts).toEqual(['… of ', 'returnees', ' in the …']);
  });

  it('keeps a whole first word when the cut falls on a space, and Chinese text without spaces', () => {
    expect(
      highlightWindow(' returnees in', { probes: ['return'], cutBefore: true, cutAfter: false }),
    ).toEqual(['… ', 'returnees', ' in']);
    expect(
      highlightWindow('合作方案反恐怖主义词汇表和培训', {
        probes: ['反恐怖主义词汇表'],
        cutBefore: true,
        cutAfter: true,
      }),
    ).toEqual(['… 合作方案', '反恐怖主义词汇表', '和培训 …']);
  });

  it('gives the text as one plain part when no word matches', () => {
    expect(
      highlightWindow('Nothing  to\nsee', { probes: ['zzz'], cutBefore: false, cutAfter: false }),
    ).toEqual(['Nothing to see']);
  });
});

describe('highlighting where words begin', () => {
  const options = { probes: ['border'], cutBefore: false, cutAfter: false };

  it('leaves a probe found inside a word alone, and highlights a word after a hyphen', () => {
    expect(highlighted(highlightWindow('Cross-border and transborder posts; Borderlands', options))).toEqual([
      'border',
      'Borderlands',
    ]);
  });

  it('finds the same words in text whose lower case is longer than itself', () => {
    const parts = highlightWindow('İstanbul border posts', options);
    expect(highlighted(parts)).toEqual(['border']);
    expect(parts.join('')).toBe('İstanbul border posts');
  });
});

describe('a snippet from the window the database read', () => {
  const options = { length: 12, probes: ['border'], cutBefore: false };

  it('is cut after when the window holds one character more than its length, and only then', () => {
    expect(snippetOfRead('Border posts', options)).toEqual(['', 'Border', ' posts']);
    expect(snippetOfRead('Border posts and', options)).toEqual(['', 'Border', ' …']);
  });

  it('counts characters as the database does, a character outside the BMP being one', () => {
    const twelve = 'Border 𝒳𝒳𝒳𝒳𝒳';
    expect(Array.from(twelve)).toHaveLength(12);
    expect(snippetOfRead(twelve, options).join('')).toBe(twelve);
    expect(snippetOfRead(`${twelve}𝒳`, options).join('')).toBe('Border …');
  });
});
