import type { Context } from 'hono';
import type { RenderedPage } from '../cache/page-cache.ts';

type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts; a `q=0` refuses one, as RFC 9110 says. */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    accepted.set(token, q ? Number.parseFloat(q.slice(2)) || 0 : 1);
  }
  const weight = (encoding: string) => accepted.get(encoding) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}

export interface SendOptions {
  status?: 200 | 404 | 500;
  contentType?: string;
  cacheControl?: string;
  vary?: string;
}

/** Sends a prepared body: a 304 when the client's copy is current, else the best encoding it accepts. */
export function sendRendered(c: Context, page: RenderedPage, options: SendOptions = {}): Response {
  const headers: Record<string, string> = {
    'Content-Type': options.contentType ?? 'text/html; charset=utf-8',
    'Cache-Control': options.cacheControl ?? 'no-cache',
    ETag: page.etag,
    Vary: options.vary ?? 'Accept-Encoding',
  };
  const status = options.status ?? 200;
  if (status === 200 && c.req.header('If-None-Match') === page.etag) {
    return c.body(null, 304, headers);
  }
  const encoding = negotiateEncoding(c.req.header('Accept-Encoding'));
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  const body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity;
  headers['Content-Length'] = String(body.length);
  return c.body(
    new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength),
    status,
    headers,
  );
}
