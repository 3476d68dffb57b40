import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  type MultipartUpload,
  paginateListObjectsV2,
  S3Client,
  type _Object as S3Object,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type BlobStore, isSha256, type StoredBlob, UploadMeter } from './store.ts';

export interface S3BlobStoreOptions {
  bucket: string;
  /** Put before every key, so that one bucket can serve several installations. */
  prefix?: string;
  region: string;
  /** A MinIO, Ceph or other S3-compatible server; unset for Amazon S3. */
  endpoint?: string;
  /** Addresses the bucket in the path rather than the host name, as most self-hosted servers need. */
  forcePathStyle?: boolean;
  /** Unset, the SDK's default chain finds them (environment, shared files, container or instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * The blob store on an S3-compatible bucket (ADR 0021), with the local store's semantics. An upload
 * streams to `tmp/<uuid>` in parts while it is hashed and counted, then is copied to
 * `blobs/ab/cd/<sha256>` in one step and its temporary key deleted: a key under `blobs/` is complete.
 * A crash leaves a `tmp/` object or an unfinished multipart upload, which `removePartials` clears.
 */
export class S3BlobStore implements BlobStore {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(options: S3BlobStoreOptions) {
    this.#bucket = options.bucket;
    this.#prefix = options.prefix ? `${options.prefix.replace(/\/+$/, '')}/` : '';
    this.#client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // Other S3-compatible servers (Ceph, older MinIO, R2, B2) refuse or mangle the extra checksums the
      // SDK adds for Amazon S3 by default; only send them where the operation requires one.
      ...(options.endpoint && {
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    });
  }

  /** Only a hex digest becomes a key, under the same two levels of fan-out as the local store. */
  #keyOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error('not a SHA-256 digest');
    return `${this.#prefix}blobs/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  async put(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredBlob> {
    const temporary = `${this.#prefix}tmp/${randomUUID()}`;
    const meter = new UploadMeter(maxBytes);
    // Parts of 5 MB, two in flight: an upload holds about 15 MB in memory whatever its size. A refusal
    // thrown by the meter ends the reading and aborts the multipart upload, so no part stays behind.
    await new Upload({
      client: this.#client,
      queueSize: 2,
      params: { Bucket: this.#bucket, Key: temporary, Body: Readable.from(meter.pass(source)) },
    }).done();
    try {
      const blob = meter.result();
      // Copying onto a blob that is already there also renews its LastModified, so the sweeper's grace
      // covers the row about to point to it.
      await this.#client.send(
        new CopyObjectCommand({
          Bucket: this.#bucket,
          CopySource: `${this.#bucket}/${temporary}`,
          Key: this.#keyOf(blob.sha256),
        }),
      );
      return blob;
    } finally {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: temporary }));
    }
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256(sha256)) return false;
    try {
      await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#keyOf(sha256) }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async open(sha256: string): Promise<Readable | null> {
    if (!isSha256(sha256)) return null;
    try {
      const { Body } = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: this.#keyOf(sha256) }),
      );
      // The SDK types the body for browsers too; on Node it is always a Readable.
      if (!(Body instanceof Readable)) throw new Error('S3 answered without a readable body');
      return Body;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    if (isSha256(sha256)) {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#keyOf(sha256) }));
    }
  }

  async *list(): AsyncGenerator<{ sha256: string; modifiedAt: Date }> {
    for await (const object of this.#objects(`${this.#prefix}blobs/`)) {
      const sha256 = object.Key?.slice(-64) ?? '';
      if (!isSha256(sha256) || object.Key !== this.#keyOf(sha256) || !object.LastModified) continue;
      yield { sha256, modifiedAt: object.LastModified };
    }
  }

  /** Removes `tmp/` objects and aborts multipart uploads a crash left, last written before `cutoff`. */
  async removePartials(cutoff: Date): Promise<number> {
    const temporary = `${this.#prefix}tmp/`;
    let removed = 0;
    for await (const object of this.#objects(temporary)) {
      if (!object.LastModified || object.LastModified.getTime() > cutoff.getTime()) continue;
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: object.Key }));
      removed++;
    }
    for await (const upload of this.#multipartUploads(temporary)) {
      if (!upload.Initiated || upload.Initiated.getTime() > cutoff.getTime()) continue;
      await this.#client.send(
        new AbortMultipartUploadCommand({ Bucket: this.#bucket, Key: upload.Key, UploadId: upload.UploadId }),
      );
      removed++;
    }
    return removed;
  }

  async *#objects(prefix: string): AsyncGenerator<S3Object> {
    for await (const page of paginateListObjectsV2(
      { client: this.#client },
      { Bucket: this.#bucket, Prefix: prefix },
    )) {
      yield* page.Contents ?? [];
    }
  }

  /** The SDK has no paginator for multipart uploads: this follows the markers itself. */
  async *#multipartUploads(prefix: string): AsyncGenerator<MultipartUpload> {
    let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
    for (;;) {
      const page = await this.#client.send(
        new ListMultipartUploadsCommand({ Bucket: this.#bucket, Prefix: prefix, ...markers }),
      );
      yield* page.Uploads ?? [];
      if (!page.IsTruncated) return;
      markers = { KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker };
    }
  }
}

/** S3 answers a missing key with NoSuchKey, or with a bare 404 (NotFound) to a HEAD request. */
function isMissing(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound');
}
