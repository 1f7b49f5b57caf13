import type { Readable } from 'node:stream';

/** One entry of a folder listing or a `stat`. */
export interface StorageEntry {
  name: string;
  type: 'file' | 'directory';
  size: number;
  modified: Date;
  /**
   * A folder that is an object of its own (an S3 `name/` marker, as MKD makes; a folder made by hand in the local
   * folder), not only the prefix of other keys. Transfer sends a HeadObject for each such folder it lists.
   */
  folderObject?: boolean;
}

/**
 * The "bucket" space behind the emulator, addressed like S3: a bucket name and a key of `/`-separated segments
 * (`''` is the bucket's top). Keys reaching a Storage are already normalised and checked by the session. Semantics
 * are S3's: a key needs no folders, `makeDirectory` creates a `key/` folder object whole, a folder without one exists
 * while keys are below it; a name is a file or a folder, never both; writes never create a bucket.
 */
export interface Storage {
  /** The entries directly under folder `key`; throws StorageNotFoundError if it does not exist. */
  list(bucket: string, key: string): Promise<StorageEntry[]>;
  /** The object or folder at `key`, or undefined. */
  stat(bucket: string, key: string): Promise<StorageEntry | undefined>;
  read(bucket: string, key: string): Promise<Readable>;
  /** Streams `body` into `key`; returns the byte count. Never leaves a partial object on failure. */
  write(bucket: string, key: string, body: Readable): Promise<number>;
  delete(bucket: string, key: string): Promise<void>;
  makeDirectory(bucket: string, key: string): Promise<void>;
  /** Removes an empty folder. */
  removeDirectory(bucket: string, key: string): Promise<void>;
  /** Copy-then-delete of one object (folders are refused); the target needs no folders. */
  rename(bucket: string, from: string, to: string): Promise<void>;
  setModified(bucket: string, key: string, modified: Date): Promise<void>;
}
