/**
 * `npm run bench`: the platform's public pages against a bare node:http server sending the same bytes,
 * with autocannon at 50 connections, on PGlite and, when one answers, on PostgreSQL (ADR 0012).
 * Prints a table and writes JSON to bench/results/. Exits 1 when a target is missed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { createApiKey } from '../src/accounts/api-keys.ts';
import { createAuth } from '../src/accounts/auth.ts';
import { loadDemoAccounts } from '../src/accounts/demo-accounts.ts';
import { user } from '../src/accounts/schema.ts';
import { type AccountFacts, viewerOn } from '../src/accounts/viewer.ts';
import { openDatabase } from '../src/db/client.ts';
import { loadDemoMeetingsIfEmpty } from '../src/demo/meetings.ts';
import { visibleSearchRows } from '../src/documents/queries.ts';
import { documentSearch } from '../src/documents/schema.ts';
import { outboxMailer } from '../src/mail/mailer.ts';
import { meetings } from '../src/meetings/schema.ts';
import { createLogger } from '../src/observability/logger.ts';
import { today } from '../src/web/i18n/format.ts';
import { loadBenchData } from './data-set.ts';
import {
  type BaselineFigures,
  chooseSearchWords,
  loadBenchDocuments,
  matchCounts,
  plainRankBaseline,
  type WordCount,
} from './documents.ts';

const root = path.resolve(import.meta.dirname, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;
const extraEntities = Number(process.env.BENCH_ENTITIES ?? 200);
const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Documents in the library (issue 5): 100,000 on PostgreSQL; PGlite, slower to load, gets fewer. */
const documentCounts = {
  postgres: Number(process.env.BENCH_DOCUMENTS ?? 100_000),
  pglite: Number(
    process.env.BENCH_DOCUMENTS_PGLITE ?? Math.min(20_000, Number(process.env.BENCH_DOCUMENTS ?? 100_000)),
  ),
};
/**
 * `BENCH_ONLY=documents` measures the document library alone (the pages take a quarter of an hour);
 * `BENCH_ONLY=meetings` the meetings pages alone.
 */
const only = process.env.BENCH_ONLY;
const pageTargets = (): Target[] =>
  only === 'documents' ? [] : only === 'meetings' ? targets.filter((target) => target.session) : targets;
const libraryTargetsToRun = (): LibraryTarget[] => (only === 'meetings' ? [] : libraryTargets);
const benchPassword = `bench-${randomBytes(12).toString('hex')}`;

interface Target {
  name: string;
  path: string;
  /** Minimum throughput as a share of the bare server's, where the issue sets one. */
  minRatio?: number;
  /** Requested as INTERPOL's member, signed in (the pages of one person, cached apart). */
  session?: boolean;
}

const targets: Target[] = [
  { name: 'GET /healthz', path: '/healthz' },
  { name: 'GET / (home)', path: '/', minRatio: 0.25 },
  { name: 'GET /members', path: '/members', minRatio: 0.25 },
  { name: 'GET /working-groups', path: '/working-groups', minRatio: 0.25 },
  { name: 'GET /members/unodc (profile)', path: '/members/unodc', minRatio: 0.25 },
  { name: 'GET /working-groups/etcip (home)', path: '/working-groups/etcip', minRatio: 0.25 },
  {
    name: 'GET /working-groups/etcip?at=2022-08-15',
    path: '/working-groups/etcip?at=2022-08-15',
    minRatio: 0.25,
  },
  { name: 'GET /annex-ii?year=2022', path: '/annex-ii?year=2022' },
  { name: 'GET /timeline', path: '/timeline' },
  { name: 'GET /api/v1/bodies/etcip/chairs', path: '/api/v1/bodies/etcip/chairs?at=2022-08-15' },
  // Issue 6: meetings and the calendar, as a signed-in member, at least 15% of the bare server's throughput.
  { name: 'GET /meetings (member)', path: '/meetings', minRatio: 0.15, session: true },
  {
    name: 'GET /meetings?when=past (member)',
    path: '/meetings?when=past&page=2',
    minRatio: 0.15,
    session: true,
  },
  {
    name: 'GET /calendar?month=2022-06 (member)',
    path: '/calendar?month=2022-06',
    minRatio: 0.15,
    session: true,
  },
  { name: 'GET /meetings/{id} (member)', path: '/meetings/{principal}', minRatio: 0.15, session: true },
];

