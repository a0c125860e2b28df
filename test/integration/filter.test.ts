// "Filter identities…" as one quick pick (extension host, simulator): typed text becomes a condition, Enter with a
// filter active asks and / or / replace, an unknown field is refused with the fields that can be filtered. The
// prompts are answered in order through the test input.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CoreServices } from '../../src/services';
import type { TestUserInput } from '../../src/testing/testUserInput';
import { coreApi, lastSeq, listRequests, simRequests } from './coreSupport';

const ENV = 'env';
const PROCESSING_ERRORS = 'processingState eq "ERROR"';

const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

/** Runs the filter command from the palette; `answers` are typed text (the live pick) and the and / or / replace item. */
function filterWith(input: TestUserInput, answers: (string | RegExp)[]): Promise<unknown> {
  return input.runWithInputs(answers, () => vscode.commands.executeCommand('iscExplorer.filter', ENV));
}

describe('filter: one quick pick (extension host, simulator)', function () {
  this.timeout(60_000);
  let services: CoreServices;
  let input: TestUserInput;

  before(async () => {
    const core = await coreApi();
    services = core.services;
    input = core.api.userInput;
  });

  afterEach(async () => {
    // Applying reveals and expands the tenant without waiting: let it finish before the state is reset.
    await settle();
    await services.viewStates.update(ENV, { filters: undefined, sorters: undefined, defaultFilter: 'NONE' });
  });

  after(async () => {
    await settle();
    // Applying a filter expands the tenant in the view; later suites start from a collapsed tree.
    await vscode.commands.executeCommand('workbench.actions.treeView.iscIdentities.collapseAll');
  });

  it('applies the condition built from typed text (no filter active: no second question)', async () => {
    await filterWith(input, ['Ma']);
    assert.strictEqual(services.viewStates.get(ENV).filters, 'name sw "Ma"');
  });

  it('narrows the active filter with "and" in the same quick pick: the result is what is sent', async () => {
    await services.viewStates.update(ENV, { filters: PROCESSING_ERRORS });
    const applied = await filterWith(input, ['O', '$(filter) And']);
    assert.strictEqual(applied, `(${PROCESSING_ERRORS}) and (name sw "O")`);
    assert.strictEqual(services.viewStates.get(ENV).filters, `(${PROCESSING_ERRORS}) and (name sw "O")`);
  });

  it('widens with "or" and replaces with "replace"', async () => {
    await services.viewStates.update(ENV, { filters: PROCESSING_ERRORS });
    await filterWith(input, ['locked', '$(add) Or']);
    assert.strictEqual(services.viewStates.get(ENV).filters, `(${PROCESSING_ERRORS}) or (cloudStatus eq "LOCKED")`);
    await filterWith(input, ['true', '$(replace) Replace']);
    assert.strictEqual(services.viewStates.get(ENV).filters, 'correlated eq true');
  });

  it('goes back from and / or / replace to the condition, and the new condition is the one combined', async () => {
    await services.viewStates.update(ENV, { filters: PROCESSING_ERRORS });
    await filterWith(input, ['O', '$(arrow-left) Back', 'Ma', '$(filter) And']);
    assert.strictEqual(services.viewStates.get(ENV).filters, `(${PROCESSING_ERRORS}) and (name sw "Ma")`);
  });

  it('sorts by the order picked from the palette', async () => {
    input.clearLog();
    const sorters = await input.runWithInputs(['status (descending)'], () => vscode.commands.executeCommand('iscExplorer.sort', ENV));
    assert.strictEqual(sorters, '-cloudStatus');
    assert.strictEqual(services.viewStates.get(ENV).sorters, '-cloudStatus');
    assert.ok(input.asked('quickPick')[0]?.title?.startsWith('Sort identities of'), 'the sort pick names the tenant');
  });

  it('never turns an unknown field into a name search: nothing applies, nothing is sent', async () => {
    const seq = await lastSeq();
    let result: unknown = 'not run';
    // Enter on the problem line accepts nothing: the test input says so, and the command ends without a filter.
    await assert.rejects(
      input.runWithInputs(['manager.name eq "x"'], async () => {
        result = await vscode.commands.executeCommand('iscExplorer.filter', ENV);
      }),
      /offers nothing to accept/,
    );
    assert.strictEqual(result, undefined);
    assert.strictEqual(services.viewStates.get(ENV).filters, undefined);
    // Without UI the same expression is refused (the message names the field and lists the filterable ones).
    await vscode.commands.executeCommand('iscExplorer.filter', ENV, { filters: 'manager.name eq "x"' });
    assert.strictEqual(services.viewStates.get(ENV).filters, undefined);
    const sent = listRequests(await simRequests(seq)).map((r) => String(r.query.filters ?? ''));
    assert.deepStrictEqual(sent.filter((f) => f.includes('manager')), [], 'no list request with the unknown field');
  });
});
