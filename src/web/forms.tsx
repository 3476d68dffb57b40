import type { Child } from 'hono/jsx';
import type { Translate } from './i18n/translate.ts';

/**
 * The one form pattern (ADR 0015): a summary of problems at the top linking to each field, each field
 * with its label, hint, own error and the user's value kept, so a failed submission loses no typing.
 */
export type FieldErrors = Record<string, string>;

/** A submitted form field as a parsed body gives it: one value, several, a file, or nothing. */
export type FormValue = string | string[] | File | undefined;

/** A field's value to show again in a text input; several values joined. */
export function asText(value: FormValue, separator = ', '): string {
  return Array.isArray(value) ? value.join(separator) : typeof value === 'string' ? value : '';
}

/** A field's values, for checkboxes and multiple selects. */
export function asList(value: FormValue): string[] {
  return value === undefined || value instanceof File ? [] : Array.isArray(value) ? value : [value];
}

export function ErrorSummary(props: { t: Translate; errors: FieldErrors }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{props.t('form.problemTitle')}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>{field === 'form' ? message : <a href={`#${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

export function Field(props: {
  name: string;
  /** The element's id when a page has two forms with the same field names; the name by default. */
  id?: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'url' | 'number' | 'tel';
  value?: string;
  error?: string | undefined;
  hint?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'text';
  required?: boolean;
}) {
  const id = props.id ?? props.name;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        required={props.required ?? true}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

export function Form(props: { action: string; children: Child; returnTo?: string | undefined }) {
  return (
    <form method="post" action={props.action} novalidate>
      {props.returnTo ? <input type="hidden" name="returnTo" value={props.returnTo} /> : null}
      {props.children}
    </form>
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  lang?: string;
  dir?: 'rtl' | 'ltr';
}) {
  const describedBy = [props.hint ? `${props.name}-hint` : '', props.error ? `${props.name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={props.name}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${props.name}-error`}>
          {props.error}
        </p>
      ) : null}
      <textarea
        id={props.name}
        name={props.name}
        rows={4}
        lang={props.lang}
        dir={props.dir}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export function Select(props: {
  name: string;
  id?: string;
  label: string;
  options: readonly { value: string; label: string }[];
  value?: string | undefined;
  error?: string | undefined;
  /** A first, empty choice, such as "Choose an entity". */
  placeholder?: string;
}) {
  const id = props.id ?? props.name;
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      <select
        id={id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The hidden field that carries the version a form was loaded with (optimistic locking, ADR 0020). */
export function VersionField(props: { version: number | string }) {
  return <input type="hidden" name="version" value={String(props.version)} />;
}

/** Several choices shown at once, each a checkbox; the chosen ones are kept on a failed form. */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  chosen: string[];
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

/** Several choices from a long list. */
export function MultiSelect(props: {
  name: string;
  label: string;
  hint: string;
  options: { value: string; label: string }[];
  chosen: string[];
  error?: string | undefined;
}) {
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
      <select
        id={props.name}
        name={props.name}
        multiple
        size={6}
        aria-describedby={props.error ? `${props.name}-hint ${props.name}-error` : `${props.name}-hint`}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={props.chosen.includes(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
