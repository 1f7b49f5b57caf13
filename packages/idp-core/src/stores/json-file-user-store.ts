import { readFile } from 'node:fs/promises';
import { UserStoreFileError } from '../errors.js';
import type { UserLookup, UserStore } from './user-store.js';

/**
 * Secrets in a local JSON file `{ "<secret name>": { ...secret JSON... } }`, read on every lookup so edits show at
 * once. For local use (demo, emulator, tests) only: the file holds credentials in clear.
 */
export class JsonFileUserStore implements UserStore {
  constructor(readonly path: string) {}

  async find(secretName: string): Promise<UserLookup> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      throw new UserStoreFileError(this.path, `cannot read user store file ${this.path}`, { cause: error });
    }
    let secrets: unknown;
    try {
      secrets = JSON.parse(text);
    } catch {
      // No `cause`: V8's JSON errors quote the text, which holds credentials.
      throw new UserStoreFileError(this.path, `user store file ${this.path} is not valid JSON`);
    }
    if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) {
      throw new UserStoreFileError(
        this.path,
        `user store file ${this.path} must hold a JSON object keyed by secret name`,
      );
    }
    return Object.hasOwn(secrets, secretName)
      ? { found: true, secret: (secrets as Record<string, unknown>)[secretName], cached: false }
      : { found: false, cached: false };
  }
}
