import { createHash } from 'node:crypto';
import { buffer, text } from 'node:stream/consumers';
import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidInput } from '../errors.ts';
import { type BlobStore, sweepBlobs } from './store.ts';

/** A blob store under test, with what only its backend can tell or do. */
export interface BlobStoreUnderTest {
  store: BlobStore;
  /** Everything the backend holds for the store: files, or keys and unfinished multipart uploads. */
  contents(): Promise<string[]>;
  /** Makes a blob look last written at `when`. */
  setModifiedAt(sha256: string, when: Date): Promise<void>;
  /** Leaves what crashes in the middle of uploads leave behind; answers how many things that is. */
  leavePartialUploads(): Promise<number>;
}

async function* chunks(...parts: string[]) {
  for (const part of parts) yield new TextEncoder().encode(part);
}

/** `count` chunks of 1 MB, each filled with its index; `pulled` tells how many were read. */
function megabytes(count: number) {
  const source = {
    pulled: 0,
    async *[Symbol.asyncIterator]() {
      for (; source.pulled < count; ) yield new Uint8Array(1_000_000).fill(source.pulled++ % 256);
    },
  };
  return source;
}

const sha = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');
const hour = 60 * 60 * 1000;
const never = async () => false;

/** The behaviour every blob store owes the document library (ADR 0021), whatever keeps the bytes. */
export function describeBlobStore(name: string, open: () => Promise<BlobStoreUnderTest>): void {
  describe(`${name}, as every blob store`, () => {
    let subject: BlobStoreUnderTest;
    let store: BlobStore;
    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });

    it('stores a stream under the SHA-256 of its content and gives the same bytes back', async () => {
      const stored = await store.put(chunks('Counter-Terrorism ', 'Compact'), 1000);
      expect(stored).toEqual({ sha256: sha('Counter-Terrorism Compact'), size: 25 });
      const stream = await store.open(stored.sha256);
      expect(await text(stream as NonNullable<typeof stream>)).toBe('Counter-Terrorism Compact');
      const [only, ...others] = await subject.contents();
      expect(others).toEqual([]);
      expect(only).toMatch(
        new RegExp(`(^|/)${stored.sha256.slice(0, 2)}/${stored.sha256.slice(2, 4)}/${stored.sha256}$`),
      );
    });

    it('stores a file larger than one part (of a multipart upload) whole', async () => {
      const source = megabytes(11);
      const stored = await store.put(source, 11_000_000);
      const stream = await store.open(stored.sha256);
      const back = await buffer(stream as NonNullable<typeof stream>);
      expect(stored).toEqual({ sha256: sha(back), size: 11_000_000 });
      expect(back.subarray(10_000_000).every((byte) => byte === 10)).toBe(true);
      expect(await subject.contents()).toHaveLength(1);
    });

    it('keeps one copy of the same content uploaded twice', async () => {
      const first = await store.put(chunks('same'), 100);
      const second = await store.put(chunks('sa', 'me'), 100);
      expect(second.sha256).toBe(first.sha256);
      expect(await subject.contents()).toHaveLength(1);
    });

    it('refreshes the time of content stored again, so the sweeper spares it while its new row commits', async () => {
      const stored = await store.put(chunks('again'), 100);
      await subject.setModifiedAt(stored.sha256, new Date(Date.now() - 24 * hour));
      await store.put(chunks('again'), 100);
      expect(await sweepBlobs(store, never, hour)).toEqual({ orphansRemoved: 0, partialsRemoved: 0 });
      expect(await store.has(stored.sha256)).toBe(true);
    });

    it('refuses content over the limit, and an empty file, leaving nothing behind', async () => {
      await expect(store.put(chunks('12345', '67890', 'x'), 10)).rejects.toMatchObject({
        problems: [{ field: 'file', code: 'file_too_large', values: { mb: 0 } }],
      });
      await expect(store.put(chunks(), 10)).rejects.toMatchObject({
        problems: [{ field: 'file', code: 'file_empty' }],
      });
      expect(await subject.contents()).toEqual([]);
    });

    it('stops reading a file over the limit after some of it was already stored, and keeps none of it', async () => {
      const source = megabytes(20);
      const refusal = store.put(source, 11_500_000);
      await expect(refusal).rejects.toBeInstanceOf(InvalidInput);
      await expect(refusal).rejects.toMatchObject({
        problems: [{ code: 'file_too_large', values: { mb: 11 } }],
      });
      expect(source.pulled).toBe(12);
      expect(await subject.contents()).toEqual([]);
    });

    it('gives no key for anything that is not a digest, so a name cannot reach outside the store', async () => {
      expect(await store.open('../../etc/passwd')).toBeNull();
      expect(await store.has(`${'a'.repeat(63)}/`)).toBe(false);
      await store.delete('../../etc/passwd');
    });

    it('answers for content it does not have without failing', async () => {
      const absent = sha('never stored');
      expect(await store.has(absent)).toBe(false);
      expect(await store.open(absent)).toBeNull();
      await store.delete(absent);
    });

    it('lists every blob with when it was last written', async () => {
      const before = Date.now() - 2000;
      const first = await store.put(chunks('one'), 100);
      const second = await store.put(chunks('two'), 100);
      const listed = [];
      for await (const blob of store.list()) listed.push(blob);
      expect(listed.map((blob) => blob.sha256).sort()).toEqual([first.sha256, second.sha256].sort());
      for (const blob of listed) expect(blob.modifiedAt.getTime()).toBeGreaterThan(before);
    });

    it('sweeps old blobs no row points to and keeps referenced and recent ones', async () => {
      const kept = await store.put(chunks('referenced'), 100);
      const orphan = await store.put(chunks('orphan'), 100);
      const recent = await store.put(chunks('just uploaded'), 100);
      for (const blob of [kept, orphan])
        await subject.setModifiedAt(blob.sha256, new Date(Date.now() - 3 * hour));
      const referenced = async (sha256: string) => sha256 === kept.sha256;
      expect(await sweepBlobs(store, referenced, hour)).toEqual({ orphansRemoved: 1, partialsRemoved: 0 });
      expect(await store.has(kept.sha256)).toBe(true);
      expect(await store.has(orphan.sha256)).toBe(false);
      expect(await store.has(recent.sha256)).toBe(true);
    });

    it('sweeps what crashed uploads left once it is older than the grace period, and nothing sooner', async () => {
      const kept = await store.put(chunks('kept'), 100);
      const left = await subject.leavePartialUploads();
      expect(left).toBeGreaterThan(0);
      expect(await sweepBlobs(store, async () => true, hour)).toEqual({
        orphansRemoved: 0,
        partialsRemoved: 0,
      });
      const later = new Date(Date.now() + 2 * hour);
      expect(await sweepBlobs(store, async () => true, hour, later)).toEqual({
        orphansRemoved: 0,
        partialsRemoved: left,
      });
      expect(await subject.contents()).toHaveLength(1);
      expect(await store.has(kept.sha256)).toBe(true);
    });
  });
}
