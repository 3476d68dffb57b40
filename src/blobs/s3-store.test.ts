import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../env.ts';
import { describeBlobStore } from './contract.ts';
import { openBlobStore } from './open.ts';
import { S3BlobStore } from './s3-store.ts';
import { type S3TestServer, startS3TestServer } from './s3-test-server.ts';
import { sweepBlobs } from './store.ts';

let server: S3TestServer;
let client: S3Client;
beforeAll(async () => {
  server = await startS3TestServer();
  client = new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: server.credentials,
  });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});

/** Every key under `prefix`, and every unfinished multipart upload as `upload:<key>`, without the prefix. */
async function contentsUnder(prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client }, { Bucket: server.bucket, Prefix: prefix })) {
    for (const object of page.Contents ?? []) keys.push(String(object.Key));
  }
  const { Uploads } = await client.send(
    new ListMultipartUploadsCommand({ Bucket: server.bucket, Prefix: prefix }),
  );
  for (const upload of Uploads ?? []) keys.push(`upload:${upload.Key}`);
  return keys.map((key) => key.replace(prefix, ''));
}

const storeOptions = () => ({
  bucket: server.bucket,
  region: 'us-east-1',
  endpoint: server.endpoint,
  forcePathStyle: true,
  credentials: server.credentials,
});
const storeAt = (prefix: string) => new S3BlobStore({ ...storeOptions(), prefix });
const hour = 60 * 60 * 1000;

async function* chunks(...parts: string[]) {
  for (const part of parts) yield new TextEncoder().encode(part);
}

// Each test gets its own prefix in the one bucket, as separate installations would.
describeBlobStore('the S3 blob store', async () => {
  const prefix = `installation-${randomUUID()}/`;
  return {
    store: storeAt(prefix),
    contents: () => contentsUnder(prefix),
    setModifiedAt: (sha256, when) =>
      server.setLastModified(`${prefix}blobs/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`, when),
    async leavePartialUploads() {
      // A crash during the upload leaves a multipart upload with parts; one after it, the temporary object.
      const Key = `${prefix}tmp/${randomUUID()}`;
      const { UploadId } = await client.send(
        new CreateMultipartUploadCommand({ Bucket: server.bucket, Key }),
      );
      await client.send(
        new UploadPartCommand({ Bucket: server.bucket, Key, UploadId, PartNumber: 1, Body: 'first part' }),
      );
      await client.send(
        new PutObjectCommand({
          Bucket: server.bucket,
          Key: `${prefix}tmp/${randomUUID()}`,
          Body: 'all parts',
        }),
      );
      return 2;
    },
  };
});

describe('the S3 blob store', () => {
  it('keeps installations that share a bucket apart by their prefix', async () => {
    const [first, second] = [`a-${randomUUID()}`, `b-${randomUUID()}/`];
    const firstStore = storeAt(first);
    const secondStore = storeAt(second);
    const blob = await firstStore.put(chunks('only in the first installation'), 100);
    expect(await contentsUnder(`${first}/`)).toEqual([
      `blobs/${blob.sha256.slice(0, 2)}/${blob.sha256.slice(2, 4)}/${blob.sha256}`,
    ]);
    expect(await secondStore.has(blob.sha256)).toBe(false);
    const listed = [];
    for await (const each of secondStore.list()) listed.push(each);
    expect(listed).toEqual([]);
    const later = new Date(Date.now() + 2 * hour);
    expect(await sweepBlobs(secondStore, async () => false, 0, later)).toEqual({
      orphansRemoved: 0,
      partialsRemoved: 0,
    });
    expect(await firstStore.has(blob.sha256)).toBe(true);
  });

  it('is what the configuration opens when S3_BUCKET is set', async () => {
    const { hostname, port } = new URL(server.endpoint);
    const env = parseEnv({
      S3_BUCKET: server.bucket,
      S3_ENDPOINT: `http://${hostname}:${port}`,
      S3_FORCE_PATH_STYLE: 'on',
      S3_ACCESS_KEY_ID: server.credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: server.credentials.secretAccessKey,
      S3_PREFIX: `configured-${randomUUID()}`,
    });
    const store = openBlobStore(env);
    expect(store).toBeInstanceOf(S3BlobStore);
    const blob = await store.put(chunks('configured'), 100);
    expect(await contentsUnder(`${env.S3_PREFIX}/`)).toEqual([
      `blobs/${blob.sha256.slice(0, 2)}/${blob.sha256.slice(2, 4)}/${blob.sha256}`,
    ]);
  });

  it('after a crash in the middle of an upload, has no blob, and the sweeper aborts the upload once it is old enough', async () => {
    // A real process streams more than one part into the store and is killed before it ends.
    const prefix = `crashed-${randomUUID()}`;
    const directory = await mkdtemp(path.join(tmpdir(), 'compact-s3-crash-'));
    const script = path.join(directory, 'upload.mts');
    await writeFile(
      script,
      `import { S3BlobStore } from ${JSON.stringify(path.resolve('src/blobs/s3-store.ts'))};
const store = new S3BlobStore(JSON.parse(process.argv[2]));
async function* slow() {
  for (let megabyte = 0; megabyte < 6; megabyte++) yield new Uint8Array(1_000_000);
  await new Promise((resolve) => setTimeout(resolve, 60_000));
}
await store.put(slow(), 100_000_000);
`,
    );
    const options = { ...storeOptions(), prefix };
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(options)], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await expect.poll(() => contentsUnder(`${prefix}/`), { timeout: 20_000, interval: 50 }).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
      await exited;
      await rm(directory, { recursive: true, force: true });
    }
    expect(await contentsUnder(`${prefix}/`)).toEqual([expect.stringMatching(/^upload:tmp\//)]);

    const crashed = storeAt(prefix);
    const never = async () => false;
    expect(await sweepBlobs(crashed, never, hour)).toEqual({ orphansRemoved: 0, partialsRemoved: 0 });
    const later = new Date(Date.now() + 2 * hour);
    expect(await sweepBlobs(crashed, never, hour, later)).toEqual({ orphansRemoved: 0, partialsRemoved: 1 });
    expect(await contentsUnder(`${prefix}/`)).toEqual([]);
  });
});
