/**
 * A small in-memory model of what the emulator promises about storage: S3's semantics (a bucket holds keys; a
 * folder is a `name/` marker or the prefix of some key; a key needs no folder first) plus Transfer's mapping rules
 * (a user reaches only their mappings, a LOGICAL entry can be neither removed nor renamed) and the emulator's one
 * addition, that a name is a file or a folder, never both. Written independently of src/: it must not share code.
 */

export interface ModelUser {
  name: string;
  password: string;
  /** Virtual entry -> `/bucket/prefix`; PATH users have one mapping `/` -> `/`. */
  mappings: Array<{ entry: string; target: string }>;
  initialDirectory: string;
  /** May the session policy do `action` on `key` (of bucket `bucket`)? Undefined = no policy. */
  allows?: (action: 'get' | 'put' | 'delete' | 'list', key: string) => boolean;
}

export type Reply =
  | { code: number }
  | { code: 226; content: string }
  | { code: 226; names: string[] }
  | { code: 213; size: number };

interface Location {
  bucket: string;
  key: string;
  isMappingRoot: boolean;
}

export class StorageModel {
  /** bucket -> key -> content (folder markers end with `/` and hold ''). */
  readonly buckets = new Map<string, Map<string, string>>();

  /** `initial`: bucket -> key -> content. */
  constructor(initial: Record<string, Record<string, string>>) {
    for (const [bucket, keys] of Object.entries(initial)) this.buckets.set(bucket, new Map(Object.entries(keys)));
  }

  /** Every key of every bucket, for comparing with what the backend holds at the end. */
  keys(): string[] {
    return [...this.buckets].flatMap(([bucket, keys]) => [...keys.keys()].map((key) => `${bucket}/${key}`)).sort();
  }

