// Tokenizer, parser and evaluator for list-identities `filters` (ISC standard collection filter syntax,
// restricted to the fields/operators list-identities supports).
//
// Grammar:  expr   := and ('or' and)*
//           and    := unary ('and' unary)*
//           unary  := 'not' unary | '(' expr ')' | cmp
//           cmp    := FIELD ('eq' | 'sw') value | FIELD 'in' '(' STRING (',' STRING)* ')'
//           value  := STRING | 'true' | 'false'
// Strings are double-quoted; inside them only \\ and \" are escapes. Keywords and operators are lowercase.
// String comparisons (eq, sw, in) are case-insensitive, as they are on ISC's search-backed list.

import type { IdentityRecord } from './model';

export class FilterError extends Error {}

type Op = 'eq' | 'sw' | 'in';
type ValueType = 'string' | 'boolean';

interface FieldSpec {
  operators: readonly Op[];
  type: ValueType;
  get(record: IdentityRecord): string | boolean | null;
}

const FILTER_FIELD_SPECS: Readonly<Record<string, FieldSpec>> = {
  id: { operators: ['eq', 'in'], type: 'string', get: (r) => r.id },
  name: { operators: ['eq', 'sw'], type: 'string', get: (r) => r.name },
  alias: { operators: ['eq', 'sw'], type: 'string', get: (r) => r.alias },
  firstname: { operators: ['eq', 'sw'], type: 'string', get: (r) => r.firstname },
  lastname: { operators: ['eq', 'sw'], type: 'string', get: (r) => r.lastname },
  email: { operators: ['eq', 'sw'], type: 'string', get: (r) => r.email },
  cloudStatus: { operators: ['eq'], type: 'string', get: (r) => r.identityStatus },
  processingState: { operators: ['eq'], type: 'string', get: (r) => r.processingState },
  correlated: { operators: ['eq'], type: 'boolean', get: (r) => r.correlated },
  protected: { operators: ['eq'], type: 'boolean', get: (r) => r.protected },
};

/** Operators of ISC's general filter syntax: recognised, but rejected with a field-specific message. */
const KNOWN_OPERATORS = new Set(['eq', 'ne', 'sw', 'in', 'co', 'gt', 'ge', 'lt', 'le', 'pr', 'isnull', 'ew']);

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'cmp'; field: string; op: Op; value: string | boolean | string[] };

type Token =
  | { type: 'word'; text: string; pos: number }
  | { type: 'string'; text: string; pos: number }
  | { type: '(' | ')' | ','; pos: number }
  | { type: 'end'; pos: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ type: c, pos: i });
      i++;
    } else if (c === '"') {
      const start = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new FilterError(`unterminated string starting at position ${start}`);
        const d = input[i];
        if (d === '"') break;
        if (d === '\\') {
          const e = input[i + 1];
          if (e !== '\\' && e !== '"') {
            throw new FilterError(`invalid escape sequence at position ${i}: only \\\\ and \\" are allowed inside strings`);
          }
          text += e;
          i += 2;
        } else {
          text += d;
          i++;
        }
      }
      i++;
      tokens.push({ type: 'string', text, pos: start });
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < input.length && /[A-Za-z0-9_.]/.test(input[i])) i++;
      tokens.push({ type: 'word', text: input.slice(start, i), pos: start });
    } else {
      throw new FilterError(`unexpected character '${c}' at position ${i}`);
    }
  }
  tokens.push({ type: 'end', pos: input.length });
  return tokens;
}

