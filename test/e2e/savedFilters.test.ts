// Saved filters in Chromium via code-server with the packaged extension: save the tree's filter under a name from the
// palette, see it under "Saved Filters", and one click on it lists its identities again. Screenshot tree-saved-filters.png.
import * as assert from 'assert';
import type { Locator, Page } from 'playwright-core';
import type { WorkbenchSession } from '../harness/codeServer';
import { runCommand, screenshot, startCodeServerWithExtension } from '../harness/codeServer';

const VIEW_TITLE = 'SailPoint ISC';
const SAVED_NAME = 'Ma names';

function sidebarRows(page: Page): Locator {
  return page.locator('.part.sidebar .monaco-list-row');
}

/**
 * The names of the identity rows shown directly under the tenant, top down: every second-level row but the tenant's
 * own (Needs attention, Saved Filters, Load more). Earlier tests may have changed statuses, so icons say nothing.
 */
async function identityNames(page: Page): Promise<string[]> {
  const rows = page.locator('.part.sidebar .monaco-list-row[aria-level="2"]').filter({ hasNotText: /^\s*(Needs attention|Saved Filters|Load more)/ });
  return (await rows.locator('.label-name').allInnerTexts()).map((name) => name.trim());
}

async function waitForNames(page: Page, what: string, accept: (names: string[]) => boolean, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await identityNames(page);
    if (names.length > 0 && accept(names)) return names;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; rows: ${names.slice(0, 5).join(', ')}`);
    await page.waitForTimeout(250);
  }
}

const allMa = (names: string[]): boolean => names.every((name) => /^ma/i.test(name));

describe('saved filters (browser)', function () {
  this.timeout(240_000);
  let session: WorkbenchSession | undefined;
  const page = (): Page => {
    assert.ok(session, 'code-server session');
    return session.page;
  };

  before(async () => {
    session = await startCodeServerWithExtension();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await screenshot(session.page, 'saved-filters-failed').catch(() => undefined);
  });

  after(async () => {
    await session?.close();
  });

  it('saves the filter under a name, shows it under "Saved Filters", and a click on it lists its identities again', async () => {
    await runCommand(page(), `View: Show ${VIEW_TITLE}`);
    const tenantRow = sidebarRows(page()).filter({ hasText: '(environment)' }).first();
    await tenantRow.waitFor({ state: 'visible', timeout: 30_000 });
    await tenantRow.click();
    await waitForNames(page(), 'the unfiltered list', (names) => names.length >= 5);

    await runCommand(page(), 'ISC: Filter Identities…');
    const input = page().locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('Ma');
    await page().locator('.quick-input-widget .monaco-list-row', { hasText: 'name sw "Ma"' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page().keyboard.press('Enter');
    await tenantRow.filter({ hasText: 'filter: name sw "Ma"' }).waitFor({ state: 'visible', timeout: 20_000 });
    await waitForNames(page(), 'the filtered list', allMa);

    await runCommand(page(), 'ISC: Save Filter…');
    await page().locator('.quick-input-widget .quick-input-title', { hasText: 'Save the filter of' }).waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(SAVED_NAME);
    await page().keyboard.press('Enter');
    const group = sidebarRows(page()).filter({ hasText: 'Saved Filters' }).first();
    await group.waitFor({ state: 'visible', timeout: 20_000 });
    await group.click();
    const savedRow = sidebarRows(page()).filter({ hasText: SAVED_NAME }).first();
    await savedRow.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await savedRow.innerText(), /active/, 'the saved filter is the one listed');

    await runCommand(page(), 'ISC: Clear Filter');
    await tenantRow.filter({ hasNotText: 'filter:' }).filter({ hasText: /\d[\d,]* identities/ }).waitFor({ state: 'visible', timeout: 20_000 });
    const unfiltered = await waitForNames(page(), 'the list without the filter', (names) => !allMa(names));
    await savedRow.filter({ hasNotText: 'active' }).waitFor({ state: 'visible', timeout: 10_000 });
    // The tree redraws once the first page and the "Needs attention" count are in; VS Code drops a click on a row
    // whose item is being replaced ("Actual command not found"), so the click waits for the redraws to end.
    await page().waitForTimeout(1_500);

    await savedRow.click();
    await tenantRow.filter({ hasText: 'filter: name sw "Ma"' }).waitFor({ state: 'visible', timeout: 20_000 });
    const filtered = await waitForNames(page(), 'the saved filter\'s list', allMa);
    assert.notDeepStrictEqual(filtered, unfiltered, 'the rows changed');
    await savedRow.filter({ hasText: 'active' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page().mouse.move(900, 600);
    await screenshot(page(), 'tree-saved-filters');
  });
});
