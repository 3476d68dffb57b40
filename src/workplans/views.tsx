import { formatDate, formatNumber } from '../web/i18n/format.ts';
import { type Locale, pickText } from '../web/i18n/locales.ts';
import type { Translate } from '../web/i18n/translate.ts';
import type { ActivityDetail, EvidenceView, PlanSummary, WorkPlanDetail } from './queries.ts';
import { quarterOf, quartersOf, type RollUp, spanTouches } from './rules.ts';
import { type ActivityStatus, activityStatuses } from './schema.ts';

/** Components of the work plan pages (ADR 0026): badges, roll-ups, the quarters grid, evidence links. */

export function StatusBadge(props: { t: Translate; status: ActivityStatus }) {
  return (
    <span class={`badge status-${props.status}`} data-status={props.status}>
      {props.t(`workplans.status.${props.status}`)}
    </span>
  );
}

/** "2021–2022" */
export const periodOf = (plan: { startYear: number; endYear: number }) =>
  plan.startYear === plan.endYear ? String(plan.startYear) : `${plan.startYear}–${plan.endYear}`;

/** "Q3 2022", in the reader's language. */
export function quarterLabel(t: Translate, quarter: string): string {
  return t('workplans.quarter', { year: quarter.slice(0, 4), quarter: quarter.slice(6) });
}

/** Counts by status, and the share done: the roll-up of a plan, a body or the Compact. */
export function RollUpLine(props: { t: Translate; locale: Locale; rollUp: RollUp }) {
  const { t, locale, rollUp } = props;
  if (rollUp.total === 0) return <p class="meta">{t('workplans.noActivities')}</p>;
  return (
    <p class="rollup" data-testid="rollup">
      <strong>
        {rollUp.percentDone === null
          ? t('workplans.noneDone')
          : t('workplans.percentDone', { percent: rollUp.percentDone })}
      </strong>{' '}
      ({t('workplans.activityCount', { count: rollUp.total })}:{' '}
      {activityStatuses
        .filter((status) => rollUp.counts[status] > 0)
        .map((status, index) => (
          <>
            {index > 0 ? ', ' : ''}
            {formatNumber(locale, rollUp.counts[status])} <StatusBadge t={t} status={status} />
          </>
        ))}
      )
    </p>
  );
}

/** The head cells of a roll-up table: one column per status, then the share done. */
export function RollUpHeads(props: { t: Translate }) {
  return (
    <>
      {activityStatuses.map((status) => (
        <th scope="col" class="number">
          {props.t(`workplans.status.${status}`)}
        </th>
      ))}
      <th scope="col" class="number">
        {props.t('workplans.colDone')}
      </th>
    </>
  );
}

export function RollUpCells(props: { locale: Locale; rollUp: RollUp }) {
  return (
    <>
      {activityStatuses.map((status) => (
        <td class="number">{formatNumber(props.locale, props.rollUp.counts[status])}</td>
      ))}
      <td class="number">
        {props.rollUp.percentDone === null
          ? '—'
          : `${formatNumber(props.locale, props.rollUp.percentDone)} %`}
      </td>
    </>
  );
}

