import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { byteCounter } from '../data/byte-counter.js';
import {
  AlreadyExistsError,
  FolderNotEmptyError,
  StorageBackendError,
  StorageNotFoundError,
  UnsupportedOperationError,
  WrongEntryTypeError,
} from '../errors.js';
import type { Storage, StorageEntry } from './storage.js';

export interface S3StorageOptions {
  /** An S3-compatible endpoint, e.g. `http://127.0.0.1:4568`. @default AWS S3 of `region` */
  endpoint?: string;
  /** @default 'us-east-1' */
  region?: string;
  /** @default the SDK's default credential chain */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Path-style URLs (`endpoint/bucket/key`), needed by most local S3 servers. @default true when endpoint is set */
  forcePathStyle?: boolean;
  /** Use this client instead of building one from the options above. */
  client?: S3Client;
}

const PART_SIZE = 8 * 1024 * 1024;

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e?.name === 'NotFound' ||
    e?.name === 'NoSuchKey' ||
    e?.name === 'NoSuchBucket' ||
    e?.$metadata?.httpStatusCode === 404
  );
}

function failure(error: unknown, what: string): Error {
  if (isNotFound(error)) return new StorageNotFoundError(`not found: ${what}`, { cause: error });
  return new StorageBackendError(`S3 ${(error as Error)?.name ?? 'error'} on ${what}`, { cause: error });
}

/** Buckets in S3 or an S3-compatible server. Folders are key prefixes; `mkdir` writes a `name/` marker like the S3 console. */
export class S3Storage implements Storage {
  readonly #client: S3Client;

  constructor(options: S3StorageOptions = {}) {
    this.#client =
      options.client ??
      new S3Client({
        region: options.region ?? 'us-east-1',
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
      });
  }