function describe(token: Token): string {
  if (token.type === 'end') return 'end of filter';
  if (token.type === 'word') return `'${token.text}'`;
  if (token.type === 'string') return `string "${token.text}"`;
  return `'${token.type}'`;
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.parseOr();
    const next = this.peek();
    if (next.type !== 'end') throw new FilterError(`unexpected ${describe(next)} at position ${next.pos}`);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private take(): Token {
    return this.tokens[this.pos++];
  }

  private isWord(text: string): boolean {
    const t = this.peek();
    return t.type === 'word' && t.text === text;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      this.take();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.isWord('and')) {
      this.take();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    if (this.isWord('not')) {
      this.take();
      return { kind: 'not', operand: this.parseUnary() };
    }
    const t = this.peek();
    if (t.type === '(') {
      this.take();
      const inner = this.parseOr();
      const close = this.take();
      if (close.type !== ')') throw new FilterError(`expected ')' at position ${close.pos} but found ${describe(close)}`);
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterNode {
    const fieldToken = this.take();
    if (fieldToken.type !== 'word') {
      throw new FilterError(`expected a field name at position ${fieldToken.pos} but found ${describe(fieldToken)}`);
    }
    const field = fieldToken.text;
    const spec = Object.prototype.hasOwnProperty.call(FILTER_FIELD_SPECS, field) ? FILTER_FIELD_SPECS[field] : undefined;
    if (!spec) {
      throw new FilterError(
        `filtering is not supported for field '${field}'; supported fields: ${Object.keys(FILTER_FIELD_SPECS).join(', ')}`,
      );
    }
    const opToken = this.take();
    if (opToken.type !== 'word') {
      throw new FilterError(`expected an operator after '${field}' at position ${opToken.pos} but found ${describe(opToken)}`);
    }
    const op = opToken.text;
    if (!KNOWN_OPERATORS.has(op)) throw new FilterError(`unknown operator '${op}' at position ${opToken.pos}`);
    if (!(spec.operators as readonly string[]).includes(op)) {
      throw new FilterError(`operator '${op}' is not supported for field '${field}'; supported: ${spec.operators.join(', ')}`);
    }
    if (op === 'in') return { kind: 'cmp', field, op: 'in', value: this.parseList(field) };
    return { kind: 'cmp', field, op: op as Op, value: this.parseValue(field, spec.type) };
  }

  private parseValue(field: string, type: ValueType): string | boolean {
    const t = this.take();
    if (type === 'boolean') {
      if (t.type === 'word' && (t.text === 'true' || t.text === 'false')) return t.text === 'true';
      throw new FilterError(`field '${field}' needs a bare boolean (true or false) at position ${t.pos}, found ${describe(t)}`);
    }
    if (t.type === 'string') return t.text;
    throw new FilterError(`field '${field}' needs a double-quoted string at position ${t.pos}, found ${describe(t)}`);
  }

  private parseList(field: string): string[] {
    const open = this.take();
    if (open.type !== '(') throw new FilterError(`'in' on '${field}' needs a list like ("a","b") at position ${open.pos}`);
    const values: string[] = [];
    for (;;) {
      const t = this.take();
      if (t.type !== 'string') throw new FilterError(`expected a double-quoted string in the 'in' list at position ${t.pos}, found ${describe(t)}`);
      values.push(t.text);
      const sep = this.take();
      if (sep.type === ')') return values;
      if (sep.type !== ',') throw new FilterError(`expected ',' or ')' in the 'in' list at position ${sep.pos}, found ${describe(sep)}`);
    }
  }
}

/** Parses a filter expression; throws FilterError with a human-readable reason. */
export function parseFilter(input: string): FilterNode {
  if (input.trim() === '') throw new FilterError('empty filter expression');
  return new Parser(tokenize(input)).parse();
}

function compare(node: Extract<FilterNode, { kind: 'cmp' }>, record: IdentityRecord): boolean {
  const actual = FILTER_FIELD_SPECS[node.field].get(record);
  if (typeof node.value === 'boolean') return actual === node.value;
  if (typeof actual !== 'string') return false;
  const a = actual.toLowerCase();
  if (Array.isArray(node.value)) return node.value.some((v) => v.toLowerCase() === a);
  return node.op === 'sw' ? a.startsWith(node.value.toLowerCase()) : a === node.value.toLowerCase();
}

export function matchesFilter(node: FilterNode, record: IdentityRecord): boolean {
  switch (node.kind) {
    case 'and':
      return matchesFilter(node.left, record) && matchesFilter(node.right, record);
    case 'or':
      return matchesFilter(node.left, record) || matchesFilter(node.right, record);
    case 'not':
      return !matchesFilter(node.operand, record);
    default:
      return compare(node, record);
  }
}
