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
import pg from 'pg';
import { openDatabase } from '../src/db/client.ts';
import { loadBenchData } from './data-set.ts';

const root = path.resolve(import.meta.dirname, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;
const extraEntities = Number(process.env.BENCH_ENTITIES ?? 200);
const postgresUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Target {
  name: string;
  path: string;
  /** Minimum throughput as a share of the bare server's, where the issue sets one. */
  minRatio?: number;
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
];

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

async function load(url: string, duration: number) {
  return autocannon({ url, connections, duration, pipelining: 1 });
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

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<Measurement[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'compact-bench-'));
  const env: Record<string, string> = { LOG_LEVEL: 'warn', DATA_DIR: scratch, DEMO_DATA: 'off' };
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
  const database = await openDatabase({ url: env.DATABASE_URL || undefined, dataDir: scratch });
  await loadBenchData(database, extraEntities);
  await database.close();

  const port = await freePort();
  const platform = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, platform);
  const results: Measurement[] = [];
  let bare: ChildProcess | undefined;
  try {
    const pages: Record<string, { contentType: string; body: string }> = {};
    for (const target of targets) {
      const response = await fetch(`${base}${target.path}`);
      if (!response.ok) throw new Error(`${target.path} answered ${response.status}`);
      pages[target.path] = {
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

    for (const target of targets) {
      await load(`${base}${target.path}`, 1);
      const measured = await load(`${base}${target.path}`, seconds);
      await load(`${bareBase}${target.path}`, 1);
      const yardstick = await load(`${bareBase}${target.path}`, seconds);
      const measurement: Measurement = {
        engine,
        target: target.name,
        path: target.path,
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
  } finally {
    if (bare) await stop(bare);
    await stop(platform);
    await dropDatabase();
    await rm(scratch, { recursive: true, force: true });
  }
  return results;
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
  `Benchmark: ${connections} connections, ${seconds} s per target, demo data + ${extraEntities} generated entities\n`,
);
const results: Measurement[] = [];
for (const engine of engines) results.push(...(await benchEngine(engine)));

process.stdout.write(`\n${table(results)}\n`);
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  connections,
  secondsPerTarget: seconds,
  extraEntities,
  results,
};
await mkdir(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, 'bench/results', `bench-${report.date.replace(/[:.]/g, '-')}.json`);
await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
await writeFile(path.join(root, 'bench/results/latest.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`\nWritten to ${path.relative(root, file)}\n`);
const missed = results.filter((r) => r.minRatio !== null && r.ratio < r.minRatio);
if (missed.length > 0) {
  process.stdout.write(`Targets missed: ${missed.map((r) => `${r.engine} ${r.target}`).join(', ')}\n`);
  process.exitCode = 1;
}