/**
 * The library's targets (issue 5), measured as INTERPOL's member (a non-UN entity: the most filtered
 * view), on PostgreSQL; PGlite's figures are reported only. Each request takes the next path of a
 * rotating list, so that a run is not one query answered again and again.
 */
interface LibraryTarget {
  name: string;
  paths: (words: { typical: string[]; frequent: string[] }) => string[];
  /** How the bench authenticates: the API key on /api/v1, the session cookie on pages. */
  credential: 'apiKey' | 'session';
  connections: number;
  maxP95Ms?: number;
  minRequestsPerSecond?: number;
}

const libraryPages = [1, 2, 3, 4, 5].flatMap((page) =>
  ['', '&type=report', '&language=fr', '&year=2024', '&region=Africa'].map(
    (filter) => `page=${page}${filter}`,
  ),
);

// The lists first, then searches from the lightest to the heaviest: requests still queued when a
// target's time is up are answered during the next one, so a heavy target must not come before a light.
const libraryTargets: LibraryTarget[] = [
  {
    name: 'GET /api/v1/documents (list, 50 connections)',
    paths: () => libraryPages.map((query) => `/api/v1/documents?${query}`),
    credential: 'apiKey',
    connections: 50,
    maxP95Ms: 40,
  },
  {
    name: 'GET /documents (page, 50 connections)',
    paths: () => libraryPages.map((query) => `/documents?${query}`),
    credential: 'session',
    connections: 50,
    maxP95Ms: 40,
  },
  {
    name: 'search, typical words (1 client)',
    paths: (words) => words.typical.map((word) => `/api/v1/documents/search?q=${encodeURIComponent(word)}`),
    credential: 'apiKey',
    connections: 1,
    maxP95Ms: 20,
  },
  {
    name: 'search, typical words (50 connections)',
    paths: (words) => words.typical.map((word) => `/api/v1/documents/search?q=${encodeURIComponent(word)}`),
    credential: 'apiKey',
    connections: 50,
    minRequestsPerSecond: 400,
  },
  {
    name: 'search, frequent words (50 connections)',
    paths: (words) => words.frequent.map((word) => `/api/v1/documents/search?q=${encodeURIComponent(word)}`),
    credential: 'apiKey',
    connections: 50,
  },
  {
    name: 'search, common words (50 connections)',
    paths: () =>
      ['terrorism', 'security', 'cooperation', 'sécurité', 'international'].map(
        (word) => `/api/v1/documents/search?q=${encodeURIComponent(word)}`,
      ),
    credential: 'apiKey',
    connections: 50,
  },
];

interface LibraryMeasurement {
  engine: string;
  documents: number;
  target: string;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxP95Ms: number | null;
  minRequestsPerSecond: number | null;
  /** Null where nothing is required (PGlite, or a figure the issue sets no target for). */
  met: boolean | null;
  errors: number;
  non2xx: number;
}

interface Measurement {
  engine: string;
  target: string;
  path: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  bareRequestsPerSecond: number;
  ratio: number;
  minRatio: number | null;
  errors: number;
  non2xx: number;
}

