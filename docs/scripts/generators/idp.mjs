// The secret format and the IdP's environment variables: which keys and variables exist, and the defaults, are
// read from idp-core and idp-lambda themselves (by watching what they read); their meaning is in data/idp.mjs.
import { DEFAULT_SECRET_NAME_TEMPLATE, parseUserRecord } from '@closed-ftp/idp-core';
import { readHandlerConfig } from '@closed-ftp/idp-lambda';
import { HANDLER_VARIABLES, POWERTOOLS_VARIABLES, SECRET_KEYS } from '../data/idp.mjs';
import { cell, generatedNotice, plainText } from './workspace.mjs';

/** The property names `read` looks up on an object, in order. */
function namesRead(read) {
  const names = [];
  const watched = (target) =>
    new Proxy(target, {
      get(object, key) {
        if (typeof key === 'string' && !names.includes(key)) names.push(key);
        return object[key];
      },
    });
  try {
    read(watched);
  } catch {
    // A parse that stops early has still shown what it reads first; the keys it never reached are reported below.
  }
  return names;
}

function compare(found, documented, where) {
  const missing = found.filter((name) => !(name in documented));
  const stale = Object.keys(documented).filter((name) => !found.includes(name));
  if (missing.length > 0)
    throw new Error(`${where} lacks ${missing.join(', ')}: describe them in docs/scripts/data/idp.mjs`);
  if (stale.length > 0)
    throw new Error(`docs/scripts/data/idp.mjs describes ${stale.join(', ')}, which ${where} no longer reads`);
}

function secretKeys() {
  const read = namesRead((watch) =>
    parseUserRecord(watch({ Role: 'arn:aws:iam::111122223333:role/docs', Password: 'docs' }), 'FTP'),
  );
  // The IdP looks up `FTP<Key>` before `<Key>` for an FTP login: the prefixed form is a rule, not a key.
  const keys = read.filter((key) => !(key.startsWith('FTP') && read.includes(key.slice(3))));
  compare(keys, SECRET_KEYS, 'the secret format');
  return keys;
}

function handlerVariables() {
  const variables = namesRead((watch) => readHandlerConfig(watch({})));
  compare(variables, HANDLER_VARIABLES, 'the handler configuration');
  return { variables, defaults: readHandlerConfig({}) };
}

function shown(value) {
  if (value === undefined) return '(unset)';
  if (Array.isArray(value)) return value.length === 0 ? '(any)' : `\`${value.join(',')}\``;
  return `\`${value}\``;
}

export async function generateIdp() {
  const keys = secretKeys();
  const keyRows = keys.map(
    (key) => `| \`${key}\` | ${SECRET_KEYS[key].source} | ${cell(plainText(SECRET_KEYS[key].meaning))} |`,
  );
  const { variables, defaults } = handlerVariables();
  const variableRows = [
    ...variables.map((name) => {
      const { field, meaning } = HANDLER_VARIABLES[name];
      return `| \`${name}\` | ${cell(shown(defaults[field]))} | ${cell(plainText(meaning))} |`;
    }),
    ...Object.entries(POWERTOOLS_VARIABLES).map(
      ([name, { fallback, meaning }]) =>
        `| \`${name}\` | \`${fallback}\` | ${cell(plainText(meaning))} (read by Powertools) |`,
    ),
  ];
  return new Map([
    [
      'reference/secret-format.md',
      `${generatedNotice('the keys @closed-ftp/idp-core reads')}
# Secret format

One secret per user, named \`${DEFAULT_SECRET_NAME_TEMPLATE}\` by default (\`SECRET_NAME_TEMPLATE\` changes it; it
must contain \`{username}\`). The value is a JSON object, stored as text as the console does. Secrets written for
AWS's official Secrets Manager template work unchanged: its keys are marked \`official\` below. The order is the
order the IdP reads them in.

| key | source | value |
| --- | --- | --- |
${keyRows.join('\n')}

**Protocol-prefixed keys.** Any key may be written with the protocol in front (\`FTPPassword\`, \`SFTPPasswordHash\`,
\`FTPSRole\`, ...); for a login over that protocol it wins over the plain key, as in AWS's templates. For the
credential the order is \`<protocol>PasswordHash\`, \`<protocol>Password\`, \`PasswordHash\`, \`Password\`: AWS advises
separate FTP credentials, because FTP sends them in clear text.

Empty strings count as absent, as in the official template. A secret the IdP cannot use denies the login with
reason \`invalid-secret\`, and the log names the key and the fix, never the value.

Example (what \`closed-ftp-user put\` writes, see [users and passwords](../guides/users-and-passwords)):

\`\`\`json
{
  "Role": "arn:aws:iam::111122223333:role/ftp-alice",
  "PasswordHash": "$scrypt$ln=15,r=8,p=1$<salt>$<hash>",
  "HomeDirectoryDetails": "[{\\"Entry\\":\\"/\\",\\"Target\\":\\"/my-bucket/home/alice\\"}]",
  "AllowedSourceCidrs": "10.20.0.0/16",
  "AllowedProtocols": "FTP,FTPS"
}
\`\`\`
`,
    ],
    [
      'reference/idp-environment.md',
      `${generatedNotice('the variables @closed-ftp/idp-lambda reads and their defaults')}
# IdP environment variables

The Lambda handler of [idp-lambda](../packages/idp-lambda) is configured only by these variables. Defaults are the
handler's own, read from it when this page was built.

| variable | default | meaning |
| --- | --- | --- |
${variableRows.join('\n')}

The configuration is read on the first invocation. A bad value (for example \`CACHE_TTL_SECONDS=soon\`) makes every
login return \`{}\` and logs \`identity provider misconfigured; denying every login\` with the variable to fix.
`,
    ],
  ]);
}
