// What other extensions get from activate(): in production nothing that reaches a client, a secret or a hook.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { exportedApi } from '../../src/extensionApi';
import type { ExtensionTestHandle } from '../../src/testing/testHandle';
import { coreApi } from './coreSupport';

/** Every function, ISC client and secret-bearing string reachable from `value` (own properties, getters included). */
function dangerousParts(value: unknown, secret: string): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const walk = (item: unknown, path: string, depth: number): void => {
    if (typeof item === 'function') found.push(`${path}: function`);
    if (typeof item === 'string' && secret && item.includes(secret)) found.push(`${path}: the client secret`);
    if (!item || typeof item !== 'object' || seen.has(item) || depth > 6) return;
    seen.add(item);
    for (const key of Reflect.ownKeys(item)) {
      const name = String(key);
      if (/client|secret|token|credential/i.test(name)) found.push(`${path}.${name}: ${name}`);
      let child: unknown;
      try {
        child = (item as Record<PropertyKey, unknown>)[key];
      } catch {
        continue;
      }
      walk(child, `${path}.${name}`, depth + 1);
    }
    const proto = Object.getPrototypeOf(item) as object | null;
    if (proto && proto !== Object.prototype && proto !== Array.prototype) {
      for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') found.push(`${path}.${name}: method`);
    }
  };
  walk(value, 'api', 0);
  return found;
}

describe('exported API', () => {
  let handle: ExtensionTestHandle;
  const secret = process.env.ISC_CLIENT_SECRET ?? '';

  before(async () => {
    ({ api: handle } = await coreApi());
  });

  it('holds no client, no secret and no function in production mode', () => {
    const api = exportedApi(vscode.ExtensionMode.Production, () => handle);
    assert.deepStrictEqual(dangerousParts(api, secret), []);
  });

  it('holds no client, no secret and no function in development mode', () => {
    const api = exportedApi(vscode.ExtensionMode.Development, () => handle);
    assert.deepStrictEqual(dangerousParts(api, secret), []);
  });

  it('does not even build the test handle outside test mode', () => {
    let built = 0;
    exportedApi(vscode.ExtensionMode.Production, () => ++built);
    exportedApi(vscode.ExtensionMode.Development, () => ++built);
    assert.strictEqual(built, 0);
  });

  it('hands the test handle (with its hooks) to tests in test mode only', () => {
    const api = exportedApi(vscode.ExtensionMode.Test, () => handle);
    assert.strictEqual(api, handle);
    assert.notDeepStrictEqual(dangerousParts(api, secret), [], 'the scan finds the hooks of the test handle');
  });
});
