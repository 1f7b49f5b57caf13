import { cheapScryptHash } from '@closed-ftp/test-support/fixtures';

export { cheapScryptHash, loginEvent, ROLE, SERVER_ID, secretName } from '@closed-ftp/test-support/fixtures';

export const CHEAP_DUMMY_HASH = cheapScryptHash('not a password anyone uses');
