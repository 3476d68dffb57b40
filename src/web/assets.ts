import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { preparePage } from '../cache/page-cache.ts';
import { publicRoute } from '../policy/route-policy.ts';
import type { AppEnv } from './context.ts';
import { sendRendered } from './respond.ts';

interface Asset {
  file: string;
  contentType: string;
}

const sources: Record<'css' | 'icon' | 'upload' | 'timezone', Asset> = {
  css: { file: 'app.css', contentType: 'text/css; charset=utf-8' },
  upload: { file: 'upload.js', contentType: 'text/javascript; charset=utf-8' },
  timezone: { file: 'timezone.js', contentType: 'text/javascript; charset=utf-8' },
  icon: { file: 'icon.svg', contentType: 'image/svg+xml' },
};

/** Asset URLs carry a hash of their content, so browsers may keep them for a year (ADR 0007). */
function fingerprinted(asset: Asset) {
  const body = readFileSync(new URL(`./assets/${asset.file}`, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const [stem, extension] = asset.file.split('.');
  return { ...asset, body, path: `/assets/${stem}.${hash}.${extension}` };
}

const css = fingerprinted(sources.css);
const icon = fingerprinted(sources.icon);
const upload = fingerprinted(sources.upload);
const timezone = fingerprinted(sources.timezone);

export const assetPaths = {
  css: css.path,
  icon: icon.path,
  upload: upload.path,
  timezone: timezone.path,
} as const;

export async function mountAssets(app: Hono<AppEnv>): Promise<void> {
  for (const asset of [css, icon, upload, timezone]) {
    const page = await preparePage(asset.body);
    app.get(asset.path, publicRoute(), (c) =>
      sendRendered(c, page, {
        contentType: asset.contentType,
        cacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }
}