/** A list of plans with their body, period, status and roll-up. */
export function PlanTable(props: { t: Translate; locale: Locale; plans: PlanSummary[]; showBody: boolean }) {
  const { t, locale } = props;
  return (
    <table class="responsive-table" data-testid="work-plans">
      <caption>{t('workplans.listCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('workplans.colPlan')}</th>
          {props.showBody ? <th scope="col">{t('workplans.colBody')}</th> : null}
          <th scope="col">{t('workplans.colPeriod')}</th>
          <th scope="col">{t('workplans.colPlanStatus')}</th>
          <th scope="col">{t('workplans.colProgress')}</th>
        </tr>
      </thead>
      <tbody>
        {props.plans.map((plan) => (
          <tr>
            <td>
              <a href={`/work-plans/${plan.id}`}>{plan.title}</a>
            </td>
            {props.showBody ? (
              <td>
                <a href={`/working-groups/${plan.body.slug}/work-plans`}>{plan.body.shortName}</a>
              </td>
            ) : null}
            <td>{periodOf(plan)}</td>
            <td>
              {t(`workplans.planStatus.${plan.status}`)} · {t(`level.${plan.level}`)}
            </td>
            <td>
              <RollUpLine t={t} locale={locale} rollUp={plan.rollUp} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Numbering of outputs (1, 2...) and activities (1.1, 1.2...) as the plan shows them. */
export function numbering(plan: WorkPlanDetail): Map<string, string> {
  const numbers = new Map<string, string>();
  plan.outputs.forEach((output, outputIndex) => {
    numbers.set(output.id, String(outputIndex + 1));
    output.activities.forEach((activity, activityIndex) => {
      numbers.set(activity.id, `${outputIndex + 1}.${activityIndex + 1}`);
    });
  });
  return numbers;
}

/**
 * The plan's timeline: one row per activity, one column per quarter of the plan's years, the quarters an
 * activity spans filled in its status's colour and said in words for screen readers. Plain HTML: it
 * prints and needs no script.
 */
export function Timeline(props: { t: Translate; plan: WorkPlanDetail; today: string }) {
  const { t, plan } = props;
  const quarters = quartersOf(plan.startYear, plan.endYear);
  const years = [...new Set(quarters.map((quarter) => quarter.slice(0, 4)))];
  const numbers = numbering(plan);
  const now = quarterOf(props.today);
  const activities = plan.outputs.flatMap((output) => output.activities);
  if (activities.length === 0) return null;
  return (
    <div class="timeline-scroll">
      <table class="timeline" data-testid="timeline">
        <caption>{t('workplans.timelineCaption', { period: periodOf(plan) })}</caption>
        <thead>
          <tr>
            <th scope="col" rowspan={2}>
              {t('workplans.colActivity')}
            </th>
            {years.map((year) => (
              <th scope="colgroup" colspan={4}>
                {year}
              </th>
            ))}
            <th scope="col" rowspan={2}>
              {t('workplans.colStatus')}
            </th>
          </tr>
          <tr>
            {quarters.map((quarter) => (
              <th scope="col" class={quarter === now ? 'now' : undefined}>
                <abbr title={quarterLabel(t, quarter)}>
                  {t('workplans.quarterShort', { quarter: quarter.slice(6) })}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {activities.map((activity) => (
            <tr>
              <th scope="row">
                <a href={`#activity-${activity.id}`}>
                  {numbers.get(activity.id)} {activity.title}
                </a>
              </th>
              {quarters.map((quarter) =>
                spanTouches(activity, quarter) ? (
                  <td class={`span status-${activity.status}`}>
                    <span class="visually-hidden">{t('workplans.planned')}</span>
                  </td>
                ) : (
                  <td />
                ),
              )}
              <td>
                <StatusBadge t={t} status={activity.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One evidence link. Documents and meetings show their title, present only when the reader may see them
 * (queries.ts leaves out the others).
 */
export function evidenceLink(evidence: EvidenceView) {
  if (evidence.kind === 'document' && evidence.document) {
    return <a href={`/documents/${evidence.document.id}`}>{evidence.document.title}</a>;
  }
  if (evidence.kind === 'meeting' && evidence.meeting) {
    return <a href={`/meetings/${evidence.meeting.id}`}>{evidence.meeting.title}</a>;
  }
  if (evidence.url) {
    return (
      <a href={evidence.url} rel="noopener noreferrer external">
        {evidence.url}
      </a>
    );
  }
  return null;
}

/** An activity's progress updates, newest quarter first. */
export function Updates(props: {
  t: Translate;
  locale: Locale;
  activity: ActivityDetail;
  showAuthors: boolean;
}) {
  const { t, locale, activity } = props;
  if (activity.updates.length === 0) return <p class="empty-state">{t('workplans.noUpdates')}</p>;
  return (
    <ol class="updates">
      {activity.updates.map((update) => (
        <li>
          <p class="meta">
            <strong>{quarterLabel(t, update.quarter)}</strong> · <StatusBadge t={t} status={update.status} />{' '}
            · {formatDate(locale, update.createdAt.toISOString().slice(0, 10))}
            {update.authorEntity ? ` · ${update.authorEntity}` : ''}
            {props.showAuthors && update.authorName ? ` · ${update.authorName}` : ''}
          </p>
          <p>{update.text}</p>
          {update.evidence.length > 0 ? (
            <p class="evidence">
              {t('workplans.evidence')}:{' '}
              {update.evidence.map((evidence, index) => (
                <>
                  {index > 0 ? ' · ' : ''}
                  {evidenceLink(evidence)}
                </>
              ))}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function PriorityList(props: {
  locale: Locale;
  priorities: WorkPlanDetail['outputs'][number]['priorities'];
}) {
  if (props.priorities.length === 0) return null;
  return (
    <ul class="priorities">
      {props.priorities.map((priority) => (
        <li>
          <span class="priority-code">{priority.code}</span> {pickText(priority.name, props.locale)}
        </li>
      ))}
    </ul>
  );
}

export function CheckboxList(props: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  chosen: readonly string[];
  error?: string | undefined;
}) {
  return (
    <fieldset
      class={props.error ? 'field field-error checkbox-group' : 'field checkbox-group'}
      id={props.name}
    >
      <legend>{props.legend}</legend>
      {props.error ? <p class="error-message">{props.error}</p> : null}
      {props.options.map((option) => (
        <label>
          <input
            type="checkbox"
            name={props.name}
            value={option.value}
            checked={props.chosen.includes(option.value)}
          />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

export function MultiSelect(props: {
  name: string;
  label: string;
  hint: string;
  options: { value: string; label: string }[];
  chosen: readonly string[];
  error?: string | undefined;
}) {
  const describedBy = props.error ? `${props.name}-hint ${props.name}-error` : `${props.name}-hint`;
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={props.name}>{props.label}</label>
      <p class="hint" id={`${props.name}-hint`}>
        {props.hint}
      </p>
      {props.error ? (
        <p class="error-message" id={`${props.name}-error`}>
          {props.error}
        </p>
      ) : null}
      <select id={props.name} name={props.name} multiple size={8} aria-describedby={describedBy}>
        {props.options.map((option) => (
          <option value={option.value} selected={props.chosen.includes(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The work plan section of a body's home page: its latest plan the reader may see, and the way to all. */
export function BodyWorkPlan(props: {
  t: Translate;
  locale: Locale;
  body: { slug: string; shortName: string };
  plan: PlanSummary | null;
}) {
  const { t, locale, plan } = props;
  return (
    <section aria-labelledby="body-work-plan" data-testid="body-work-plan">
      <h2 id="body-work-plan">{t('workplans.bodySection')}</h2>
      {plan ? (
        <>
          <p>
            <a href={`/work-plans/${plan.id}`}>{plan.title}</a> ({t(`workplans.planStatus.${plan.status}`)})
          </p>
          <RollUpLine t={t} locale={locale} rollUp={plan.rollUp} />
        </>
      ) : (
        <p class="empty-state">{t('workplans.bodyNone')}</p>
      )}
      <p>
        <a href={`/working-groups/${props.body.slug}/work-plans`}>
          {t('workplans.allOfBody', { body: props.body.shortName })}
        </a>
      </p>
    </section>
  );
}
