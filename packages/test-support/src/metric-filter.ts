/**
 * CloudWatch Logs filter patterns (metric filters, subscription filters), evaluated locally so tests can rehearse
 * alarms against log records: JSON patterns (`{ $.activity-type = "AUTH_FAILURE" }`) and term patterns (`ERROR`,
 * `"exact phrase"`, `?ERROR ?WARN`, `-DEBUG`). Syntax as the CloudWatch Logs user guide documents it
 * (FilterAndPatternSyntax); space-delimited (`[...]`) and regex (`%...%`) patterns are refused, not guessed.
 */

/** A filter pattern this matcher cannot read: the message says where and what to write instead. */
export class MetricFilterPatternError extends Error {
  constructor(
    readonly pattern: string,
    message: string,
  ) {
    super(`metric filter pattern: ${message}`);
    this.name = 'MetricFilterPatternError';
  }
}

/** A compiled pattern: `matches` takes a log line (JSON text or not) or an already parsed record. */
export interface MetricFilter {
  readonly pattern: string;
  matches(event: string | object): boolean;
}

/** CloudWatch Logs accepts filter patterns of at most 1024 characters. */
export const MAX_PATTERN_LENGTH = 1024;

/** Compiles `pattern` once; throws `MetricFilterPatternError` for anything it cannot read. */
export function compileMetricFilter(pattern: string): MetricFilter {
  if (typeof pattern !== 'string') throw new MetricFilterPatternError(String(pattern), 'expected a string');
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new MetricFilterPatternError(pattern, `longer than CloudWatch's ${MAX_PATTERN_LENGTH} characters`);
  }
  const text = pattern.trim();
  if (text.startsWith('{')) {
    const test = new JsonPatternParser(pattern, text).parse();
    return {
      pattern,
      matches: (event) => {
        const value = typeof event === 'string' ? parseJsonLine(event) : Array.isArray(event) ? undefined : event;
        return value !== undefined && test(value);
      },
    };
  }
  if (text.startsWith('[')) {
    throw new MetricFilterPatternError(
      pattern,
      'space-delimited patterns ([...]) are not supported; use a JSON pattern',
    );
  }
  if (text.startsWith('%')) {
    throw new MetricFilterPatternError(
      pattern,
      'regex patterns (%...%) are not supported; use terms or a JSON pattern',
    );
  }
  const test = parseTerms(pattern, text);
  return {
    pattern,
    matches: (event) => test(typeof event === 'string' ? event : JSON.stringify(event)),
  };
}

/** How many of `events` the pattern matches: what the metric filter would add to its metric (value 1 each). */
export function countMatches(pattern: string, events: Iterable<string | object>): number {
  const filter = compileMetricFilter(pattern);
  let count = 0;
  for (const event of events) if (filter.matches(event)) count++;
  return count;
}

function parseJsonLine(line: string): unknown {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined; // a JSON pattern never matches a line that is not a JSON object, as in CloudWatch
  }
}

// ---- term patterns ----

function parseTerms(pattern: string, text: string): (line: string) => boolean {
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  const token = /\s*([?-]?)(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))/y;
  let index = 0;
  while (index < text.length) {
    token.lastIndex = index;
    const match = token.exec(text);
    if (!match) {
      if (/^\s*$/.test(text.slice(index))) break;
      throw new MetricFilterPatternError(pattern, `unterminated quote at ${index}: close it with "`);
    }
    index = token.lastIndex;
    const term = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!;
    const list = match[1] === '?' ? any : match[1] === '-' ? none : all;
    list.push(term);
  }
  return (line) =>
    all.every((term) => line.includes(term)) &&
    !none.some((term) => line.includes(term)) &&
    (any.length === 0 || any.some((term) => line.includes(term)));
}

// ---- JSON patterns ----

type Test = (record: unknown) => boolean;
type Step = string | number;

const OPERATORS = ['<=', '>=', '!=', '=', '<', '>'] as const;
type Operator = (typeof OPERATORS)[number];

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

class JsonPatternParser {
  #at = 0;
  readonly #text: string;

  constructor(
    private readonly pattern: string,
    text: string,
  ) {
    this.#text = text;
  }

  parse(): Test {
    this.#expect('{');
    const test = this.#or(0);
    this.#expect('}');
    this.#space();
    if (this.#at < this.#text.length) this.#fail('text after the closing }');
    return test;
  }

  #fail(what: string): never {
    throw new MetricFilterPatternError(this.pattern, `${what} at character ${this.#at + 1}`);
  }

  #space(): void {
    while (this.#at < this.#text.length && /\s/.test(this.#text[this.#at]!)) this.#at++;
  }

