import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMetricFilter, countMatches, MetricFilterPatternError } from '../../src/metric-filter.js';

// AWS's documented Transfer Family entries (user guide, cw-example-logs), as CloudWatch stores them: one per line.
const CLOSE = JSON.stringify({
  path: '/test/log-me/config-file',
  'activity-type': 'CLOSE',
  'resource-arn': 'arn:aws:transfer:us-east-1:500655546075:server/s-3fe215d89f074ed2a',
  'bytes-in': '121',
  'session-id': '9ca9a0e1cec6ad9d',
});
const DISCONNECTED = JSON.stringify({
  'activity-type': 'DISCONNECTED',
  'resource-arn': 'arn:aws:transfer:us-east-1:500655546075:server/s-3fe215d89f074ed2a',
  'session-id': '9ca9a0e1cec6ad9d',
});
/** A new seed each run, in the test's name, so a failure found once can be replayed. */
const ROTATING_SEED = Date.now() % 2 ** 31;

const NESTED = {
  eventType: 'UpdateTrail',
  latency: 120,
  ok: true,
  gone: null,
  sourceIPAddress: '123.123.9.1',
  user: { id: 1, email: 'John.Doe@example.com' },
  users: [{ email: 'a@example.com' }, { email: 'b@example.com' }],
  coordinates: [
    [0, 1],
    [2, 3],
  ],
};

