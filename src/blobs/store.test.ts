import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInput } from '../errors.ts';
import { isSha256, LocalBlobStore, sweepBlobs } from './store.ts';

let root: string;
let store: LocalBlobStore;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'compact-blobs-'));
  store = new LocalBlobStore(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function* chunks(...parts: string[]) {
  for (const part of parts) yield new TextEncoder().encode(part);
}
const sha = (content: string) => createHash('sha256').update(content).digest('hex');
const allFiles = async (directory: string): Promise<string[]> =>
  (await readdir(directory, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));

describe('the local blob store', () => {
  it('stores a stream under the SHA-256 of its content and gives the same bytes back', async () => {
    const stored = await store.put(chunks('Counter-Terrorism ', 'Compact'), 1000);
    expect(stored).toEqual({ sha256: sha('Counter-Terrorism Compact'), size: 25 });
    const stream = await store.open(stored.sha256);
    expect(await text(stream as NonNullable<typeof stream>)).toBe('Counter-Terrorism Compact');
    expect(await allFiles(root)).toEqual([
      path.join(root, stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256),
    ]);
  });

  it('keeps one copy of the same content uploaded twice', async () => {
    const first = await store.put(chunks('same'), 100);
    const second = await store.put(chunks('sa', 'me'), 100);
    expect(second.sha256).toBe(first.sha256);
    expect(await allFiles(root)).toHaveLength(1);
  });

  it('refreshes the time of content stored again, so the sweeper spares it while its new row commits', async () => {
    const stored = await store.put(chunks('again'), 100);
    const [file] = await allFiles(root);
    const aDayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
    await utimes(file as string, aDayAgo, aDayAgo);
    await store.put(chunks('again'), 100);
    const notReferencedYet = async () => false;
    expect(await sweepBlobs(store, notReferencedYet, 60 * 60 * 1000)).toEqual({
      orphansRemoved: 0,
      partialsRemoved: 0,
    });
    expect(await store.has(stored.sha256)).toBe(true);
  });

  it('refuses content over the limit, and an empty file, leaving nothing behind', async () => {
    await expect(store.put(chunks('12345', '67890', 'x'), 10)).rejects.toMatchObject({
      problems: [{ field: 'file', code: 'file_too_large' }],
    });
    await expect(store.put(chunks(), 10)).rejects.toBeInstanceOf(InvalidInput);
    expect(await allFiles(root)).toEqual([]);
  });

  it('gives no path for anything that is not a digest, so a name cannot climb out of the store', async () => {
    expect(isSha256('../../etc/passwd')).toBe(false);
    expect(await store.open('../../etc/passwd')).toBeNull();
    expect(await store.has(`${'a'.repeat(63)}/`)).toBe(false);
  });
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

describe('the orphan sweeper', () => {
  it('removes old blobs no row points to and keeps referenced and recent ones', async () => {
    const kept = await store.put(chunks('referenced'), 100);
    const orphan = await store.put(chunks('orphan'), 100);
    const recent = await store.put(chunks('just uploaded'), 100);
    const old = new Date(Date.now() - 3 * 60 * 60 * 1000);
    for (const blob of [kept, orphan]) {
      const file = path.join(root, blob.sha256.slice(0, 2), blob.sha256.slice(2, 4), blob.sha256);
      await utimes(file, old, old);
    }
    const referenced = async (sha256: string) => sha256 === kept.sha256;
    expect(await sweepBlobs(store, referenced, 60 * 60 * 1000)).toEqual({
      orphansRemoved: 1,
      partialsRemoved: 0,
    });
    expect(await store.has(kept.sha256)).toBe(true);
    expect(await store.has(orphan.sha256)).toBe(false);
    expect(await store.has(recent.sha256)).toBe(true);
  });
});
