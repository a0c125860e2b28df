// Browser e2e: "Synchronize Attributes" from the tree's context menu in code-server (Chromium): right-click an
// identity row, choose the menu item, confirm VS Code's modal dialog, see the result notification.
// Screenshot: test-results/screenshots/actions.png.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import type { WorkbenchSession } from '../harness/codeServer';
import { e2eSimulator, screenshot, startCodeServerWithExtension } from '../harness/codeServer';

interface SimRequest {
  seq: number;
  method: string;
  path: string;
  status: number;
}

async function simRequests(since: number): Promise<SimRequest[]> {
  const response = await fetch(`${e2eSimulator().url}/__sim/requests?since=${since}`);
  return (await response.json()) as SimRequest[];
}

async function lastSeq(): Promise<number> {
  const all = await simRequests(0);
  return all.length ? all[all.length - 1].seq : 0;
}

/** Opens the "SailPoint ISC" view and expands the environment tenant; returns a plain identity row. */
async function identityRow(page: Page, index = 5): Promise<ReturnType<Page['locator']>> {
  await page.locator('.activitybar [aria-label^="SailPoint ISC"]').first().click();
  const tree = page.locator('.part.sidebar .monaco-list').first();
  const tenantRow = tree.locator('.monaco-list-row[aria-level="1"]').first();
  await tenantRow.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await tenantRow.getAttribute('aria-expanded')) !== 'true') await tenantRow.click();
  const rows = tree.locator('.monaco-list-row[aria-level="2"]');
  await rows.nth(index + 1).waitFor({ state: 'visible', timeout: 45_000 });
  // A few rows down: the first ones may be the simulator's fixtures (hostile names), which other tests use.
  return rows.nth(index);
}

/** Right-clicks `row` and chooses `title` (the tree may redraw under the first menu: opened until it stays). */
async function runFromContextMenu(page: Page, row: ReturnType<Page['locator']>, title: string): Promise<void> {
  const item = page.locator('.monaco-menu .action-item', { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await row.click({ button: 'right' });
    try {
      await item.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt >= 4) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await item.click();
}

describe('identity actions (browser)', function () {
  this.timeout(240_000);
  let session: WorkbenchSession | undefined;

  before(async () => {
    session = await startCodeServerWithExtension({ settings: { 'iscExplorer.environmentTenant.readOnly': false } });
  });

  after(async () => {
    await session?.close();
  });

  it('synchronizes attributes from the tree context menu, after the modal confirmation', async () => {
    assert.ok(session);
    const { page } = session;
    const row = await identityRow(page);
    const label = ((await row.getAttribute('aria-label')) ?? (await row.innerText())).split(/[,\n]/)[0].trim();
    const mark = await lastSeq();

    // The tree redraws once the first page's count arrives: a context menu opened on a row being replaced closes
    // again, so open it until it stays; then give a busy extension host time to show the modal.
    const item = page.locator('.monaco-menu .action-item', { hasText: 'Synchronize Attributes' }).first();
    for (let attempt = 1; ; attempt++) {
      await row.click({ button: 'right' });
      try {
        await item.waitFor({ state: 'visible', timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 4) throw error;
        await page.keyboard.press('Escape');
      }
    }
    await item.click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 45_000 });
    const dialogText = await dialog.innerText();
    assert.match(dialogText, /Synchronize attributes/);
    assert.match(dialogText, /on tenant/);
    assert.deepStrictEqual(
      (await simRequests(mark)).filter((r) => r.method === 'POST'),
      [],
      'nothing is sent while the modal is open',
    );
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Synchronize$/ }).click();

    const toast = page.locator('.notification-toast', { hasText: 'Synchronize attributes for' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    const text = await toast.innerText();
    assert.match(text, /Synchronize attributes for “.+”: done — job [0-9a-f-]+ \(QUEUED\)/);
    if (label) assert.ok(text.includes(label.slice(0, 20)) || dialogText.includes(label.slice(0, 20)), `mentions ${label}`);
    // The progress notification closes when the run ends; let it go before the picture.
    await page
      .locator('.notification-toast', { hasText: /Synchronize attributes on .*\d+\/1/ })
      .waitFor({ state: 'hidden', timeout: 10_000 })
      .catch(() => undefined);
    await screenshot(page, 'actions');

    const posts = (await simRequests(mark)).filter((r) => r.method === 'POST' && r.path.endsWith('/synchronize-attributes'));
    assert.strictEqual(posts.length, 1);
    assert.strictEqual(posts[0].status, 202);
  });

  it('delete: Enter in the modal keeps the identity (Keep Identity is the default button), nothing is sent', async () => {
    assert.ok(session);
    const { page } = session;
    const row = await identityRow(page, 8);
    const mark = await lastSeq();
    await runFromContextMenu(page, row, 'Delete Identity…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 45_000 });
    const buttons = (await dialog.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((text) => text.trim());
    assert.strictEqual(buttons[0], 'Keep Identity', `buttons: ${buttons.join(', ')}`);
    assert.ok(buttons.includes('Delete…'), `buttons: ${buttons.join(', ')}`);
    await screenshot(page, 'actions-delete-modal');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    // No name is asked: the run ended at the modal.
    assert.strictEqual(await page.locator('.quick-input-widget', { hasText: 'Type the identity' }).isVisible(), false);
    assert.deepStrictEqual((await simRequests(mark)).filter((r) => r.method === 'DELETE'), [], 'nothing deleted');
  });
});
