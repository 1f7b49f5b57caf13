import type { Readable } from 'node:stream';
import {
  AccessDeniedError,
  LogicalDirectoryError,
  StorageNotFoundError,
  UnsupportedOperationError,
  WrongEntryTypeError,
} from '../errors.js';
import type { S3Action } from '../identity/session-policy.js';
import type { UserAccess } from '../identity/user-access.js';
import type { Storage, StorageEntry } from '../storage/storage.js';

interface Location {
  bucket: string;
  key: string;
  /** True when the path is exactly a mapping's Entry: it exists even if storage holds nothing yet. */
  isMappingRoot: boolean;
}

const EPOCH = new Date(0);

/** What the user sees: their logical (or PATH) directories over the storage, with the session policy enforced. */
export class VirtualFilesystem {
  constructor(
    private readonly storage: Storage,
    private readonly access: UserAccess,
  ) {}

  #locate(path: string): Location | undefined {
    let best: { entry: string; target: string } | undefined;
    for (const mapping of this.access.mappings) {
      const matches = mapping.entry === '/' || path === mapping.entry || path.startsWith(`${mapping.entry}/`);
      if (matches && (!best || mapping.entry.length > best.entry.length)) best = mapping;
    }
    if (!best) return undefined;
    const rest = best.entry === '/' ? path : path.slice(best.entry.length);
    const [bucket, ...key] = `${best.target}/${rest}`.split('/').filter(Boolean);
    if (!bucket) return undefined;
    return { bucket, key: key.join('/'), isMappingRoot: path === best.entry };
  }

  /** Where `path` is stored, as `/bucket/key` (what Transfer's logs call the path); undefined outside the mappings. */
  storagePath(path: string): string | undefined {
    const location = this.#locate(path);
    return location && `/${location.bucket}${location.key === '' ? '' : `/${location.key}`}`;
  }

  /** Names of logical entries directly below `path` (e.g. `/pics` under `/`). */
  #virtualChildren(path: string): string[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    const names = new Set<string>();
    for (const { entry } of this.access.mappings) {
      if (entry !== path && entry.startsWith(prefix)) names.add(entry.slice(prefix.length).split('/')[0]!);
    }
    return [...names];
  }

  #check(action: S3Action, bucket: string, key: string): void {
    const policy = this.access.policy;
    if (policy && !policy.allows({ action, bucket, key })) {
      throw new AccessDeniedError(`Access denied: the session policy does not allow ${action} on ${bucket}/${key}`);
    }
  }

  #object(path: string, action: S3Action): Location {
    const location = this.#locate(path);
    if (!location || location.key === '') throw new StorageNotFoundError(`File not found: ${path}`);
    this.#check(action, location.bucket, location.key);
    return location;
  }

  /** An object the user may create, replace or move: never a logical entry, or a folder that holds one. */
  #changeable(path: string, action: S3Action): Location {
    const location = this.#object(path, action);
    if (location.isMappingRoot || this.#virtualChildren(path).length > 0) {
      throw new LogicalDirectoryError(`${path} is a logical directory: it cannot be replaced, removed or renamed`);
    }
    return location;
  }

  async list(path: string): Promise<StorageEntry[]> {
    const virtual = this.#virtualChildren(path).map((name): StorageEntry => {
      return { name, type: 'directory', size: 0, modified: EPOCH };
    });
    const location = this.#locate(path);
    let stored: StorageEntry[] = [];
    if (location) {
      this.#check('s3:ListBucket', location.bucket, location.key === '' ? '' : `${location.key}/`);
      try {
        stored = await this.storage.list(location.bucket, location.key);
      } catch (error) {
        const known = location.isMappingRoot || virtual.length > 0 || path === this.access.initialDirectory;
        if (!(error instanceof StorageNotFoundError) || !known) throw error;
      }
    } else if (virtual.length === 0 && path !== '/') {
      throw new StorageNotFoundError(`File not found: ${path}`);
    }
    // Transfer HEADs each folder object it lists: under a session policy that needs s3:GetObject on `name/`.
    for (const entry of stored) {
      if (location && entry.type === 'directory' && entry.folderObject) {
        const prefix = location.key === '' ? '' : `${location.key}/`;
        this.#check('s3:GetObject', location.bucket, `${prefix}${entry.name}/`);
      }
    }
    const shadowed = new Set(virtual.map((entry) => entry.name));
    return [...stored.filter((entry) => !shadowed.has(entry.name)), ...virtual];
  }

  /** The entry at `path`, for CWD, SIZE, MDTM, MLST; undefined if absent. */
  async stat(path: string): Promise<StorageEntry | undefined> {
    const name = path.split('/').pop() || '/';
    // The home folder exists even before anything is stored there (an empty S3 prefix has no object).
    if (path === '/' || path === this.access.initialDirectory || this.#virtualChildren(path).length > 0) {
      return { name, type: 'directory', size: 0, modified: EPOCH };
    }
    const location = this.#locate(path);
    if (!location) return undefined;
    if (location.key === '' && !location.isMappingRoot) {
      this.#check('s3:ListBucket', location.bucket, '');
      return this.storage.stat(location.bucket, ''); // a bucket that does not exist is not shown as empty
    }
    if (location.isMappingRoot) {
      this.#check('s3:ListBucket', location.bucket, location.key === '' ? '' : `${location.key}/`);
      return (
        (await this.storage.stat(location.bucket, location.key)) ?? {
          name,
          type: 'directory',
          size: 0,
          modified: EPOCH,
        }
      );
    }
    const entry = await this.storage.stat(location.bucket, location.key);
    if (entry) {
      if (entry.type === 'file') this.#check('s3:GetObject', location.bucket, location.key);
      else this.#check('s3:ListBucket', location.bucket, `${location.key}/`);
    }
    return entry;
  }

  async read(path: string): Promise<Readable> {
    const { bucket, key } = this.#object(path, 's3:GetObject');
    return this.storage.read(bucket, key);
  }

  /**
   * What STOR checks before it answers 150: the mapping, the policy, the bucket, and that the key is not a folder
   * nor below a file, so a refusal is a plain 550 rather than a reset data connection.
   */
  async checkWrite(path: string): Promise<void> {
    const { bucket, key } = this.#changeable(path, 's3:PutObject');
    if (!(await this.storage.stat(bucket, ''))) throw new StorageNotFoundError(`no such bucket: ${bucket}`);
    if ((await this.storage.stat(bucket, key))?.type === 'directory')
      throw new WrongEntryTypeError(`${path} is a folder`);
    const segments = key.split('/');
    for (let end = 1; end < segments.length; end++) {
      const ancestor = await this.storage.stat(bucket, segments.slice(0, end).join('/'));
      if (!ancestor) return; // nothing below a missing folder exists either
      if (ancestor.type === 'file') throw new WrongEntryTypeError(`${segments.slice(0, end).join('/')} is a file`);
    }
  }

  async write(path: string, body: Readable): Promise<number> {
    const { bucket, key } = this.#changeable(path, 's3:PutObject');
    return this.storage.write(bucket, key, body);
  }

  async delete(path: string): Promise<void> {
    const { bucket, key } = this.#object(path, 's3:DeleteObject');
    await this.storage.delete(bucket, key);
  }

  async makeDirectory(path: string): Promise<void> {
    const location = this.#locate(path);
    if (!location || location.key === '' || location.isMappingRoot || this.#virtualChildren(path).length > 0) {
      throw new LogicalDirectoryError(`cannot create ${path}: it is a logical directory`);
    }
    this.#check('s3:PutObject', location.bucket, `${location.key}/`);
    await this.storage.makeDirectory(location.bucket, location.key);
  }

  async removeDirectory(path: string): Promise<void> {
    const location = this.#locate(path);
    if (!location || location.key === '' || location.isMappingRoot || this.#virtualChildren(path).length > 0) {
      throw new LogicalDirectoryError(`cannot remove ${path}: it is a logical directory`);
    }
    this.#check('s3:DeleteObject', location.bucket, `${location.key}/`);
    await this.storage.removeDirectory(location.bucket, location.key);
  }

  /** Copy-then-delete of one object, as Transfer renames on S3: both ends checked against mappings and policy. */
  async rename(from: string, to: string): Promise<void> {
    const source = this.#changeable(from, 's3:GetObject');
    this.#check('s3:DeleteObject', source.bucket, source.key);
    const target = this.#changeable(to, 's3:PutObject');
    if (source.bucket !== target.bucket) {
      throw new UnsupportedOperationError('rename across buckets is not supported; download and upload instead');
    }
    await this.storage.rename(source.bucket, source.key, target.key);
  }

  async setModified(path: string, modified: Date): Promise<void> {
    const { bucket, key } = this.#object(path, 's3:PutObject');
    await this.storage.setModified(bucket, key, modified);
  }
}