function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) =>
      reject(new Error(`process exited with ${code} before it was ready:\n${output}`)),
    );
  });
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`the platform exited with ${child.exitCode}`);
    const healthy = await fetch(`${base}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the platform did not become healthy within a minute');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function load(url: string, duration: number, headers: Record<string, string> = {}) {
  return autocannon({ url, connections, duration, pipelining: 1, headers });
}

/** Drives `paths` in turn with autocannon; percentiles from every response's own time. */
async function drive(
  base: string,
  paths: string[],
  options: { connections: number; duration: number; headers: Record<string, string> },
) {
  let next = 0;
  const times: number[] = [];
  let failed = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: options.connections,
        duration: options.duration,
        pipelining: 1,
        headers: options.headers,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              const path = paths[next++ % paths.length] as string;
              return { ...request, path };
            },
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status: number, _bytes, ms: number) => {
      times.push(ms);
      if (status >= 300) failed++;
    });
  });
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(times.length * share))] ?? 0;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    requests: times.length,
    requestsPerSecond: Math.round(times.length / options.duration),
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    p99Ms: round(at(0.99)),
    errors: result.errors + result.timeouts,
    non2xx: failed,
  };
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

interface EngineReport {
  results: Measurement[];
  library: LibraryMeasurement[];
  dataSet: {
    engine: string;
    documents: number;
    loadSeconds: number;
    words: { typical: WordCount[]; frequent: WordCount[] };
    visibleToInterpol: number;
  };
}

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<EngineReport> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'compact-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    LOG_LEVEL: 'warn',
    DATA_DIR: scratch,
    DEMO_DATA: 'off',
    BASE_URL: base,
    AUTH_SECRET: randomBytes(32).toString('hex'),
  };
  let dropDatabase = async () => {};
  if (engine === 'postgres') {
    const name = `cct_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    dropDatabase = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    env.DATABASE_URL = '';
  }
  const database = await openDatabase({ url: env.DATABASE_URL || undefined, dataDir: scratch, poolSize: 2 });
  await loadBenchData(database, extraEntities);
  await loadDemoMeetingsIfEmpty(database.db);
  const [principal] = await database.db
    .select({ id: meetings.id })
    .from(meetings)
    .where(eq(meetings.type, 'principal_committee'));
  const pathOf = (target: Target) => target.path.replace('{principal}', principal?.id ?? '');
  const documentCount = documentCounts[engine];
  process.stdout.write(`  ${engine}: loading ${documentCount} documents...\n`);
  const loaded = await loadBenchDocuments(database, documentCount, {
    parallel: engine === 'postgres' ? 2 : 1,
    onProgress: (n) => process.stdout.write(`    ${n} documents\n`),
  });
  process.stdout.write(`  ${engine}: ${documentCount} documents loaded in ${loaded.seconds.toFixed(0)} s\n`);
  // The reader: INTERPOL's member (a non-UN entity), with a read-only API key and a session.
  const auth = createAuth({
    db: database.db,
    baseUrl: base,
    secret: env.AUTH_SECRET as string,
    log: createLogger('warn'),
    mailer: outboxMailer(path.join(scratch, 'outbox')),
  });
  await loadDemoAccounts(database.db, auth, benchPassword);
  const [reader] = await database.db.select().from(user).where(eq(user.email, 'interpol@demo.example'));
  if (!reader) throw new Error('the INTERPOL demo account was not created');
  const { key: apiKey } = await createApiKey(
    database.db,
    auth,
    { userId: reader.id },
    { name: 'bench', scope: 'read', days: 30 },
  );
  const viewer = await viewerOn(database.db, reader as AccountFacts, today());
  const visible = visibleSearchRows(viewer.actor);
  const words = chooseSearchWords(await matchCounts(database, loaded.candidates, visible), documentCount);
  if (words.typical.length === 0) throw new Error('no candidate word matches 0.1% to 1% of the documents');
  // The issue's yardstick, on the same words, before the platform starts (PostgreSQL only: PGlite
  // answers one query at a time).
  const baseline: BaselineFigures | null = env.DATABASE_URL
    ? await plainRankBaseline(
        env.DATABASE_URL,
        words.typical.map((entry) => entry.word),
        visible,
        { connections, seconds },
      )
    : null;
  const [seen] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(documentSearch)
    .where(visible);
  await database.close();
  const dataSet = {
    engine,
    documents: documentCount,
    loadSeconds: Math.round(loaded.seconds),
    words,
    visibleToInterpol: seen?.n ?? 0,
  };

  const platform = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHealth(base, platform);
  const results: Measurement[] = [];
  const library: LibraryMeasurement[] = [];
  let bare: ChildProcess | undefined;
  try {
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base },
      body: JSON.stringify({ email: 'interpol@demo.example', password: benchPassword }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    if (!signIn.ok || !cookie.includes('session_token')) throw new Error(`sign-in answered ${signIn.status}`);
    const sessionOf = (target: Target): Record<string, string> => (target.session ? { cookie } : {});
    const pages: Record<string, { contentType: string; body: string }> = {};
    for (const target of pageTargets()) {
      const response = await fetch(`${base}${pathOf(target)}`, { headers: sessionOf(target) });
      if (!response.ok || response.redirected)
        throw new Error(`${pathOf(target)} answered ${response.status}`);
      pages[pathOf(target)] = {
        contentType: response.headers.get('Content-Type') ?? 'text/plain',
        body: Buffer.from(await response.arrayBuffer()).toString('base64'),
      };
    }
    const pagesFile = path.join(scratch, 'pages.json');
    await writeFile(pagesFile, JSON.stringify(pages));
    const started = await startProcess(
      ['--import', 'tsx', 'bench/bare-server.ts', pagesFile],
      {},
      /listening (\d+)/,
    );
    bare = started.child;
    const bareBase = `http://127.0.0.1:${started.match[1]}`;

    for (const target of pageTargets()) {
      const url = pathOf(target);
      await load(`${base}${url}`, 1, sessionOf(target));
      const measured = await load(`${base}${url}`, seconds, sessionOf(target));
      await load(`${bareBase}${url}`, 1);
      const yardstick = await load(`${bareBase}${url}`, seconds);
      const measurement: Measurement = {
        engine,
        target: target.name,
        path: url,
        requestsPerSecond: Math.round(measured.requests.average),
        p50Ms: measured.latency.p50,
        p99Ms: measured.latency.p99,
        bareRequestsPerSecond: Math.round(yardstick.requests.average),
        ratio: measured.requests.average / yardstick.requests.average,
        minRatio: target.minRatio ?? null,
        errors: measured.errors,
        non2xx: measured.non2xx,
      };
      results.push(measurement);
      process.stdout.write(
        `  ${engine} ${target.name}: ${measurement.requestsPerSecond} req/s (${(measurement.ratio * 100).toFixed(0)}% of bare)\n`,
      );
    }

    const headers = { apiKey: { 'x-api-key': apiKey }, session: { cookie } };
    const queryWords = {
      typical: words.typical.map((entry) => entry.word),
      frequent: words.frequent.map((entry) => entry.word),
    };
    if (baseline)
      library.push({
        engine,
        documents: documentCount,
        target: 'plain ts_rank SQL, typical words (50 connections, no HTTP)',
        connections,
        ...baseline,
        errors: 0,
        non2xx: 0,
        maxP95Ms: null,
        minRequestsPerSecond: null,
        met: null,
      });
    for (const target of libraryTargetsToRun()) {
      const paths = target.paths(queryWords);
      const options = { connections: target.connections, headers: headers[target.credential] };
      await drive(base, paths, { ...options, duration: 1 });
      const measured = await drive(base, paths, { ...options, duration: seconds });
      const required =
        engine === 'postgres' && (target.maxP95Ms ?? target.minRequestsPerSecond) !== undefined;
      const measurement: LibraryMeasurement = {
        engine,
        documents: documentCount,
        target: target.name,
        connections: target.connections,
        ...measured,
        maxP95Ms: target.maxP95Ms ?? null,
        minRequestsPerSecond: target.minRequestsPerSecond ?? null,
        met: required
          ? measured.requests > 0 &&
            measured.errors + measured.non2xx === 0 &&
            (target.maxP95Ms === undefined || measured.p95Ms <= target.maxP95Ms) &&
            (target.minRequestsPerSecond === undefined ||
              measured.requestsPerSecond >= target.minRequestsPerSecond)
          : null,
      };
      library.push(measurement);
      process.stdout.write(
        `  ${engine} ${target.name}: ${measured.requestsPerSecond} req/s, p95 ${measured.p95Ms} ms, p99 ${measured.p99Ms} ms\n`,
      );
    }
  } finally {
    if (bare) await stop(bare);
    await stop(platform);
    await dropDatabase();
    await rm(scratch, { recursive: true, force: true });
  }
  return { results, library, dataSet };
}

