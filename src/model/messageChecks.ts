// The checks every webview protocol runs on a message: a plain object, a known type, exactly the allowed keys,
// typed and capped fields. Plain TypeScript without vscode or Node APIs, so both the hosts and the pages use it.

/** A field's check: a short reason when the value is not acceptable, undefined when it is. */
export type FieldCheck = (value: unknown) => string | undefined;

/** Ids the pages may name (identities, assignments): ISC uses 32 hex characters; never path characters. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** An object literal (or null-prototype object): no array, no class instance, nothing with getters from a prototype. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function isOneOf<T extends string>(value: unknown, values: readonly T[]): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** A value named in a rejection reason: strings quoted and cut at 40 characters, anything else by its type. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value;
}

export function idField(maxLength: number): FieldCheck {
  return (v) => (typeof v !== 'string' ? 'not a string' : v.length > maxLength ? 'too long' : ID_PATTERN.test(v) ? undefined : 'not an id');
}

export function textField(max: number, optional = false): FieldCheck {
  return (v) => (v === undefined && optional ? undefined : typeof v !== 'string' ? 'not a string' : v.length > max ? 'too long' : undefined);
}

export function enumField(values: readonly string[]): FieldCheck {
  return (v) => (isOneOf(v, values) ? undefined : 'not an allowed value');
}

/** A whole number in [min, max]. */
export function intField(min: number, max: number, optional = false): FieldCheck {
  return (v) => (v === undefined && optional ? undefined : isIntIn(v, min, max) ? undefined : 'not an allowed number');
}

/** A whole number from 0 to a billion: item counts, sequence numbers. */
export function countField(optional = true): FieldCheck {
  return (v) => (v === undefined && optional ? undefined : isIntIn(v, 0, 1e9) ? undefined : 'not a count');
}

export function booleanField(optional = false): FieldCheck {
  return (v) => ((v === undefined && optional) || typeof v === 'boolean' ? undefined : 'not a boolean');
}

/** An array of at most `max` items, each passing `item`; `distinct` also refuses repeated items. */
export function listField(max: number, item: FieldCheck, distinct = false): FieldCheck {
  return (v) => {
    if (!Array.isArray(v)) return 'not an array';
    if (v.length > max) return 'too many';
    for (const element of v) {
      const problem = item(element);
      if (problem) return `item ${problem}`;
    }
    if (distinct && new Set(v).size !== v.length) return 'repeated items';
    return undefined;
  };
}

/** A nested object with exactly these fields (see checkFields). */
export function objectField(fields: Record<string, FieldCheck>, required: readonly string[]): FieldCheck {
  return (v) => (isPlainObject(v) ? checkFields(v, fields, required) : 'not an object');
}

/** Only the listed keys, every required one present (not undefined), each passing its check; the first problem found. */
export function checkFields(value: Record<string, unknown>, fields: Record<string, FieldCheck>, required: readonly string[]): string | undefined {
  for (const key of Object.keys(value)) {
    if (!Object.prototype.hasOwnProperty.call(fields, key)) return `unexpected field ${describeValue(key)}`;
  }
  for (const key of required) {
    if (value[key] === undefined) return `missing field ${key}`;
  }
  for (const [key, check] of Object.entries(fields)) {
    if (!(key in value)) continue;
    const problem = check(value[key]);
    if (problem) return `field ${key}: ${problem}`;
  }
  return undefined;
}

export type TypedParseResult<M> = { ok: true; message: M } | { ok: false; reason: string };

/**
 * Checks a `{ type, …fields }` message against the fields allowed for its type: every listed field is required and
 * no other is allowed. Anything else — not an object, unknown type, missing or extra fields, wrong types, oversized
 * strings or lists — is rejected with a reason.
 */
export function parseTypedMessage<M>(value: unknown, fieldsByType: Record<string, Record<string, FieldCheck>>): TypedParseResult<M> {
  if (!isPlainObject(value)) return { ok: false, reason: 'message is not an object' };
  const type = value.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(fieldsByType, type)) {
    return { ok: false, reason: `unknown message type ${describeValue(type)}` };
  }
  const fields = fieldsByType[type];
  const problem = checkFields(value, { type: () => undefined, ...fields }, ['type', ...Object.keys(fields)]);
  if (problem) return { ok: false, reason: `${type}: ${problem}` };
  return { ok: true, message: value as unknown as M };
}

function isIntIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