  #peek(literal: string): boolean {
    this.#space();
    return this.#text.startsWith(literal, this.#at);
  }

  #expect(literal: string): void {
    if (!this.#peek(literal)) this.#fail(`expected ${literal}`);
    this.#at += literal.length;
  }

  #or(depth: number): Test {
    const tests = [this.#and(depth)];
    while (this.#peek('||')) {
      this.#at += 2;
      tests.push(this.#and(depth));
    }
    return tests.length === 1 ? tests[0]! : (record) => tests.some((test) => test(record));
  }

  #and(depth: number): Test {
    const tests = [this.#unary(depth)];
    while (this.#peek('&&')) {
      this.#at += 2;
      tests.push(this.#unary(depth));
    }
    return tests.length === 1 ? tests[0]! : (record) => tests.every((test) => test(record));
  }

  #unary(depth: number): Test {
    // Bounded nesting: a hostile pattern cannot exhaust the stack.
    if (depth > 64) this.#fail('parentheses nested deeper than 64');
    if (this.#peek('(')) {
      this.#at += 1;
      const test = this.#or(depth + 1);
      this.#expect(')');
      return test;
    }
    return this.#comparison();
  }

  #selector(): Step[] {
    this.#expect('$');
    const steps: Step[] = [];
    for (;;) {
      const rest = this.#text.slice(this.#at);
      const name = /^\.([A-Za-z0-9_@:-]+)/.exec(rest);
      const index = /^\[(\d+)\]/.exec(rest);
      if (name) {
        steps.push(name[1]!);
        this.#at += name[0].length;
      } else if (index) {
        steps.push(Number(index[1]));
        this.#at += index[0].length;
      } else break;
    }
    if (steps.length === 0) this.#fail('expected a field after $ (like $.activity-type)');
    return steps;
  }

  #comparison(): Test {
    const steps = this.#selector();
    this.#space();
    const keyword = /^(IS\s+TRUE|IS\s+FALSE|IS\s+NULL|NOT\s+EXISTS|EXISTS)\b/i.exec(this.#text.slice(this.#at));
    if (keyword) {
      this.#at += keyword[0].length;
      const word = keyword[1]!.toUpperCase().replace(/\s+/, ' ');
      const check: Record<string, (found: Found) => boolean> = {
        'IS TRUE': (found) => found.exists && found.value === true,
        'IS FALSE': (found) => found.exists && found.value === false,
        'IS NULL': (found) => found.exists && found.value === null,
        'NOT EXISTS': (found) => !found.exists,
        EXISTS: (found) => found.exists,
      };
      const test = check[word]!;
      return (record) => test(select(record, steps));
    }
    const operator = OPERATORS.find((candidate) => this.#text.startsWith(candidate, this.#at));
    if (!operator) this.#fail('expected =, !=, <, >, <=, >=, IS TRUE, IS FALSE, IS NULL or NOT EXISTS');
    this.#at += operator.length;
    this.#space();
    return this.#value(steps, operator);
  }

  #value(steps: Step[], operator: Operator): Test {
    let raw: string;
    let quoted = false;
    if (this.#text[this.#at] === '"') {
      const match = /^"((?:[^"\\]|\\.)*)"/.exec(this.#text.slice(this.#at));
      if (!match) this.#fail('unterminated string: close it with "');
      raw = match[1]!.replace(/\\(.)/g, '$1');
      this.#at += match[0].length;
      quoted = true;
    } else {
      const match = /^[^\s()&|}]+/.exec(this.#text.slice(this.#at));
      if (!match) this.#fail('expected a value (a number, or a string in double quotes)');
      raw = match[0];
      this.#at += raw.length;
    }
    if (!quoted && NUMBER.test(raw)) {
      const expected = Number(raw);
      const compare = NUMERIC[operator];
      return (record) => {
        const found = select(record, steps);
        return found.exists && typeof found.value === 'number' && compare(found.value, expected);
      };
    }
    if (operator !== '=' && operator !== '!=') this.#fail(`${operator} compares numbers; ${raw} is not a number`);
    const equal = wildcard(raw);
    const negate = operator === '!=';
    return (record) => {
      const found = select(record, steps);
      return found.exists && typeof found.value === 'string' && equal(found.value) !== negate;
    };
  }
}

const NUMERIC: Record<Operator, (actual: number, expected: number) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
};

interface Found {
  exists: boolean;
  value: unknown;
}

function select(record: unknown, steps: Step[]): Found {
  let value: unknown = record;
  for (const step of steps) {
    if (typeof value !== 'object' || value === null) return { exists: false, value: undefined };
    const container = value as Record<string | number, unknown>;
    if (typeof step === 'number' ? !Array.isArray(value) : Array.isArray(value)) {
      return { exists: false, value: undefined };
    }
    if (!Object.hasOwn(container, step)) return { exists: false, value: undefined };
    value = container[step];
  }
  return { exists: true, value };
}

/** `*` matches any run of characters; each part between stars taken at its leftmost place (enough for `*` alone: no backtracking). */
function wildcard(expected: string): (actual: string) => boolean {
  if (!expected.includes('*')) return (actual) => actual === expected;
  const parts = expected.split('*');
  const first = parts[0]!;
  const last = parts.at(-1)!;
  const middle = parts.slice(1, -1).filter(Boolean);
  return (actual) => {
    if (actual.length < first.length + last.length) return false;
    if (!actual.startsWith(first) || !actual.endsWith(last)) return false;
    let at = first.length;
    const end = actual.length - last.length;
    for (const part of middle) {
      const found = actual.indexOf(part, at);
      if (found === -1 || found + part.length > end) return false;
      at = found + part.length;
    }
    return true;
  };
}
