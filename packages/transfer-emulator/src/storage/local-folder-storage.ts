import { randomUUID } from 'node:crypto';
import {
  constants,
  lstat,
  mkdir,
  open,
  readdir,
  realpath,
  rename,
  rm,
  rmdir,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  AlreadyExistsError,
  FolderNotEmptyError,
  InvalidPathError,
  StorageBackendError,
  StorageNotFoundError,
  SymbolicLinkError,
  UnsupportedOperationError,
  WrongEntryTypeError,
} from '../errors.js';
import { LocalFileBody, writeLocalFile } from './local-file-io.js';
import type { Storage, StorageEntry } from './storage.js';

const SEGMENT = /^[^/\\\0]+$/;
/** Names the emulator keeps for itself in the local folder: never listed, never reachable by a client. */
const RESERVED_PREFIX = '.transfer-emulator-';
const PARTIAL_PREFIX = `${RESERVED_PREFIX}partial-`;
/**
 * Inside a folder the emulator created only because a key needed it: S3 has no such folder (only the key's prefix),
 * so it disappears with its last entry. A folder without it stands for an S3 `name/` marker (MKD, or made by hand).
 */
const IMPLICIT_MARKER = `${RESERVED_PREFIX}implicit-folder`;

interface Walk {
  /** The filesystem path of the whole key. */
  path: string;
  /** The bucket's folder. */
  bucketPath: string;
  /** What is at `path`, if anything. */
  info: Awaited<ReturnType<typeof lstat>> | undefined;
}

/**
 * Buckets as folders under `root`, with S3's semantics: `/bucket/key` is `<root>/bucket/key`, a key needs no
 * folders first, a folder made for a key alone goes with its last entry, and a name is a file or a folder, never
 * both (a key through a file is refused). Symlinks are never followed.
 */
export class LocalFolderStorage implements Storage {
  readonly #root: string;
  #realRoot: string | undefined;

  constructor(root: string) {
    this.#root = root;
  }

  /** Resolves a key segment by segment, refusing `..`, separators inside names, reserved names and any symlink. */
  async #walk(bucket: string, key: string): Promise<Walk> {
    const segments = [bucket, ...(key === '' ? [] : key.split('/'))];
    for (const segment of segments) {
      if (!SEGMENT.test(segment) || segment === '.' || segment === '..' || segment.startsWith(RESERVED_PREFIX)) {
        throw new InvalidPathError(`invalid path segment ${JSON.stringify(segment)}`);
      }
    }
    this.#realRoot ??= await realpath(this.#root);
    let path = this.#realRoot;
    let info: Walk['info'];
    for (const [index, segment] of segments.entries()) {
      path = join(path, segment);
      info = await lstat(path).catch(() => undefined);
      if (!info) {
        // Nothing below a missing folder exists either.
        path = join(path, ...segments.slice(index + 1));
        break;
      }
      if (info.isSymbolicLink()) throw new SymbolicLinkError('symbolic links are not followed');
      if (index < segments.length - 1 && !info.isDirectory()) {
        throw new WrongEntryTypeError(`${segments.slice(1, index + 1).join('/')} is a file, not a folder`);
      }
    }
    return { path, bucketPath: join(this.#realRoot, bucket), info };
  }

  async #requireBucket(walk: Walk, bucket: string): Promise<void> {
    if (!(await lstat(walk.bucketPath).catch(() => undefined))?.isDirectory()) {
      throw new StorageNotFoundError(`no such bucket: ${bucket}`);
    }
  }

