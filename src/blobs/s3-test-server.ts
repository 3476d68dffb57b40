import { mkdtemp, readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/**
 * For tests: a real S3-compatible server in this process (s3rver, keeping its buckets in a temporary
 * directory) on a free port. s3rver implements multipart uploads but not listing or aborting them, which
 * the blob store's sweeper needs; this server answers those two requests itself from s3rver's own record
 * of the uploads on disk, and hands every other request to s3rver.
 */
export interface S3TestServer {
  endpoint: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Makes an object look last written at `when` (S3 itself has no way to set it). */
  setLastModified(key: string, when: Date): Promise<void>;
  close(): Promise<void>;
}

const bucket = 'compact-test';

export async function startS3TestServer(): Promise<S3TestServer> {
  const directory = await mkdtemp(path.join(tmpdir(), 'compact-s3-'));
  const s3rver = new S3rver({ directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  await s3rver.configureBuckets();
  // Where s3rver keeps a bucket's multipart uploads: a folder per upload holding a file with its key.
  const uploads = path.join(directory, bucket, '._S3rver_uploads');
  const handleS3 = s3rver.callback();
  const server = createServer((request, response) => {
    multipartListing(request, response, uploads).then(
      (handled) => handled || handleS3(request, response),
      (error: unknown) => response.destroy(error as Error),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    async setLastModified(key, when) {
      const segments = key.split('/');
      const name = `${segments.pop()}._S3rver_object`;
      await utimes(path.join(directory, bucket, ...segments, name), when, when);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Answers ListMultipartUploads and AbortMultipartUpload (path-style); false for any other request. */
async function multipartListing(
  request: IncomingMessage,
  response: ServerResponse,
  uploads: string,
): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://s3');
  const [, requestBucket, ...key] = url.pathname.split('/');
  if (requestBucket !== bucket) return false;
  if (request.method === 'GET' && url.searchParams.has('uploads') && key.join('') === '') {
    const prefix = url.searchParams.get('prefix') ?? '';
    const listed: string[] = [];
    for (const uploadId of await readdir(uploads).catch(() => [])) {
      const keyFile = path.join(uploads, uploadId, 'key');
      const uploadKey = await readFile(keyFile, 'utf8');
      if (!uploadKey.startsWith(prefix)) continue;
      const initiated = (await stat(keyFile)).mtime.toISOString();
      listed.push(
        `<Upload><Key>${uploadKey}</Key><UploadId>${uploadId}</UploadId><Initiated>${initiated}</Initiated></Upload>`,
      );
    }
    response.writeHead(200, { 'content-type': 'application/xml' });
    response.end(
      `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult><Bucket>${bucket}</Bucket>` +
        `<Prefix>${prefix}</Prefix><IsTruncated>false</IsTruncated>${listed.join('')}</ListMultipartUploadsResult>`,
    );
    return true;
  }
  const uploadId = url.searchParams.get('uploadId');
  if (request.method === 'DELETE' && uploadId) {
    const folder = path.join(uploads, path.basename(uploadId));
    const known = await stat(folder).then(
      () => true,
      () => false,
    );
    await rm(folder, { recursive: true, force: true });
    response.writeHead(known ? 204 : 404, { 'content-type': 'application/xml' });
    response.end(known ? undefined : '<Error><Code>NoSuchUpload</Code></Error>');
    return true;
  }
  return false;
}
