import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../env.ts';
import { describeBlobStore } from './contract.ts';
import { openBlobStore } from './open.ts';
import { isSha256, LocalBlobStore, sweepBlobs } from './store.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'compact-blobs-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const sha = (content: string) => createHash('sha256').update(content).digest('hex');
const allFiles = async (directory: string): Promise<string[]> =>
  (await readdir(directory, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));

describeBlobStore('the local blob store', async () => {
  const directory = path.join(root, 'store');
  const pathOf = (sha256: string) => path.join(directory, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  return {
    store: new LocalBlobStore(directory),
    contents: async () => (await allFiles(directory)).map((file) => path.relative(directory, file)),
    setModifiedAt: (sha256, when) => utimes(pathOf(sha256), when, when),
    async leavePartialUploads() {
      await mkdir(path.join(directory, 'tmp'), { recursive: true });
      await writeFile(path.join(directory, 'tmp', `${randomUUID()}.part`), 'half a file');
      return 1;
    },
  };
});

it('takes only a 64-character hex digest for a SHA-256', () => {
  expect(isSha256(sha('x'))).toBe(true);
  expect(isSha256('../../etc/passwd')).toBe(false);
  expect(isSha256(sha('x').toUpperCase())).toBe(false);
});

it('is what the configuration opens without S3_BUCKET, under DATA_DIR/blobs', async () => {
  const store = openBlobStore(parseEnv({ DATA_DIR: root }));
  expect(store).toBeInstanceOf(LocalBlobStore);
  const { sha256 } = await store.put(
    (async function* () {
      yield new TextEncoder().encode('configured');
    })(),
    100,
  );
  expect(await allFiles(root)).toEqual([
    path.join(root, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256),
  ]);
});

describe('after a crash in the middle of an upload', () => {
  it('has no blob for the partial file, and the sweeper removes the partial once it is old enough', async () => {
    // A real process streams a file into the store and is killed before it ends.
    const script = path.join(root, 'upload.mts');
    await writeFile(
      script,
      `import { LocalBlobStore } from ${JSON.stringify(path.resolve('src/blobs/store.ts'))};
const store = new LocalBlobStore(process.argv[2]);
async function* slow() {
  yield new Uint8Array(64 * 1024);
  process.stdout.write('started\\n');
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  yield new Uint8Array(1);
}
await store.put(slow(), 10_000_000);
`,
    );
    const storeRoot = path.join(root, 'store');
    const child = spawn(process.execPath, ['--import', 'tsx', script, storeRoot], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => data.toString().includes('started') && resolve());
      child.on('exit', () => reject(new Error('the upload ended before it was killed')));
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const crashed = new LocalBlobStore(storeRoot);
    const blobs = [];
    for await (const blob of crashed.list()) blobs.push(blob);
    expect(blobs).toEqual([]);
    const partials = [];
    for await (const partial of crashed.partials()) partials.push(partial);
    expect(partials).toHaveLength(1);

    const never = async () => false;
    expect(await sweepBlobs(crashed, never, 60 * 60 * 1000)).toEqual({
      orphansRemoved: 0,
      partialsRemoved: 0,
    });
    const anHourLater = new Date(Date.now() + 2 * 60 * 60 * 1000);
    expect(await sweepBlobs(crashed, never, 60 * 60 * 1000, anHourLater)).toEqual({
      orphansRemoved: 0,
      partialsRemoved: 1,
    });
    expect(await allFiles(storeRoot)).toEqual([]);
  });
});
