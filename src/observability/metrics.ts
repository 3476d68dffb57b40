import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { PageCache } from '../cache/page-cache.ts';

/** One registry per app instance, so tests can build several apps in one process (ADR 0005). */
export function createMetrics(cache: PageCache) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, matched route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Counter({
    name: 'page_cache_hits_total',
    help: 'Public pages answered from the page cache',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(cache.stats.hits);
    },
  });
  new Counter({
    name: 'page_cache_misses_total',
    help: 'Public pages rendered because the page cache did not hold them',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(cache.stats.misses);
    },
  });
  new Gauge({
    name: 'page_cache_entries',
    help: 'Pages held in the page cache',
    registers: [registry],
    collect() {
      this.set(cache.size);
    },
  });
  return { registry, requestDuration };
}

export type Metrics = ReturnType<typeof createMetrics>;
