import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

/** An open database: Drizzle over PGlite or PostgreSQL, plus what Drizzle does not cover (ADR 0003). */
export interface Database {
  readonly engine: Engine;
  readonly db: Db;
  /** Runs `onMessage` for each NOTIFY on `channel`; `onGap` when notifications may have been missed. */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onGap?: () => void,
  ): Promise<() => Promise<void>>;
  /**
   * Runs `work` on one connection while holding a PostgreSQL advisory lock, so that several instances
   * starting together take turns (migrations). PGlite has a single connection and runs it directly.
   */
  exclusive<T>(lockKey: number, work: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Runs one read-only statement under planner `settings` (names and values from the code, never from
   * a request) for that statement only (see `plannerSettings`). On PostgreSQL the statement stays
   * prepared on its connection, so that with `plan_cache_mode: 'force_generic_plan'` it is planned once
   * (ADR 0027); PGlite prepares it each time.
   */
  prepared(statement: SQL, settings: Record<string, string>): Promise<Record<string, unknown>[]>;
  /**
   * How `prepared` applies planner settings: on connections opened with them, or with `set local` in a
   * transaction around the statement (PGlite, and PostgreSQL behind a pooler that refuses or drops the
   * `options` connection parameter: correct, two round trips more).
   */
  readonly plannerSettings: 'on-connect' | 'per-transaction';
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How many prepared statements a connection keeps: each holds its plan (a few hundred kilobytes for a
 * search), and the statements' texts vary with the filters and the reader's grants.
 */
export const preparedPerConnection = 32;

const preparedNames = new WeakMap<pg.PoolClient, Set<string>>();

/**
 * Notes that `connection` runs statement `name`, most recently used last, and returns the name of the
 * statement to deallocate when the connection would keep more than `preparedPerConnection`. node-postgres
 * remembers which statements it has parsed and has no call to forget one, so it is told here.
 */
function keepPrepared(connection: pg.PoolClient, name: string): string | null {
  const names = preparedNames.get(connection) ?? new Set<string>();
  preparedNames.set(connection, names);
  names.delete(name);
  names.add(name);
  if (names.size <= preparedPerConnection) return null;
  const [oldest] = names;
  if (oldest === undefined) return null;
  names.delete(oldest);
  const parsed = (connection as unknown as { connection?: { parsedStatements?: Record<string, string> } })
    .connection?.parsedStatements;
  if (parsed) delete parsed[oldest];
  return oldest;
}

/** Planner settings, refusing any other setting and any but a plain value. */
function checkedSettings(settings: Record<string, string>): [string, string][] {
  return Object.entries(settings)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => {
      if (!/^(enable_[a-z]+|plan_cache_mode)$/.test(name) || !/^[a-z0-9_]+$/.test(value))
        throw new Error(`Not a planner setting: ${name} = ${value}`);
      return [name, value];
    });
}

/** `set local` statements for planner settings (PGlite: one connection, settings for one transaction). */
function settingStatements(settings: Record<string, string>): string[] {
  return checkedSettings(settings).map(([name, value]) => `set local ${name} = ${value}`);
}

/** The connection options that open a connection under planner settings (PostgreSQL). */
function connectionOptions(settings: Record<string, string>): string {
  return checkedSettings(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export interface OpenOptions {
  /** PostgreSQL connection URL; without one the embedded PGlite database in `dataDir/db` is used. */
  url?: string | undefined;
  dataDir?: string;
  /** PGlite only: keep the database in memory (tests). */
  inMemory?: boolean;
  poolSize?: number;
}

/** Extensions the migrations create; PostgreSQL ships them as contrib, PGlite loads them at start. */
export const pgliteExtensions = { pg_trgm };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options);
}

async function openPglite(options: OpenOptions): Promise<Database> {
  if (options.inMemory) return wrapPglite(new PGlite({ extensions: pgliteExtensions }));
  const dir = path.resolve(options.dataDir ?? './data', 'db');
  await mkdir(dir, { recursive: true });
  const releaseLock = await lockDataDirectory(`${dir}.lock`, dir);
  try {
    const client = new PGlite(dir, { extensions: pgliteExtensions });
    await client.waitReady;
    return wrapPglite(client, releaseLock);
  } catch (error) {
    await releaseLock();
    throw new DatabaseUnavailableError(`Cannot open the embedded database in ${dir}: ${messageOf(error)}`);
  }
}