describe('compileMetricFilter', () => {
  it('matches the activity type of Transfer entries, in a line or a parsed record', () => {
    const filter = compileMetricFilter('{ $.activity-type = "CLOSE" }');
    expect(filter.matches(CLOSE)).toBe(true);
    expect(filter.matches(JSON.parse(CLOSE))).toBe(true);
    expect(filter.matches(DISCONNECTED)).toBe(false);
    expect(
      countMatches('{ $.activity-type = "CLOSE" || $.activity-type = "DISCONNECTED" }', [CLOSE, DISCONNECTED]),
    ).toBe(2);
    // Numbers compare JSON numbers only: AWS's example writes bytes-in as a string.
    expect(compileMetricFilter('{ $.bytes-in > 100 }').matches(CLOSE)).toBe(false);
    expect(compileMetricFilter('{ $.bytes-in = "121" }').matches(CLOSE)).toBe(true);
  });

  it.each([
    ['{ $.eventType = "UpdateTrail" }', true],
    ['{$.eventType="UpdateTrail"}', true],
    ['{ $.eventType != "UpdateTrail" }', false],
    ['{ $.eventType != "Other" }', true],
    ['{ $.missing != "Other" }', false],
    ['{ $.eventType = "Update*" }', true],
    ['{ $.eventType = "*Trail" }', true],
    ['{ $.eventType = "U*d*T*l" }', true],
    ['{ $.eventType = "*x*" }', false],
    ['{ $.sourceIPAddress = 123.123.* }', true],
    ['{ $.sourceIPAddress != 123.123.* }', false],
    ['{ $.latency > 100 }', true],
    ['{ $.latency >= 120 }', true],
    ['{ $.latency < 120 }', false],
    ['{ $.latency <= 1.2e2 }', true],
    ['{ $.latency = 120 }', true],
    ['{ $.latency != 120 }', false],
    ['{ $.latency = "120" }', false],
    ['{ $.user.id = 1 }', true],
    ['{ $.users[1].email = "b@example.com" }', true],
    ['{ $.users[2].email = "b@example.com" }', false],
    ['{ $.coordinates[1][0] = 2 }', true],
    ['{ $.ok IS TRUE }', true],
    ['{ $.ok IS FALSE }', false],
    ['{ $.gone IS NULL }', true],
    ['{ $.user IS NULL }', false],
    ['{ $.nothing NOT EXISTS }', true],
    ['{ $.gone NOT EXISTS }', false],
    ['{ ($.user.id = 1) && ($.users[0].email = "a@example.com") }', true],
    ['{ ($.user.id = 2 && $.latency > 1) || $.eventType = "UpdateTrail" }', true],
    // && binds tighter than ||, as in the user guide's example.
    ['{ $.user.email = "John.Doe@example.com" || $.coordinates[0][1] = 9 && $.latency = 9 }', true],
    ['{ ($.user.email = "John.Doe@example.com" || $.coordinates[0][1] = 9) && $.latency = 9 }', false],
  ])('%s on a nested record is %s', (pattern, expected) => {
    expect(compileMetricFilter(pattern).matches(NESTED)).toBe(expected);
    expect(compileMetricFilter(pattern).matches(JSON.stringify(NESTED))).toBe(expected);
  });

  it('never matches a JSON pattern against a line that is not a JSON object', () => {
    const filter = compileMetricFilter('{ $.activity-type NOT EXISTS }');
    expect(filter.matches('plain text AUTH_FAILURE')).toBe(false);
    expect(filter.matches('[1,2]')).toBe(false);
    expect(filter.matches('42')).toBe(false);
  });

  it.each([
    ['', 'anything', true],
    ['AUTH_FAILURE', '{"activity-type":"AUTH_FAILURE"}', true],
    ['ERROR Access', 'ERROR 403 Access denied', true],
    ['ERROR Access', 'ERROR 403 denied', false],
    ['"Access denied"', 'ERROR 403 Access denied', true],
    ['"Access  denied"', 'ERROR 403 Access denied', false],
    ['?ERROR ?WARN', 'WARN low disk', true],
    ['?ERROR ?WARN', 'INFO fine', false],
    ['ERROR -DEBUG', 'ERROR in DEBUG mode', false],
    ['ERROR -DEBUG', 'ERROR for real', true],
    ['error', 'ERROR', false], // case sensitive
  ])('term pattern %j on %j is %s', (pattern, line, expected) => {
    expect(compileMetricFilter(pattern).matches(line)).toBe(expected);
  });

  it.each([
    ['{ $.a = "x" ', /expected \}/],
    ['{ a = "x" }', /expected \$/],
    ['{ $ = "x" }', /expected a field after \$/],
    ['{ $.a ~ "x" }', /expected =, !=/],
    ['{ $.a = "x }', /unterminated string/],
    ['{ $.a > "x" }', /> compares numbers/],
    ['{ $.a = "x" } trailing', /text after the closing \}/],
    ['[ip, user]', /space-delimited patterns/],
    ['%ERR.R%', /regex patterns/],
    ['"open', /unterminated quote/],
    [`{ ${'('.repeat(70)}$.a = 1${')'.repeat(70)} }`, /nested deeper than 64/],
    ['x'.repeat(1025), /longer than CloudWatch's 1024 characters/],
  ])('refuses %j with a MetricFilterPatternError', (pattern, message) => {
    let caught: unknown;
    try {
      compileMetricFilter(pattern);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MetricFilterPatternError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toMatch(/^metric filter pattern: /);
  });

  const PIECES = [
    '{',
    '}',
    '(',
    ')',
    '$',
    '.',
    'a',
    '[0]',
    ' ',
    '=',
    '!=',
    '<',
    '>=',
    '&&',
    '||',
    '"',
    '*',
    '1',
    '-2e3',
  ];
  const PIECES_MORE = [...PIECES, 'IS NULL', 'NOT EXISTS', 'IS TRUE', '?', '-', '\\', '%', '[', 'activity-type'];

  it.each([
    ['fixed seed', 10],
    [`rotating seed ${ROTATING_SEED}`, ROTATING_SEED],
  ])('compiles or refuses any pattern quickly, and a compiled pattern never throws on any record (%s)', (_, seed) => {
    const pattern = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(fc.constantFrom(...PIECES_MORE), { maxLength: 60 }).map((parts) => parts.join('')),
    );
    const record = fc.oneof(
      fc.jsonValue(),
      fc.string().map((text) => ({ a: text })),
    );
    fc.assert(
      fc.property(pattern, fc.array(record, { maxLength: 5 }), (text, records) => {
        const started = performance.now();
        let filter: ReturnType<typeof compileMetricFilter> | undefined;
        try {
          filter = compileMetricFilter(text);
        } catch (error) {
          if (!(error instanceof MetricFilterPatternError)) throw error;
        }
        for (const value of records) {
          filter?.matches(JSON.stringify(value) ?? 'null');
          if (typeof value === 'object' && value !== null) filter?.matches(value);
        }
        expect(performance.now() - started).toBeLessThan(200);
      }),
      { numRuns: 2000, seed },
    );
  });

  it('matches long wildcard values in linear time', () => {
    const value = `${'a'.repeat(100_000)}b`;
    const started = performance.now();
    expect(compileMetricFilter(`{ $.v = "${'*a'.repeat(200)}*c" }`).matches({ v: value })).toBe(false);
    expect(compileMetricFilter(`{ $.v = "${'*a'.repeat(200)}*b" }`).matches({ v: value })).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
