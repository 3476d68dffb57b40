import { regionName } from '../countries/region-name.ts';
import { formatDate, formatNumber } from '../web/i18n/format.ts';
import { type Locale, pickText, type UnLanguage } from '../web/i18n/locales.ts';
import type { Translate } from '../web/i18n/translate.ts';
import { languageName } from '../web/localized-fields.tsx';
import type { FacetName, FacetValue } from './facets.ts';
import type { LibraryRow, RecentDocument } from './queries.ts';

/** A short list of documents with their type and date: a body's home and the home page use it. */
export function RecentDocumentList(props: { documents: RecentDocument[]; locale: Locale }) {
  return (
    <ul class="document-list">
      {props.documents.map((document) => (
        <li>
          <a href={`/documents/${document.id}`}>{document.title}</a>{' '}
          <span class="meta">
            {pickText(document.type, props.locale)} · {formatDate(props.locale, document.publishedOn)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Text around the searched words, the words marked; every part is escaped by JSX. */
export function Snippet(props: { parts: string[] }) {
  return (
    <p class="snippet">{props.parts.map((part, index) => (index % 2 === 1 ? <mark>{part}</mark> : part))}</p>
  );
}

export function LibraryResults(props: { rows: LibraryRow[]; locale: Locale; t: Translate }) {
  const { t, locale } = props;
  return (
    <ol class="results">
      {props.rows.map((row) => (
        <li class="result">
          <h3>
            <a href={`/documents/${row.id}`}>{row.title}</a>
          </h3>
          <p class="meta">
            {pickText(row.type, locale)} · {formatDate(locale, row.publishedOn)}
            {row.owner ? ` · ${row.owner}` : ''} · {t(`level.${row.level}`)}
            {row.languages.length > 0
              ? ` · ${row.languages.map((language) => languageName(locale, language)).join(', ')}`
              : ''}
          </p>
          {row.snippet ? <Snippet parts={row.snippet} /> : row.summary ? <p>{row.summary}</p> : null}
        </li>
      ))}
    </ol>
  );
}

const facetOrder: FacetName[] = ['type', 'body', 'owner', 'country', 'region', 'year', 'language', 'pillar'];

/** How many values of each facet the library page lists (the query asks for no more): the most frequent. */
export const facetValuesShown = 12;

/**
 * The facets of a result: each value links to the same search narrowed by it (or widened again when it is
 * already chosen), with how many of the documents the reader may see carry it.
 */
export function Facets(props: {
  facets: Record<FacetName, FacetValue[]>;
  chosen: Partial<Record<FacetName, string>>;
  hrefWith: (facet: FacetName, value: string | null) => string;
  /**
   * When the counts are those of a sample: the newest matches of a list, or the first matches a search
   * found (`LibraryResult.facetsOver`).
   */
  sample: { kind: 'newest' | 'found'; count: number } | null;
  locale: Locale;
  t: Translate;
}) {
  const { t, locale } = props;
  const labelOf = (facet: FacetName, value: FacetValue) => {
    if (value.label) return pickText(value.label, locale);
    if (facet === 'language') return languageName(locale, value.value as UnLanguage);
    if (facet === 'pillar') return t('documents.pillar', { pillar: value.value });
    if (facet === 'region') return regionName(t, value.value);
    return value.value;
  };
  return (
    <aside class="facets" aria-labelledby="facets-title">
      <h2 id="facets-title">{t('documents.narrow')}</h2>
      {props.sample ? (
        <p class="hint">
          {props.sample.kind === 'newest'
            ? t('documents.facetsSampled', { count: props.sample.count })
            : t('documents.facetsSampledSearch', { count: props.sample.count })}
        </p>
      ) : null}
      {facetOrder
        .filter((facet) => props.facets[facet].length > 0)
        .map((facet) => (
          <section aria-labelledby={`facet-${facet}`}>
            <h3 id={`facet-${facet}`}>{t(`documents.facet.${facet}`)}</h3>
            <ul>
              {props.facets[facet].map((value) => {
                const chosen = props.chosen[facet] === value.value;
                return (
                  <li>
                    <a
                      href={props.hrefWith(facet, chosen ? null : value.value)}
                      aria-current={chosen ? 'true' : undefined}
                      data-facet={facet}
                      data-value={value.value}
                    >
                      {labelOf(facet, value)}
                    </a>{' '}
                    <span class="count">{formatNumber(locale, value.count)}</span>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
    </aside>
  );
}

/** A size in bytes as a reader says it: 12 KB, 3.4 MB. */
export function formatSize(locale: Locale, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