  /** Creates the missing folders above `path`, each marked implicit: they exist for this key only. */
  async #makeParents(walk: Walk, path: string): Promise<void> {
    const missing: string[] = [];
    for (let folder = dirname(path); folder !== walk.bucketPath; folder = dirname(folder)) {
      if (await lstat(folder).catch(() => undefined)) break;
      missing.unshift(folder);
    }
    for (const folder of missing) {
      const made = await mkdir(folder).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'EEXIST') return false; // another session made it a moment ago
          throw new StorageBackendError(`cannot create a folder for the key (${error.code})`, { cause: error });
        },
      );
      if (made) await writeFile(join(folder, IMPLICIT_MARKER), '');
    }
  }

  /** Removes implicit folders left empty above `path`, as S3 forgets a prefix with its last key. */
  async #pruneParents(walk: Walk, path: string): Promise<void> {
    for (let folder = dirname(path); folder !== walk.bucketPath; folder = dirname(folder)) {
      const names = await readdir(folder).catch(() => undefined);
      if (names?.length !== 1 || names[0] !== IMPLICIT_MARKER) return;
      await rm(join(folder, IMPLICIT_MARKER), { force: true });
      // Another session may have stored something in it meanwhile: then it stays (and is explicit from now on).
      if (
        !(await rmdir(folder).then(
          () => true,
          () => false,
        ))
      ) {
        return;
      }
    }
  }

  #entry(name: string, info: NonNullable<Walk['info']>): StorageEntry | undefined {
    if (!(info.isFile() || info.isDirectory())) return undefined; // symlinks and devices are invisible
    return {
      name,
      type: info.isDirectory() ? 'directory' : 'file',
      size: info.isDirectory() ? 0 : Number(info.size),
      modified: info.mtime,
    };
  }

  async list(bucket: string, key: string): Promise<StorageEntry[]> {
    const { path, info } = await this.#walk(bucket, key);
    if (!info?.isDirectory()) throw new StorageNotFoundError(`no such folder: ${key}`);
    const names = await readdir(path).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT'
        ? new StorageNotFoundError(`no such folder: ${key}`, { cause: error })
        : new StorageBackendError(`cannot list ${key} (${error.code})`, { cause: error });
    });
    const entries: StorageEntry[] = [];
    for (const name of names.sort()) {
      if (name.startsWith(RESERVED_PREFIX)) continue;
      const child = await lstat(join(path, name)).catch(() => undefined);
      const entry = child && this.#entry(name, child);
      if (entry?.type === 'directory') {
        entry.folderObject = !(await readdir(join(path, name)).catch((): string[] => [])).includes(IMPLICIT_MARKER);
      }
      if (entry) entries.push(entry);
    }
    return entries;
  }

  async stat(bucket: string, key: string): Promise<StorageEntry | undefined> {
    const { info } = await this.#walk(bucket, key).catch((error) => {
      if (WrongEntryTypeError.isInstance(error)) return { info: undefined }; // a key through a file does not exist
      throw error;
    });
    return info && this.#entry(key.split('/').pop() || bucket, info);
  }

  async read(bucket: string, key: string): Promise<Readable> {
    const { path, info } = await this.#walk(bucket, key);
    if (!info?.isFile()) throw new StorageNotFoundError(`no such file: ${key}`);
    // O_NOFOLLOW: a symlink swapped in after the walk is refused, not followed.
    const file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT'
        ? new StorageNotFoundError(`no such file: ${key}`, { cause: error })
        : new StorageBackendError(`cannot read ${key} (${error.code})`, { cause: error });
    });
    return new LocalFileBody(file);
  }

  async write(bucket: string, key: string, body: Readable): Promise<number> {
    const walk = await this.#walk(bucket, key);
    await this.#requireBucket(walk, bucket);
    if (walk.info?.isDirectory()) throw new WrongEntryTypeError(`${key} is a folder`);
    await this.#makeParents(walk, walk.path);
    // Written aside and renamed on success: an interrupted upload never leaves a partial file.
    const partial = join(dirname(walk.path), `${PARTIAL_PREFIX}${randomUUID()}`);
    try {
      const bytes = await writeLocalFile(partial, body);
      await rename(partial, walk.path);
      return bytes;
    } catch (error) {
      await rm(partial, { force: true });
      await this.#pruneParents(walk, walk.path);
      throw error;
    }
  }

  async delete(bucket: string, key: string): Promise<void> {
    const walk = await this.#walk(bucket, key);
    if (!walk.info?.isFile()) throw new StorageNotFoundError(`no such file: ${key}`);
    await unlink(walk.path);
    await this.#pruneParents(walk, walk.path);
  }

  async makeDirectory(bucket: string, key: string): Promise<void> {
    const walk = await this.#walk(bucket, key);
    await this.#requireBucket(walk, bucket);
    if (walk.info) throw new AlreadyExistsError(`${key} already exists`);
    // Like S3's `a/b/c/` marker: the whole path or nothing (a file on the way was refused by the walk).
    await this.#makeParents(walk, walk.path);
    await mkdir(walk.path).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EEXIST'
        ? new AlreadyExistsError(`${key} already exists`, { cause: error })
        : new StorageBackendError(`cannot create ${key} (${error.code})`, { cause: error });
    });
  }

  async removeDirectory(bucket: string, key: string): Promise<void> {
    const walk = await this.#walk(bucket, key);
    if (!walk.info?.isDirectory()) throw new StorageNotFoundError(`no such folder: ${key}`);
    const names = await readdir(walk.path);
    if (names.some((name) => name !== IMPLICIT_MARKER)) throw new FolderNotEmptyError(`${key} is not empty`);
    await rm(join(walk.path, IMPLICIT_MARKER), { force: true });
    await rmdir(walk.path).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOTEMPTY'
        ? new FolderNotEmptyError(`${key} is not empty`, { cause: error })
        : new StorageBackendError(`cannot remove ${key} (${error.code})`, { cause: error });
    });
    await this.#pruneParents(walk, walk.path);
  }

  async rename(bucket: string, from: string, to: string): Promise<void> {
    const source = await this.#walk(bucket, from);
    if (!source.info) throw new StorageNotFoundError(`no such file: ${from}`);
    if (!source.info.isFile()) throw new UnsupportedOperationError('renaming a folder is not supported');
    const target = await this.#walk(bucket, to);
    if (target.info?.isDirectory()) throw new WrongEntryTypeError(`${to} is a folder`);
    if (source.path === target.path) return;
    await this.#makeParents(target, target.path);
    await rename(source.path, target.path).catch((error: NodeJS.ErrnoException) => {
      throw new StorageBackendError(`cannot rename ${from} (${error.code})`, { cause: error });
    });
    await this.#pruneParents(source, source.path);
  }

  async setModified(bucket: string, key: string, modified: Date): Promise<void> {
    const { path, info } = await this.#walk(bucket, key);
    if (!info) throw new StorageNotFoundError(`no such file: ${key}`);
    await utimes(path, modified, modified);
  }
}