  #locate(user: ModelUser, path: string): Location | undefined {
    const mapping = user.mappings
      .filter(({ entry }) => entry === '/' || path === entry || path.startsWith(`${entry}/`))
      .sort((a, b) => b.entry.length - a.entry.length)[0];
    if (!mapping) return undefined;
    const rest = mapping.entry === '/' ? path : path.slice(mapping.entry.length);
    const [bucket, ...key] = `${mapping.target}/${rest}`.split('/').filter(Boolean);
    return bucket ? { bucket, key: key.join('/'), isMappingRoot: path === mapping.entry } : undefined;
  }

  #virtualChildren(user: ModelUser, path: string): string[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    return [
      ...new Set(
        user.mappings
          .filter(({ entry }) => entry !== path && entry.startsWith(prefix))
          .map(({ entry }) => entry.slice(prefix.length).split('/')[0]!),
      ),
    ];
  }

  #isLogical(user: ModelUser, path: string, at: Location): boolean {
    return at.isMappingRoot || this.#virtualChildren(user, path).length > 0;
  }

  #allowed(user: ModelUser, action: 'get' | 'put' | 'delete' | 'list', key: string): boolean {
    return user.allows?.(action, key) ?? true;
  }

  #isFile(bucket: string, key: string): boolean {
    return key !== '' && this.buckets.get(bucket)?.has(key) === true;
  }

  #isFolder(bucket: string, key: string): boolean {
    const keys = this.buckets.get(bucket);
    if (!keys) return false;
    if (key === '') return true;
    for (const stored of keys.keys()) if (stored.startsWith(`${key}/`)) return true;
    return false;
  }

  #fileOnTheWay(bucket: string, key: string): boolean {
    const segments = key.split('/');
    return segments.slice(0, -1).some((_, i) => this.#isFile(bucket, segments.slice(0, i + 1).join('/')));
  }

  /** What SIZE, RNFR and LIST see at `path`: a file, a folder, or nothing (denied counts as nothing). */
  #stat(user: ModelUser, path: string): 'file' | 'directory' | undefined {
    if (path === '/' || path === user.initialDirectory || this.#virtualChildren(user, path).length > 0) {
      return 'directory';
    }
    const at = this.#locate(user, path);
    if (!at) return undefined;
    if (at.key === '' && !at.isMappingRoot) {
      return this.buckets.has(at.bucket) && this.#allowed(user, 'list', '') ? 'directory' : undefined;
    }
    if (at.isMappingRoot) {
      return this.#allowed(user, 'list', at.key === '' ? '' : `${at.key}/`) ? 'directory' : undefined;
    }
    if (this.#isFile(at.bucket, at.key)) return this.#allowed(user, 'get', at.key) ? 'file' : undefined;
    if (this.#isFolder(at.bucket, at.key)) return this.#allowed(user, 'list', `${at.key}/`) ? 'directory' : undefined;
    return undefined;
  }

  store(user: ModelUser, path: string, content: string): Reply {
    const at = this.#locate(user, path);
    if (!at || at.key === '' || !this.#allowed(user, 'put', at.key) || this.#isLogical(user, path, at)) {
      return { code: 550 };
    }
    const keys = this.buckets.get(at.bucket);
    if (!keys || this.#isFolder(at.bucket, at.key) || this.#fileOnTheWay(at.bucket, at.key)) return { code: 550 };
    keys.set(at.key, content);
    return { code: 226 };
  }

  retrieve(user: ModelUser, path: string): Reply {
    const at = this.#locate(user, path);
    if (!at || at.key === '' || !this.#allowed(user, 'get', at.key) || !this.#isFile(at.bucket, at.key)) {
      return { code: 550 };
    }
    return { code: 226, content: this.buckets.get(at.bucket)!.get(at.key)! };
  }

  size(user: ModelUser, path: string): Reply {
    const at = this.#locate(user, path);
    if (this.#stat(user, path) !== 'file' || !at) return { code: 550 };
    return { code: 213, size: Buffer.byteLength(this.buckets.get(at.bucket)!.get(at.key)!) };
  }

  delete(user: ModelUser, path: string): Reply {
    const at = this.#locate(user, path);
    if (!at || at.key === '' || !this.#allowed(user, 'delete', at.key) || !this.#isFile(at.bucket, at.key)) {
      return { code: 550 };
    }
    this.buckets.get(at.bucket)!.delete(at.key);
    return { code: 250 };
  }

  makeDirectory(user: ModelUser, path: string): Reply {
    const at = this.#locate(user, path);
    if (!at || at.key === '' || this.#isLogical(user, path, at) || !this.#allowed(user, 'put', `${at.key}/`)) {
      return { code: 550 };
    }
    const keys = this.buckets.get(at.bucket);
    if (!keys || this.#isFile(at.bucket, at.key) || this.#isFolder(at.bucket, at.key)) return { code: 550 };
    if (this.#fileOnTheWay(at.bucket, at.key)) return { code: 550 };
    keys.set(`${at.key}/`, '');
    return { code: 257 };
  }

  removeDirectory(user: ModelUser, path: string): Reply {
    const at = this.#locate(user, path);
    if (!at || at.key === '' || this.#isLogical(user, path, at) || !this.#allowed(user, 'delete', `${at.key}/`)) {
      return { code: 550 };
    }
    const keys = this.buckets.get(at.bucket);
    if (!keys || !this.#isFolder(at.bucket, at.key)) return { code: 550 };
    const inside = [...keys.keys()].filter((key) => key.startsWith(`${at.key}/`));
    if (inside.some((key) => key !== `${at.key}/`)) return { code: 550 };
    keys.delete(`${at.key}/`);
    return { code: 250 };
  }

  /** RNFR then RNTO: the RNFR reply, and the RNTO reply when RNFR was accepted. */
  rename(user: ModelUser, from: string, to: string): [Reply, Reply | undefined] {
    if (!this.#stat(user, from)) return [{ code: 550 }, undefined];
    const source = this.#locate(user, from)!;
    const target = this.#locate(user, to);
    const refused: [Reply, Reply] = [{ code: 350 }, { code: 550 }];
    if (source.key === '' || !this.#allowed(user, 'get', source.key) || this.#isLogical(user, from, source)) {
      return refused;
    }
    if (!this.#allowed(user, 'delete', source.key)) return refused;
    if (!target || target.key === '' || !this.#allowed(user, 'put', target.key)) return refused;
    if (this.#isLogical(user, to, target) || source.bucket !== target.bucket) return refused;
    if (!this.#isFile(source.bucket, source.key)) return refused; // folders are not renamed
    if (this.#isFolder(target.bucket, target.key) || this.#fileOnTheWay(target.bucket, target.key)) return refused;
    const keys = this.buckets.get(source.bucket)!;
    const content = keys.get(source.key)!;
    keys.delete(source.key);
    keys.set(target.key, content);
    return [{ code: 350 }, { code: 250 }];
  }

  /** MLSD of `path`: the names in it (folders with a trailing `/`). */
  list(user: ModelUser, path: string): Reply {
    const type = this.#stat(user, path);
    if (type === undefined) return { code: 550 };
    if (type === 'file') return { code: 501 }; // MLSD needs a folder
    const virtual = this.#virtualChildren(user, path);
    const at = this.#locate(user, path);
    const names = new Set<string>();
    if (at) {
      if (!this.#allowed(user, 'list', at.key === '' ? '' : `${at.key}/`)) return { code: 550 };
      const prefix = at.key === '' ? '' : `${at.key}/`;
      for (const key of this.buckets.get(at.bucket)?.keys() ?? []) {
        if (!key.startsWith(prefix) || key === prefix) continue;
        const [name, ...rest] = key.slice(prefix.length).split('/');
        if (!virtual.includes(name!)) names.add(rest.length > 0 ? `${name}/` : name!);
      }
    }
    for (const name of virtual) names.add(`${name}/`);
    return { code: 226, names: [...names].sort() };
  }
}