/** A Database over a PGlite instance; `onClose` runs after PGlite has shut down. */
export function wrapPglite(client: PGlite, onClose: () => Promise<void> = async () => {}): Database {
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    engine: 'pglite',
    db,
    plannerSettings: 'per-transaction',
    listen: (channel, onMessage) => client.listen(channel, onMessage),
    exclusive: (_lockKey, work) => work(db),
    prepared: (statement, settings) =>
      db.transaction(async (tx) => {
        for (const setting of settingStatements(settings)) await tx.execute(sql.raw(setting));
        const result = await tx.execute(statement);
        return (
          Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows
        ) as Record<string, unknown>[];
      }),
    async ping() {
      await client.query('select 1');
    },
    async close() {
      if (!client.closed) await client.close();
      await onClose();
    },
  };
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt it.
 * A lock file naming the owner's pid turns that mistake into a clear message.
 */
async function lockDataDirectory(lockFile: string, dir: string): Promise<() => Promise<void>> {
  try {
    await writeFile(lockFile, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw new DatabaseUnavailableError(
        `The embedded database in ${dir} is in use by process ${owner} (is the platform already running?). ` +
          'Stop that process first, or set DATABASE_URL to share a PostgreSQL server.',
      );
    }
    await writeFile(lockFile, String(process.pid));
  }
  return () => rm(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const where = describeUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const { url: urlWithoutOptions, options: ownOptions } = splitOptions(url);
  const withOptions = (options: string) => ({
    connectionString: urlWithoutOptions,
    options: [ownOptions ?? process.env.PGOPTIONS, options].filter(Boolean).join(' '),
  });
  // Statements run under planner settings get connections opened with those settings, one pool for
  // each set of settings (two in practice): a statement is then one round trip, where a transaction
  // setting them around it takes three. Unless the server (a pooler) refuses or drops them.
  let plannerSettings: Database['plannerSettings'];
  try {
    const seqscan = String((await pool.query('show enable_seqscan')).rows[0]?.enable_seqscan);
    const wanted = seqscan === 'off' ? 'on' : 'off';
    plannerSettings = (await takesOptions(withOptions(`-c enable_seqscan=${wanted}`), wanted))
      ? 'on-connect'
      : 'per-transaction';
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(`Cannot reach PostgreSQL at ${where}: ${messageOf(error)}`);
  }
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Db;
  const dialect = new PgDialect();
  const listeners = new Set<PostgresListener>();
  const plannedPools = new Map<string, pg.Pool>();
  const plannedPool = (options: string): pg.Pool => {
    let planned = plannedPools.get(options);
    if (!planned) {
      planned = new pg.Pool({ ...withOptions(options), max: poolSize, connectionTimeoutMillis: 5000 });
      planned.on('error', () => {});
      plannedPools.set(options, planned);
    }
    return planned;
  };
  return {
    engine: 'postgres',
    db,
    plannerSettings,
    async listen(channel, onMessage, onGap) {
      const listener = new PostgresListener(url, channel, onMessage, onGap ?? (() => {}));
      await listener.start();
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        await listener.stop();
      };
    },
    async exclusive(lockKey, work) {
      const connection = await pool.connect();
      try {
        await connection.query('select pg_advisory_lock($1)', [lockKey]);
        return await work(drizzlePostgres({ client: connection, schema }) as unknown as Db);
      } finally {
        await connection.query('select pg_advisory_unlock($1)', [lockKey]).catch(() => {});
        connection.release();
      }
    },
    async prepared(statement, settings) {
      const query = dialect.sqlToQuery(statement);
      const options = connectionOptions(settings);
      // A prepared statement keeps the plan made under the settings it was first run with: the same
      // text under other settings is another statement.
      const name = `prepared_${createHash('sha256').update(`${options}\n${query.sql}`).digest('hex').slice(0, 32)}`;
      const inTransaction = plannerSettings === 'per-transaction' && options !== '';
      const connection = await (options === '' || inTransaction ? pool : plannedPool(options)).connect();
      // A server that ends the connection mid-statement fails the query; without a listener the
      // client's error event would also end the process.
      const onError = () => {};
      connection.on('error', onError);
      try {
        const forget = keepPrepared(connection, name);
        // A statement that never got prepared (its first run failed) has nothing to deallocate.
        if (forget) await connection.query(`deallocate ${forget}`).catch(() => {});
        // One simple query for the transaction's start and its settings: three round trips in all.
        if (inTransaction) await connection.query(['begin', ...settingStatements(settings)].join('; '));
        const result = await connection.query({ name, text: query.sql, values: query.params });
        if (inTransaction) await connection.query('commit');
        connection.off('error', onError);
        connection.release();
        return result.rows;
      } catch (error) {
        // A statement the server refused (a timeout, a division by zero) leaves its connection usable,
        // once its transaction is rolled back; a lost or ended session closes the connection.
        const usable =
          error instanceof pg.DatabaseError &&
          !endsTheSession(error.code) &&
          (!inTransaction ||
            (await connection.query('rollback').then(
              () => true,
              () => false,
            )));
        connection.off('error', onError);
        connection.release(usable ? undefined : true);
        throw error;
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await Promise.all([...listeners].map((listener) => listener.stop()));
      await Promise.all([pool, ...plannedPools.values()].map((each) => each.end()));
    },
  };
}

/**
 * The URL without its `options` parameter, and that parameter: node-postgres lets a URL's parameters
 * override the configuration's, so the planner's options and the URL's own are joined here instead.
 */
export function splitOptions(url: string): { url: string; options: string | undefined } {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return { url, options: undefined };
  const parameters = new URLSearchParams(url.slice(queryAt + 1));
  const options = parameters.get('options') ?? undefined;
  parameters.delete('options');
  const rest = parameters.toString();
  return { url: url.slice(0, queryAt) + (rest === '' ? '' : `?${rest}`), options };
}

/**
 * Whether a server error ends its session, by SQLSTATE (its severity is translated): connection
 * exceptions, shutdowns and session timeouts, lack of resources, system and internal errors.
 */
function endsTheSession(code: string | undefined): boolean {
  return (
    code === undefined ||
    /^(08|53|58|XX)/.test(code) ||
    ['57P01', '57P02', '57P03', '57P04', '57P05', '25P03'].includes(code)
  );
}

/**
 * Whether a connection opened with `config.options` (ending in `-c enable_seqscan`, set to `wanted`,
 * the opposite of the server's value) really runs with it: a pooler such as PgBouncer refuses the
 * parameter, or drops it when told to ignore it. A failure to connect at all is thrown.
 */
async function takesOptions(
  config: { connectionString: string; options: string },
  wanted: string,
): Promise<boolean> {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.query('show enable_seqscan')).rows[0]?.enable_seqscan === wanted;
  } catch (error) {
    // The server answered with a refusal: the parameter is not taken. Anything else (unreachable, too
    // slow) is not an answer about the parameter.
    if (error instanceof pg.DatabaseError) return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * LISTEN needs a connection of its own, kept open. When it drops, notifications may have been missed,
 * so `onGap` runs and the listener reconnects with a growing delay.
 */
class PostgresListener {
  #client: pg.Client | undefined;
  #stopped = false;
  #retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onMessage: (payload: string) => void,
    private readonly onGap: () => void,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.onMessage(message.payload ?? '');
    });
    client.on('error', () => this.#reconnect(1000));
    client.on('end', () => this.#reconnect(1000));
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    this.#client = client;
  }

  #reconnect(delayMs: number): void {
    if (this.#stopped || this.#retryTimer) return;
    this.#client = undefined;
    this.onGap();
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.start().then(
        () => this.onGap(),
        () => this.#reconnect(Math.min(delayMs * 2, 30_000)),
      );
    }, delayMs);
    this.#retryTimer.unref();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    await this.#client?.end().catch(() => {});
  }
}

/** Host, port and database of a URL, never its password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}
