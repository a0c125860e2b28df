// Validates HTTP responses against ../shared/spec/identities-v2025.yaml (OpenAPI 3.0) with ajv.
// OpenAPI's `nullable` is supported natively by ajv (strict: false); component $refs are resolved by adding the
// spec's components as a schema with $id 'spec.json' and rewriting '#/components/...' refs to 'spec.json#/...'.

import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

type Json = Record<string, unknown>;

/** The folder holding package.json, walking up from `start`. */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${start}`);
    dir = up;
  }
  return dir;
}

export const SPEC_PATH = path.resolve(findProjectRoot(__dirname), '..', 'shared', 'spec', 'identities-v2025.yaml');

export interface ResponseLike {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `spec.json${v}` : rewriteRefs(v);
    }
    return out;
  }
  return value;
}

export class SpecValidator {
  private readonly ajv: Ajv;
  private readonly doc: Json;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(specPath = SPEC_PATH) {
    this.doc = parse(fs.readFileSync(specPath, 'utf8')) as Json;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'spec.json', components: rewriteRefs(this.doc.components) });
  }

  private resolve(ref: string): Json {
    let node: unknown = this.doc;
    for (const part of ref.replace(/^#\//, '').split('/')) {
      node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (!node) throw new Error(`unresolvable $ref ${ref}`);
    return node as Json;
  }

  private compile(key: string, schema: unknown): ValidateFunction {
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.ajv.compile(rewriteRefs(schema) as Json);
      this.cache.set(key, fn);
    }
    return fn;
  }

  /** Validates a value against components/schemas/NAME; returns error strings. */
  validateSchema(name: string, value: unknown): string[] {
    const fn = this.compile(`schema:${name}`, { $ref: `#/components/schemas/${name}` });
    return fn(value) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
  }

  /** Property names a schema declares (for undeclared-field checks). */
  declaredProperties(name: string): string[] {
    return Object.keys((this.resolve(`#/components/schemas/${name}`).properties as Json | undefined) ?? {});
  }

  /**
   * Validates status, body and documented headers of a response of operation (specPath, method).
   * Returns a list of problems (empty = valid).
   */
  validateResponse(specPath: string, method: string, res: ResponseLike): string[] {
    const operation = (this.doc.paths as Json)[specPath] as Json | undefined;
    const op = operation?.[method.toLowerCase()] as Json | undefined;
    if (!op) return [`operation ${method} ${specPath} is not in the spec`];
    let response = (op.responses as Json)[String(res.status)] as Json | undefined;
    if (!response) return [`status ${res.status} is not documented for ${method} ${specPath}`];
    if (typeof response.$ref === 'string') response = this.resolve(response.$ref);
    const problems: string[] = [];
    const content = response.content as Json | undefined;
    const media = content?.['application/json'] as Json | undefined;
    if (media?.schema) {
      if (res.body === undefined) {
        problems.push(`expected a JSON body, got ${JSON.stringify(res.text.slice(0, 200))}`);
      } else {
        const fn = this.compile(`${method} ${specPath} ${res.status}`, media.schema);
        if (!fn(res.body)) {
          for (const e of fn.errors ?? []) problems.push(`body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
        }
      }
      const type = res.headers.get('content-type') ?? '';
      if (!type.startsWith('application/json')) problems.push(`content-type ${type} is not application/json`);
    } else if (!content && res.text !== '') {
      problems.push(`status ${res.status} documents no body but got ${JSON.stringify(res.text.slice(0, 200))}`);
    }
    for (const [name, header] of Object.entries((response.headers as Json | undefined) ?? {})) {
      const resolved = typeof (header as Json).$ref === 'string' ? this.resolve((header as Json).$ref as string) : (header as Json);
      const raw = res.headers.get(name);
      if (raw === null) {
        // X-Total-Count is only sent when count=true; Retry-After is always expected on 429.
        if (name.toLowerCase() === 'retry-after') problems.push('missing Retry-After header');
        continue;
      }
      const schema = resolved.schema as Json;
      const value = schema.type === 'integer' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      const fn = this.compile(`header ${name}`, schema);
      if (!fn(value)) problems.push(`header ${name}=${raw}: ${this.ajv.errorsText(fn.errors)}`);
    }
    return problems;
  }
}