function libraryTable(results: LibraryMeasurement[]): string {
  const header = ['engine', 'documents', 'target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'target', 'errors'];
  const rows = results.map((r) => [
    r.engine,
    String(r.documents),
    r.target,
    String(r.requestsPerSecond),
    String(r.p50Ms),
    String(r.p95Ms),
    String(r.p99Ms),
    [
      r.maxP95Ms === null ? null : `p95 <= ${r.maxP95Ms} ms`,
      r.minRequestsPerSecond === null ? null : `>= ${r.minRequestsPerSecond}/s`,
    ]
      .filter(Boolean)
      .join(', ')
      .concat(
        r.met === null
          ? (r.maxP95Ms ?? r.minRequestsPerSecond) !== null
            ? ' (report only)'
            : '-'
          : r.met
            ? ' met'
            : ' MISSED',
      ),
    String(r.errors + r.non2xx),
  ]);
  return formatTable(header, rows);
}

function table(results: Measurement[]): string {
  const header = [
    'engine',
    'target',
    'req/s',
    'p50 ms',
    'p99 ms',
    'bare req/s',
    'of bare',
    'target',
    'errors',
  ];
  const rows = results.map((r) => [
    r.engine,
    r.target,
    String(r.requestsPerSecond),
    String(r.p50Ms),
    String(r.p99Ms),
    String(r.bareRequestsPerSecond),
    `${(r.ratio * 100).toFixed(1)}%`,
    r.minRatio === null ? '-' : `>= ${r.minRatio * 100}% ${r.ratio >= r.minRatio ? 'met' : 'MISSED'}`,
    String(r.errors + r.non2xx),
  ]);
  return formatTable(header, rows);
}

function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const engines: ('pglite' | 'postgres')[] = ['pglite'];
if (await postgresAnswers()) engines.push('postgres');
else
  process.stdout.write(`PostgreSQL did not answer at ${new URL(postgresUrl).host}: measuring PGlite only.\n`);

process.stdout.write(
  `Benchmark: ${connections} connections, ${seconds} s per target, demo data + ${extraEntities} generated entities, ` +
    `${documentCounts.postgres} documents on PostgreSQL and ${documentCounts.pglite} on PGlite\n`,
);
const results: Measurement[] = [];
const library: LibraryMeasurement[] = [];
const dataSets: EngineReport['dataSet'][] = [];
for (const engine of engines) {
  const report = await benchEngine(engine);
  results.push(...report.results);
  library.push(...report.library);
  dataSets.push(report.dataSet);
}

process.stdout.write(`\n${table(results)}\n`);
process.stdout.write(`\nDocument library, as INTERPOL's member (non-UN entity):\n${libraryTable(library)}\n`);
for (const dataSet of dataSets)
  process.stdout.write(
    `${dataSet.engine}: ${dataSet.documents} documents (${dataSet.visibleToInterpol} visible to INTERPOL) ` +
      `loaded in ${dataSet.loadSeconds} s; words searched (matches / visible): typical ` +
      `${dataSet.words.typical.map((w) => `${w.word} ${w.documents}/${w.visible}`).join(', ')}; frequent ` +
      `${dataSet.words.frequent.map((w) => `${w.word} ${w.documents}/${w.visible}`).join(', ')}\n`,
  );
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  connections,
  secondsPerTarget: seconds,
  extraEntities,
  results,
  library,
  dataSets,
};
await mkdir(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, 'bench/results', `bench-${report.date.replace(/[:.]/g, '-')}.json`);
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
await writeFile(path.join(root, 'bench/results/latest.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`\nWritten to ${path.relative(root, file)}\n`);
const missed = [
  ...results.filter((r) => r.minRatio !== null && r.ratio < r.minRatio),
  ...library.filter((r) => r.met === false),
];
if (missed.length > 0) {
  process.stdout.write(`Targets missed: ${missed.map((r) => `${r.engine} ${r.target}`).join(', ')}\n`);
  process.exitCode = 1;
}