  /** A name is a file or a folder, never both, as in the local folder: a key through an object is refused. */
  async #requireNoFileOnTheWay(bucket: string, key: string): Promise<void> {
    const segments = key.split('/');
    for (let end = 1; end < segments.length; end++) {
      const ancestor = segments.slice(0, end).join('/');
      const found = await this.#client.send(new HeadObjectCommand({ Bucket: bucket, Key: ancestor })).then(
        () => true,
        (error) => {
          if (isNotFound(error)) return false;
          throw failure(error, `${bucket}/${ancestor}`);
        },
      );
      if (found) throw new WrongEntryTypeError(`${ancestor} is a file, not a folder`);
    }
  }

  async list(bucket: string, key: string): Promise<StorageEntry[]> {
    const prefix = key === '' ? '' : `${key}/`;
    const entries: StorageEntry[] = [];
    let found = key === '';
    let token: string | undefined;
    do {
      const page = await this.#client
        .send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }))
        .catch((error) => {
          throw failure(error, `${bucket}/${prefix}`);
        });
      for (const common of page.CommonPrefixes ?? []) {
        found = true;
        const name = common.Prefix!.slice(prefix.length, -1);
        if (!name) continue;
        // As Transfer does: a HeadObject per folder tells a `name/` object from a bare prefix.
        const folderObject = await this.#client
          .send(new HeadObjectCommand({ Bucket: bucket, Key: common.Prefix! }))
          .then(
            () => true,
            (error) => {
              if (isNotFound(error)) return false;
              throw failure(error, `${bucket}/${common.Prefix}`);
            },
          );
        entries.push({ name, type: 'directory', size: 0, modified: new Date(0), folderObject });
      }
      for (const object of page.Contents ?? []) {
        found = true;
        if (object.Key === prefix) continue; // the folder's own marker
        entries.push({
          name: object.Key!.slice(prefix.length),
          type: 'file',
          size: object.Size ?? 0,
          modified: object.LastModified ?? new Date(0),
        });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    if (!found) throw new StorageNotFoundError(`no such folder: ${bucket}/${key}`);
    return entries.sort((a, b) => a.name.localeCompare(b.name));
  }

  async stat(bucket: string, key: string): Promise<StorageEntry | undefined> {
    const name = key.split('/').pop() || bucket;
    if (key === '') {
      try {
        await this.#client.send(new HeadBucketCommand({ Bucket: bucket }));
        return { name, type: 'directory', size: 0, modified: new Date(0) };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw failure(error, bucket);
      }
    }
    try {
      const head = await this.#client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { name, type: 'file', size: head.ContentLength ?? 0, modified: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (!isNotFound(error)) throw failure(error, `${bucket}/${key}`);
    }
    const page = await this.#client
      .send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${key}/`, Delimiter: '/' }))
      .catch((error) => {
        throw failure(error, `${bucket}/${key}/`);
      });
    return (page.Contents?.length ?? 0) + (page.CommonPrefixes?.length ?? 0) > 0
      ? { name, type: 'directory', size: 0, modified: new Date(0) }
      : undefined;
  }

  async read(bucket: string, key: string): Promise<Readable> {
    try {
      const object = await this.#client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return object.Body as Readable;
    } catch (error) {
      throw failure(error, `${bucket}/${key}`);
    }
  }

  async write(bucket: string, key: string, body: Readable): Promise<number> {
    if ((await this.stat(bucket, key))?.type === 'directory') throw new WrongEntryTypeError(`${key} is a folder`);
    await this.#requireNoFileOnTheWay(bucket, key);
    let bytes = 0;
    const counted = byteCounter((count) => {
      bytes += count;
    });
    body.on('error', (error) => counted.destroy(error));
    body.pipe(counted);
    // Multipart in bounded parts: memory stays flat; an aborted upload is aborted in S3 too (no object left).
    const upload = new Upload({
      client: this.#client,
      params: { Bucket: bucket, Key: key, Body: Readable.from(counted) },
      partSize: PART_SIZE,
      queueSize: 2,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      throw failure(error, `${bucket}/${key}`);
    }
    return bytes;
  }

  async delete(bucket: string, key: string): Promise<void> {
    if ((await this.stat(bucket, key))?.type !== 'file') throw new StorageNotFoundError(`no such file: ${key}`);
    await this.#client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch((error) => {
      throw failure(error, `${bucket}/${key}`);
    });
  }

  async makeDirectory(bucket: string, key: string): Promise<void> {
    if (await this.stat(bucket, key)) throw new AlreadyExistsError(`${key} already exists`);
    await this.#requireNoFileOnTheWay(bucket, key);
    await this.#client
      .send(new PutObjectCommand({ Bucket: bucket, Key: `${key}/`, Body: new Uint8Array(0), ContentLength: 0 }))
      .catch((error) => {
        throw failure(error, `${bucket}/${key}/`);
      });
  }

  async removeDirectory(bucket: string, key: string): Promise<void> {
    if ((await this.stat(bucket, key))?.type !== 'directory') throw new StorageNotFoundError(`no such folder: ${key}`);
    if ((await this.list(bucket, key)).length > 0) throw new FolderNotEmptyError(`${key} is not empty`);
    await this.#client.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${key}/` })).catch((error) => {
      throw failure(error, `${bucket}/${key}/`);
    });
  }

  async rename(bucket: string, from: string, to: string): Promise<void> {
    const entry = await this.stat(bucket, from);
    if (!entry) throw new StorageNotFoundError(`no such file: ${from}`);
    if (entry.type !== 'file') throw new UnsupportedOperationError('renaming a folder is not supported');
    if ((await this.stat(bucket, to))?.type === 'directory') throw new WrongEntryTypeError(`${to} is a folder`);
    await this.#requireNoFileOnTheWay(bucket, to);
    if (from === to) return;
    const source = `${bucket}/${from.split('/').map(encodeURIComponent).join('/')}`;
    await this.#client.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: source })).catch((error) => {
      throw failure(error, `${bucket}/${to}`);
    });
    await this.#client.send(new DeleteObjectCommand({ Bucket: bucket, Key: from })).catch((error) => {
      throw failure(error, `${bucket}/${from}`);
    });
  }

  async setModified(): Promise<void> {
    throw new UnsupportedOperationError('MFMT is not supported on S3 storage: S3 sets LastModified itself');
  }
}
