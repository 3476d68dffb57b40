/**
 * The one error hierarchy of domain commands (ADR 0020). Commands throw these; the web layer turns them
 * into a form with messages in the reader's language, the API into `{ code, message, problems }` with the
 * matching status. Nothing else is thrown on purpose.
 */
export interface Problem {
  /** The input field the problem belongs to, so a form can show it next to that field. */
  field: string;
  /** A stable code; the message catalog has `problem.<code>` for each. */
  code: string;
  /** Values the message needs, such as a number of seats. */
  values?: Record<string, string | number>;
}

export class DomainError extends Error {
  readonly status: 400 | 403 | 404 | 409 = 400;
  constructor(
    readonly code: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(code);
    this.name = new.target.name;
  }
}

/** The input breaks a rule; `problems` says which fields and why. */
export class InvalidInput extends DomainError {
  constructor(problems: readonly Problem[]) {
    super('INVALID_INPUT', problems);
  }
}

/** The record changed since the user loaded it (optimistic locking): nothing was saved. */
export class StaleEdit extends DomainError {
  override readonly status = 409;
  constructor() {
    super('STALE_EDIT');
  }
}

export class NotFound extends DomainError {
  override readonly status = 404;
  constructor() {
    super('NOT_FOUND');
  }
}

export class Forbidden extends DomainError {
  override readonly status = 403;
  constructor() {
    super('FORBIDDEN');
  }
}

/** A refusal that says why (403): a focal point acting on another State's page, a non-CTED import. */
export class RefusedWith extends DomainError {
  override readonly status = 403;
  constructor(problems: readonly Problem[]) {
    super('FORBIDDEN', problems);
  }
}
