import type { Translate } from '../web/i18n/translate.ts';
import type { DiffPart } from './diff.ts';

/** A section's text as the State wrote it: paragraphs apart by blank lines, lines kept. */
export function Paragraphs(props: { text: string }) {
  return (
    <>
      {props.text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph) => (
          <p>
            {paragraph.split('\n').map((line, index) => (
              <>
                {index > 0 ? <br /> : null}
                {line}
              </>
            ))}
          </p>
        ))}
    </>
  );
}

/** What changed between two versions: removed words struck through, added words underlined. */
export function Comparison(props: { parts: DiffPart[]; t: Translate }) {
  return (
    <div class="comparison" data-testid="comparison">
      <p class="hint">{props.t('countries.compareHint')}</p>
      <p class="comparison-text">
        {props.parts.map((part) =>
          part.kind === 'same' ? (
            part.text
          ) : part.kind === 'removed' ? (
            <del>{part.text}</del>
          ) : (
            <ins>{part.text}</ins>
          ),
        )}
      </p>
    </div>
  );
}
