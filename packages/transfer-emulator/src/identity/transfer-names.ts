// Copies of idp-core's patterns (the emulator imports nothing of ours at runtime); tests/unit/idp-core-drift.test.ts
// fails the day they differ.

/** Transfer Family user names: 3 to 100 characters, a word character first. */
export const USER_NAME_PATTERN: RegExp = /^[\w][\w@.-]{2,99}$/;

/** Transfer Family server ids: `s-` and 17 lowercase hex digits. */
export const SERVER_ID_PATTERN: RegExp = /^s-[0-9a-f]{17}$/;
