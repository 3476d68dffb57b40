import { formatDate } from '../web/i18n/format.ts';
import { pickText } from '../web/i18n/locales.ts';
import type { PageContext } from '../web/layout.tsx';
import type { SeatHolder } from './queries.ts';

/** "Chair: UNICRI" with the entity's full name on hover and, optionally, since when. */
export function SeatHolders(props: {
  page: PageContext;
  label: string;
  holders: SeatHolder[];
  showSince?: boolean;
}) {
  const { locale, t } = props.page;
  return (
    <p class="meta">
      {props.label}:{' '}
      {props.holders.map((holder, index) => (
        <>
          {index > 0 ? ', ' : ''}
          <abbr title={pickText(holder.name, locale)}>{holder.acronym}</abbr>
          {props.showSince ? ` (${t('body.since', { date: formatDate(locale, holder.since) })})` : ''}
        </>
      ))}
    </p>
  );
}

export function ChairLine(props: { page: PageContext; chairs: SeatHolder[]; showSince?: boolean }) {
  const { t } = props.page;
  if (props.chairs.length === 0) return <p class="meta">{t('body.noChair')}</p>;
  return (
    <SeatHolders
      page={props.page}
      label={t('body.chairs', { count: props.chairs.length })}
      holders={props.chairs}
      showSince={props.showSince ?? false}
    />
  );
}
