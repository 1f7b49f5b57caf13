import { isUnknown, type Maybe, type PolicyDocument, type SourceLocation, type Topology } from '../../model.js';
import { normalizePolicy } from '../normalize.js';
import { containsUnknown } from './intrinsics.js';

/**
 * Reads one resource's resolved properties into model values, recording what could not be resolved (CFTP-NET-028).
 * A reference it cannot resolve is `{ unknown }` where the model allows it, else the empty id, which names nothing.
 */
export class PropertyReader {
  constructor(
    private readonly unresolved: Topology['unresolved'],
    readonly resource: string,
    readonly location: SourceLocation,
  ) {}

  private record(field: string, expression: string): void {
    this.unresolved.push({ resource: this.resource, field, expression, location: this.location });
  }

  /** A string value; `undefined` when absent. */
  str(value: unknown, field: string): Maybe<string> | undefined {
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) {
      this.record(field, value.unknown);
      return value;
    }
    return typeof value === 'object' ? { unknown: JSON.stringify(value) } : String(value);
  }

  /** A reference to another resource (its id), `{ unknown }` when it cannot be resolved, `undefined` when absent. */
  ref(value: unknown, field: string): Maybe<string> | undefined {
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) {
      this.record(field, value.unknown);
      return value;
    }
    return typeof value === 'string' ? value : { unknown: `${field} is not a reference` };
  }

  /** A reference the model needs as a plain id: the empty id when unknown or absent (it matches no resource). */
  id(value: unknown, field: string): string {
    const ref = this.ref(value, field);
    return typeof ref === 'string' ? ref : '';
  }

  /** A list of references; an item that cannot be resolved stays in the list as the empty id. */
  ids(value: unknown, field: string): string[] {
    if (isUnknown(value)) {
      this.record(field, value.unknown);
      return [];
    }
    return Array.isArray(value) ? value.map((item, index) => this.id(item, `${field}[${index}]`)) : [];
  }

  bool(value: unknown, field: string, fallback: boolean): Maybe<boolean> {
    if (isUnknown(value)) {
      this.record(field, value.unknown);
      return value;
    }
    if (value === undefined) return fallback;
    return value === true || value === 'true';
  }

  /** A policy document, as an object or as JSON text (`safeJson`: unparsable text counts as absent). */
  policy(value: unknown, field: string): Maybe<PolicyDocument> | undefined {
    const document = typeof value === 'string' ? safeJson(value) : value;
    if (document === undefined || document === null) return undefined;
    if (isUnknown(document) || containsUnknown(document)) {
      const expression = isUnknown(document) ? document.unknown : 'a statement could not be resolved';
      this.record(field, expression);
      return { unknown: expression };
    }
    return normalizePolicy(document);
  }
}

/** JSON text as a value, `undefined` when it is not JSON (no error: its message would quote the text). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
