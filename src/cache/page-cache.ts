import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** A rendered response body, with its compressed forms made once when it is cached. */
export interface RenderedPage {
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export async function preparePage(html: string): Promise<RenderedPage> {
  const identity = Buffer.from(html, 'utf8');
  const [br, gz] = await Promise.all([
    brotli(identity, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
    }),
    gzipAsync(identity, { level: 9 }),
  ]);
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
  return { etag, identity, gzip: gz, br };
}

export interface CacheStats {
  hits: number;
  misses: number;
  invalidations: number;
}

/**
 * Rendered public pages, kept until the data behind them changes (ADR 0009). `invalidate` is called on
 * every `data_changed` notification, from this instance or any other; a render that began before an
 * invalidation is served but not stored, so a stale page cannot outlive the change that made it stale.
 */
export class PageCache {
  readonly #entries = new Map<string, RenderedPage>();
  readonly #inFlight = new Map<string, Promise<RenderedPage>>();
  readonly #values = new Map<string, { value: unknown; storedAt: number }>();
  readonly #loading = new Map<string, Promise<unknown>>();
  #generation = 0;
  readonly stats: CacheStats = { hits: 0, misses: 0, invalidations: 0 };

  constructor(private readonly maxEntries = 1000) {}

  get size(): number {
    return this.#entries.size;
  }

  async get(key: string, render: () => Promise<string>): Promise<RenderedPage> {
    const cached = this.#entries.get(key);
    if (cached) {
      this.stats.hits++;
      return cached;
    }
    const pending = this.#inFlight.get(key);
    if (pending) return pending;
    this.stats.misses++;
    const generation = this.#generation;
    const rendering = render()
      .then(preparePage)
      .then((page) => {
        if (generation === this.#generation) this.#store(key, page);
        return page;
      })
      .finally(() => {
        if (this.#inFlight.get(key) === rendering) this.#inFlight.delete(key);
      });
    this.#inFlight.set(key, rendering);
    return rendering;
  }

  /**
   * A value a public page needs before it can be rendered, such as the record its address names (or
   * that there is none, for a 404), kept and dropped with the pages so that a cached page costs no query.
   * With `maxAgeMs`, the value is also loaded again once it is that old; with `keep`, only values it
   * accepts are kept.
   */
  async remember<T>(
    key: string,
    load: () => Promise<T>,
    options: { maxAgeMs?: number; keep?: (value: T) => boolean } = {},
  ): Promise<T> {
    const kept = this.#values.get(key);
    if (kept && (options.maxAgeMs === undefined || Date.now() - kept.storedAt < options.maxAgeMs)) {
      return kept.value as T;
    }
    // Requests arriving together for a value not yet kept share one load rather than each paying for it.
    const pending = this.#loading.get(key);
    if (pending) return pending as Promise<T>;
    const generation = this.#generation;
    const loading = load()
      .then((value) => {
        // Not kept when the cache was invalidated or the key forgotten while it loaded, nor when refused.
        const current = generation === this.#generation && this.#loading.get(key) === loading;
        const room = this.#values.has(key) || this.#values.size < this.maxEntries;
        if (current && room && (options.keep?.(value) ?? true)) {
          this.#values.set(key, { value, storedAt: Date.now() });
        }
        return value;
      })
      .finally(() => {
        if (this.#loading.get(key) === loading) this.#loading.delete(key);
      });
    this.#loading.set(key, loading);
    return loading;
  }

  /** Drops the remembered values whose key starts with `prefix`, leaving the pages. */
  forget(prefix: string): void {
    for (const key of this.#values.keys()) if (key.startsWith(prefix)) this.#values.delete(key);
    for (const key of this.#loading.keys()) if (key.startsWith(prefix)) this.#loading.delete(key);
  }

  invalidate(): void {
    this.#generation++;
    this.stats.invalidations++;
    this.#entries.clear();
    this.#inFlight.clear();
    this.#values.clear();
    this.#loading.clear();
  }

  #store(key: string, page: RenderedPage): void {
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, page);
  }
}
