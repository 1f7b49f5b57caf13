import type { Readable } from 'node:stream';
import type { Storage, StorageEntry } from './storage.js';

const never = <T>(): Promise<T> => new Promise<T>(() => {});

/**
 * The `storage-unreachable` fault, as a substitute storage: S3 (or EFS) that never answers, as behind a missing
 * VPC endpoint. Every file command waits for ever, so a listing or a transfer gets no reply at all, not even 150,
 * while login, PWD and PASV (which need no storage) work.
 */
export class UnreachableStorage implements Storage {
  list(): Promise<StorageEntry[]> {
    return never();
  }
  stat(): Promise<StorageEntry | undefined> {
    return never();
  }
  read(): Promise<Readable> {
    return never();
  }
  write(): Promise<number> {
    return never();
  }
  delete(): Promise<void> {
    return never();
  }
  makeDirectory(): Promise<void> {
    return never();
  }
  removeDirectory(): Promise<void> {
    return never();
  }
  rename(): Promise<void> {
    return never();
  }
  setModified(): Promise<void> {
    return never();
  }
}
