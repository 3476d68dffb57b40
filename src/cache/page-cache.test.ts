import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('page cache', () => {
  it('renders once, then answers from memory with matching compressed forms', async () => {
    const cache = new PageCache();
    let renders = 0;
    const render = async () => `<p>page ${++renders}</p>`;
    const first = await cache.get('k', render);
    const second = await cache.get('k', render);
    expect(renders).toBe(1);
    expect(second).toBe(first);
    expect(first.identity.toString()).toBe('<p>page 1</p>');
    expect(gunzipSync(first.gzip).toString()).toBe('<p>page 1</p>');
    expect(brotliDecompressSync(first.br).toString()).toBe('<p>page 1</p>');
    expect(first.etag).toMatch(/^"[\w-]+"$/);
    expect(cache.stats).toMatchObject({ hits: 1, misses: 1 });
  });

  it('renders once for many simultaneous requests', async () => {
    const cache = new PageCache();
    let renders = 0;
    const pages = await Promise.all(
      Array.from({ length: 20 }, () => cache.get('k', async () => `x${++renders}`)),
    );
    expect(renders).toBe(1);
    expect(new Set(pages).size).toBe(1);
  });

  it('renders again after invalidation', async () => {
    const cache = new PageCache();
    let version = 1;
    expect((await cache.get('k', async () => `v${version}`)).identity.toString()).toBe('v1');
    version = 2;
    cache.invalidate();
    expect((await cache.get('k', async () => `v${version}`)).identity.toString()).toBe('v2');
  });

  it('does not keep a page whose rendering began before an invalidation', async () => {
    const cache = new PageCache();
    const gate = deferred<string>();
    const stale = cache.get('k', () => gate.promise);
    cache.invalidate();
    gate.resolve('stale');
    expect((await stale).identity.toString()).toBe('stale');
    expect((await cache.get('k', async () => 'fresh')).identity.toString()).toBe('fresh');
  });

  it('keeps at most its limit of pages, dropping the oldest', async () => {
    const cache = new PageCache(2);
    await cache.get('a', async () => 'a');
    await cache.get('b', async () => 'b');
    await cache.get('c', async () => 'c');
    expect(cache.size).toBe(2);
    let renderedA = false;
    await cache.get('a', async () => {
      renderedA = true;
      return 'a';
    });
    expect(renderedA).toBe(true);
  });

  it('does not cache a failed rendering', async () => {
    const cache = new PageCache();
    await expect(cache.get('k', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect((await cache.get('k', async () => 'ok')).identity.toString()).toBe('ok');
  });

  it('remembers a value, a missing record included, until the next invalidation', async () => {
    const cache = new PageCache();
    let loads = 0;
    const load = async () => {
      loads++;
      return null;
    };
    expect(await cache.remember('entity|nope', load)).toBeNull();
    expect(await cache.remember('entity|nope', load)).toBeNull();
    expect(loads).toBe(1);
    cache.invalidate();
    await cache.remember('entity|nope', load);
    expect(loads).toBe(2);
  });

  it('does not remember a value loaded across an invalidation', async () => {
    const cache = new PageCache();
    const gate = deferred<string>();
    const stale = cache.remember('k', () => gate.promise);
    cache.invalidate();
    gate.resolve('stale');
    expect(await stale).toBe('stale');
    expect(await cache.remember('k', async () => 'fresh')).toBe('fresh');
  });

  it('shares one load among requests for a value not yet kept, and a refusal is not kept', async () => {
    const cache = new PageCache();
    const gate = deferred<string>();
    let loads = 0;
    const load = () => {
      loads++;
      return gate.promise;
    };
    const together = [cache.remember('k', load), cache.remember('k', load)];
    gate.resolve('once');
    expect(await Promise.all(together)).toEqual(['once', 'once']);
    expect(loads).toBe(1);
    await expect(cache.remember('bad', async () => Promise.reject(new Error('refused')))).rejects.toThrow();
    expect(await cache.remember('bad', async () => 'fine')).toBe('fine');
  });

  it('does not keep a value whose key was forgotten while it loaded', async () => {
    const cache = new PageCache();
    const gate = deferred<string>();
    const before = cache.remember('session|a', () => gate.promise);
    cache.forget('session|');
    const after = cache.remember('session|a', async () => 'after');
    gate.resolve('before');
    expect(await before).toBe('before');
    expect(await after).toBe('after');
    expect(await cache.remember('session|a', async () => 'again')).toBe('after');
  });
});
