// "Filter identities…" as one quick pick (extension host, simulator): typed text becomes a condition, Enter with a
// filter active asks and / or / replace, an unknown field is refused with the fields that can be filtered.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CoreServices } from '../../src/services';
import { coreApi, lastSeq, listRequests, simRequests } from './coreSupport';

const ENV = 'env';
const PROCESSING_ERRORS = 'processingState eq "ERROR"';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the filter command with `value` typed; `keys` are quick-input commands run one after another. */
async function filterWith(value: string, keys: string[]): Promise<unknown> {
  const result = Promise.resolve(vscode.commands.executeCommand('iscExplorer.filter', ENV, { value }));
  for (const key of keys) {
    await pause(400); // the quick pick shows (or turns to its second step)
    await vscode.commands.executeCommand(key);
  }
  return result;
}

const ACCEPT = 'workbench.action.acceptSelectedQuickOpenItem';
const NEXT = 'workbench.action.quickOpenSelectNext';
const CLOSE = 'workbench.action.closeQuickOpen';

describe('filter: one quick pick (extension host, simulator)', function () {
  this.timeout(60_000);
  let services: CoreServices;

  before(async () => {
    ({ services } = await coreApi());
  });

  afterEach(async () => {
    await services.viewStates.update(ENV, { filters: undefined, sorters: undefined, defaultFilter: 'NONE' });
  });

  after(async () => {
    // Applying a filter expands the tenant in the view; later suites start from a collapsed tree.
    await vscode.commands.executeCommand('workbench.actions.treeView.iscIdentities.collapseAll');
  });

  it('applies the condition built from typed text (no filter active: no second question)', async () => {
    await filterWith('Ma', [ACCEPT]);
    assert.strictEqual(services.viewStates.get(ENV).filters, 'name sw "Ma"');
  });

  it('narrows the active filter with "and" in the same quick pick: the result is what is sent', async () => {
    await services.viewStates.update(ENV, { filters: PROCESSING_ERRORS });
    const applied = await filterWith('O', [ACCEPT, ACCEPT]);
    assert.strictEqual(applied, `(${PROCESSING_ERRORS}) and (name sw "O")`);
    assert.strictEqual(services.viewStates.get(ENV).filters, `(${PROCESSING_ERRORS}) and (name sw "O")`);
  });

  it('widens with "or" and replaces with "replace"', async () => {
    await services.viewStates.update(ENV, { filters: PROCESSING_ERRORS });
    await filterWith('locked', [ACCEPT, NEXT, ACCEPT]);
    assert.strictEqual(services.viewStates.get(ENV).filters, `(${PROCESSING_ERRORS}) or (cloudStatus eq "LOCKED")`);
    await filterWith('true', [ACCEPT, NEXT, NEXT, ACCEPT]);
    assert.strictEqual(services.viewStates.get(ENV).filters, 'correlated eq true');
  });

  it('never turns an unknown field into a name search: nothing applies, nothing is sent', async () => {
    const seq = await lastSeq();
    const result = await filterWith('manager.name eq "x"', [ACCEPT, CLOSE]);
    assert.strictEqual(result, undefined);
    assert.strictEqual(services.viewStates.get(ENV).filters, undefined);
    // Without UI the same expression is refused (the message names the field and lists the filterable ones).
    await vscode.commands.executeCommand('iscExplorer.filter', ENV, { filters: 'manager.name eq "x"' });
    assert.strictEqual(services.viewStates.get(ENV).filters, undefined);
    const sent = listRequests(await simRequests(seq)).map((r) => String(r.query.filters ?? ''));
    assert.deepStrictEqual(sent.filter((f) => f.includes('manager')), [], 'no list request with the unknown field');
  });
});
