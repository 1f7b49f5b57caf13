export { cheapScryptHash, loginEvent, ROLE, SERVER_ID, secretName } from '@closed-ftp/test-support/fixtures';
