import path from 'node:path';
import type { Env } from '../env.ts';
import { S3BlobStore } from './s3-store.ts';
import { type BlobStore, LocalBlobStore } from './store.ts';

/** The configured blob store: the S3-compatible bucket when `S3_BUCKET` is set, else `DATA_DIR/blobs`. */
export function openBlobStore(env: Env): BlobStore {
  if (!env.S3_BUCKET) return new LocalBlobStore(path.resolve(env.DATA_DIR, 'blobs'));
  return new S3BlobStore({
    bucket: env.S3_BUCKET,
    prefix: env.S3_PREFIX,
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'on',
    credentials:
      env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
        : undefined,
  });
}
