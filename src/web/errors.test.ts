import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../tests/helpers/app.ts';
import { createTestDatabase } from '../../tests/helpers/database.ts';
import { textOf } from '../../tests/helpers/html.ts';
import { parseEnv } from '../env.ts';
import { createLogger } from '../observability/logger.ts';
import { startPlatform } from '../platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({ demo: false });
});
afterAll(() => platform.close());

describe('error pages', () => {
  it('answers an unknown address with a 404 page in the reader’s language', async () => {
    const english = await platform.get('/no/such/page');
    expect(english.status).toBe(404);
    expect(english.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await english.text();
    expect(html).toMatch(/<html lang="en" dir="ltr">/);
    expect(textOf(html)).toContain('Page not found There is no page at this address.');
    expect(html).toContain('<main id="main"');

    const arabic = await platform.get('/no/such/page', { 'Accept-Language': 'ar' });
    expect(arabic.status).toBe(404);
    const arabicHtml = await arabic.text();
    expect(arabicHtml).toMatch(/<html lang="ar" dir="rtl">/);
    expect(textOf(arabicHtml)).toContain('الصفحة غير موجودة');

    const french = await platform.get('/nope', { 'Accept-Language': 'fr' });
    expect(textOf(await french.text())).toContain('Page introuvable');
  });

  it('does not reflect the requested address unescaped', async () => {
    const html = await (await platform.get('/%3Cscript%3Ealert(1)%3C/script%3E')).text();
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('answers a failure with a 500 page in the reader’s language that shows a reference, not the error', async () => {
    const broken = await createTestPlatform({ demo: false });
    await broken.database.close();
    const response = await broken.get('/members', { 'Accept-Language': 'fr', 'X-Request-Id': 'ref-1234' });
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toMatch(/<html lang="fr" dir="ltr">/);
    const text = textOf(html);
    expect(text).toContain('Une erreur est survenue');
    expect(text).toContain('indiquez cette référence : ref-1234');
    expect(text).not.toMatch(/PGlite|closed|stack|Error:/i);
    expect(response.headers.get('X-Request-Id')).toBe('ref-1234');
  });
});

describe('operations endpoints and headers', () => {
  it('reports health with the database engine', async () => {
    const response = await platform.get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: platform.database.engine });
  });

  it('reports 503 when the database does not answer', async () => {
    const broken = await createTestPlatform({ demo: false });
    await broken.database.close();
    const response = await broken.get('/healthz');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', db: broken.database.engine });
  });

  it('exposes Prometheus metrics, including request durations by route', async () => {
    await platform.get('/');
    const response = await platform.get('/metrics');
    expect(response.headers.get('Content-Type')).toMatch(/^text\/plain/);
    const body = await response.text();
    expect(body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/",status="200"\} \d+/);
    expect(body).toMatch(/page_cache_misses_total \d+/);
    expect(body).toContain('process_cpu_seconds_total');
  });

  it('gives every response a request id and strict security headers', async () => {
    const response = await platform.get('/');
    expect(response.headers.get('X-Request-Id')).toMatch(/^[\w-]{8,}$/);
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
    expect(response.headers.get('Referrer-Policy')).toBe('same-origin');
    // Served over plain http (the demo), so no HSTS: it would be ignored, and wrong behind a TLS proxy.
    expect(response.headers.get('Strict-Transport-Security')).toBeNull();
  });

  it('serves fingerprinted assets for a year', async () => {
    const html = await (await platform.get('/')).text();
    const cssPath = html.match(/href="(\/assets\/app\.[0-9a-f]{12}\.css)"/)?.[1];
    expect(cssPath).toBeTruthy();
    const css = await platform.get(cssPath as string, { 'Accept-Encoding': 'br' });
    expect(css.status).toBe(200);
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(css.headers.get('Content-Encoding')).toBe('br');
  });
});

describe('behind HTTPS', () => {
  it('sends HSTS when the platform’s address is https', async () => {
    const database = await createTestDatabase();
    const secure = await startPlatform(
      parseEnv({ BASE_URL: 'https://compact.example.org', LOG_LEVEL: 'silent', DEMO_DATA: 'off' }),
      createLogger('silent'),
      database,
    );
    try {
      const response = await secure.app.request('https://compact.example.org/healthz');
      expect(response.headers.get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await secure.close();
    }
  });
});
