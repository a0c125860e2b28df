// Client-side check of a typed filter expression, so the user sees a precise message before ISC answers 400.
import * as l10n from '@vscode/l10n';
import { filterFieldInfo } from './filters';

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'punct'; text: '(' | ')' | ','; at: number };

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const ch = expr[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', text: ch, at: i });
      i++;
    } else if (ch === '"') {
      const at = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= expr.length) throw new Error(l10n.t('unterminated string starting at position {0}', at + 1));
        const c = expr[i];
        if (c === '\\') {
          const next = expr[i + 1];
          if (next !== '\\' && next !== '"') throw new Error(l10n.t('invalid escape at position {0} (use \\\\ or \\")', i + 1));
          text += next;
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          text += c;
          i++;
        }
      }
      tokens.push({ kind: 'string', text, at });
    } else if (/[A-Za-z0-9_.-]/.test(ch)) {
      const at = i;
      while (i < expr.length && /[A-Za-z0-9_.-]/.test(expr[i])) i++;
      tokens.push({ kind: 'word', text: expr.slice(at, i), at });
    } else {
      throw new Error(l10n.t('unexpected character {0} at position {1}', JSON.stringify(ch), i + 1));
    }
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): void {
    if (this.tokens.length === 0) throw new Error(l10n.t('the expression is empty'));
    this.orExpr();
    const rest = this.tokens[this.pos];
    if (rest) throw new Error(l10n.t('unexpected {0} at position {1}', JSON.stringify(rest.text), rest.at + 1));
  }

  private peekWord(word: string): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === 'word' && t.text.toLowerCase() === word;
  }

  private orExpr(): void {
    this.andExpr();
    while (this.peekWord('or')) {
      this.pos++;
      this.andExpr();
    }
  }

  private andExpr(): void {
    this.unary();
    while (this.peekWord('and')) {
      this.pos++;
      this.unary();
    }
  }

  private unary(): void {
    if (this.peekWord('not')) {
      this.pos++;
      this.unary();
      return;
    }
    const t = this.tokens[this.pos];
    if (t?.kind === 'punct' && t.text === '(') {
      this.pos++;
      this.orExpr();
      this.expectPunct(')');
      return;
    }
    this.comparison();
  }

  private expectPunct(p: '(' | ')' | ','): void {
    const t = this.tokens[this.pos];
    if (t?.kind !== 'punct' || t.text !== p) throw new Error(t ? l10n.t('expected "{0}" at position {1}', p, t.at + 1) : l10n.t('expected "{0}" at the end', p));
    this.pos++;
  }

  private comparison(): void {
    const fieldToken = this.tokens[this.pos++];
    if (!fieldToken) throw new Error(l10n.t('expected a field name at the end'));
    if (fieldToken.kind !== 'word') throw new Error(l10n.t('expected a field name at position {0}', fieldToken.at + 1));
    const info = filterFieldInfo(fieldToken.text);
    if (!info) throw new Error(l10n.t('"{0}" cannot be filtered on', fieldToken.text));
    const opToken = this.tokens[this.pos++];
    if (opToken?.kind !== 'word') throw new Error(l10n.t('expected an operator after "{0}"', fieldToken.text));
    const op = opToken.text;
    if (!(info.operators as readonly string[]).includes(op)) {
      throw new Error(l10n.t('"{0}" does not support "{1}" (allowed: {2})', info.field, op, info.operators.join(', ')));
    }
    if (op === 'in') {
      this.expectPunct('(');
      this.value(info.valueType, info.field);
      while (this.tokens[this.pos]?.kind === 'punct' && this.tokens[this.pos].text === ',') {
        this.pos++;
        this.value(info.valueType, info.field);
      }
      this.expectPunct(')');
      return;
    }
    this.value(info.valueType, info.field);
  }

  private value(type: 'string' | 'boolean', field: string): void {
    const t = this.tokens[this.pos++];
    if (!t) throw new Error(l10n.t('expected a value for "{0}" at the end', field));
    if (type === 'string' && t.kind !== 'string') throw new Error(l10n.t('"{0}" takes a double-quoted string (position {1})', field, t.at + 1));
    if (type === 'boolean' && (t.kind !== 'word' || (t.text !== 'true' && t.text !== 'false'))) {
      throw new Error(l10n.t('"{0}" takes true or false (position {1})', field, t.at + 1));
    }
  }
}

/**
 * Checks a list-identities filter expression against the allowed fields/operators and the quoting rules.
 * Returns undefined when valid, otherwise a sentence describing the first problem.
 */
export function validateFilterExpression(expr: string): string | undefined {
  try {
    new Parser(tokenize(expr)).parse();
    return undefined;
  } catch (error) {
    return l10n.t('Invalid filter: {0}.', (error as Error).message);
  }
}
