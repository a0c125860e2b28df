// Browser e2e: "Synchronize Attributes" from the tree's context menu in code-server (Chromium): right-click an
// identity row, choose the menu item, confirm VS Code's modal dialog, see the result notification. Delete from the
// palette: Enter in its modal keeps the identity.
// Screenshot: test-results/screenshots/actions.png.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import type { WorkbenchSession } from '../harness/codeServer';
import { e2eSimulator, runCommand, screenshot, startCodeServerWithExtension } from '../harness/codeServer';
import { simLastSeq, simRequestsSince } from '../harness/simulator';
import type { SimRequestRecord } from '../../sim/requestLog';
import { parseOwnershipDetails } from '../../src/api/ownership';

const simRequests = (since: number): Promise<SimRequestRecord[]> => simRequestsSince(e2eSimulator().url, since);
const lastSeq = (): Promise<number> => simLastSeq(e2eSimulator().url);

/** Opens the "SailPoint ISC" view and expands the environment tenant; returns a plain identity row. */
async function identityRow(page: Page): Promise<ReturnType<Page['locator']>> {
  await page.locator('.activitybar [aria-label^="SailPoint ISC"]').first().click();
  const tree = page.locator('.part.sidebar .monaco-list').first();
  const tenantRow = tree.locator('.monaco-list-row[aria-level="1"]').first();
  await tenantRow.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await tenantRow.getAttribute('aria-expanded')) !== 'true') await tenantRow.click();
  const rows = tree.locator('.monaco-list-row[aria-level="2"]');
  await rows.nth(6).waitFor({ state: 'visible', timeout: 45_000 });
  // A few rows down: the first ones may be the simulator's fixtures (hostile names), which other tests use.
  return rows.nth(5);
}

/** An identity the simulator would delete: not protected, owning nothing (from list offset 1700, clear of fixtures). */
async function deletableIdentityId(): Promise<string> {
  const sim = e2eSimulator();
  const token = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret }),
  });
  const headers = { Authorization: `Bearer ${((await token.json()) as { access_token: string }).access_token}` };
  const list = (await (await fetch(`${sim.url}/v2025/identities?offset=1700&limit=20&defaultFilter=NONE`, { headers })).json()) as { id: string }[];
  for (const { id } of list) {
    const state = (await (await fetch(`${sim.url}/__sim/identities/${id}`)).json()) as { protected: boolean };
    if (state.protected) continue;
    const ownership = parseOwnershipDetails(await (await fetch(`${sim.url}/v2025/identities/${id}/ownership`, { headers })).json());
    if (ownership.groups.every((group) => group.entities.length === 0)) return id;
  }
  throw new Error('no deletable identity in the simulator');
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

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) await screenshot(session.page, `actions-failed-${(this.currentTest.title ?? 'test').slice(0, 40)}`).catch(() => undefined);
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
    // A click that lands while the menu is still settling is ignored by VS Code (the menu stays open): click until it
    // closes. Once it has closed the command has started, so it is never clicked twice.
    for (let attempt = 1; ; attempt++) {
      await item.hover();
      await item.click();
      try {
        await item.waitFor({ state: 'hidden', timeout: 3_000 });
        break;
      } catch (error) {
        if (attempt >= 4) throw error;
      }
    }
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
    const id = await deletableIdentityId();
    const mark = await lastSeq();
    // From the palette: one tenant, so the Find identity step comes at once; the identity is found by its id.
    await runCommand(page, 'ISC: Delete Identity');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Delete identity: find identity' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.quick-input-widget .quick-input-box input').fill(id);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: id }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 45_000 });
    const buttons = await dialog.locator('.dialog-buttons .monaco-button').evaluateAll((nodes) =>
      nodes.map((node) => ({ text: (node.textContent ?? '').trim(), classes: node.className, focused: node === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement })),
    );
    // VS Code styles the primary button without `secondary` and focuses it; the DOM order differs per platform.
    const primary = buttons.filter((button) => !/\bsecondary\b/.test(button.classes)).map((button) => button.text);
    assert.deepStrictEqual(primary, ['Keep Identity'], `the primary button; buttons: ${JSON.stringify(buttons)}`);
    const focused = buttons.find((button) => button.focused);
    assert.strictEqual(focused?.text, 'Keep Identity', `the focused (Enter) button; buttons: ${JSON.stringify(buttons)}`);
    assert.ok(buttons.some((button) => button.text === 'Delete…'), `buttons: ${JSON.stringify(buttons)}`);
    await screenshot(page, 'actions-delete-modal');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    // No name is asked: the run ended at the modal.
    assert.strictEqual(await page.locator('.quick-input-widget', { hasText: 'Type the identity' }).isVisible(), false);
    assert.deepStrictEqual((await simRequests(mark)).filter((r) => r.method === 'DELETE'), [], 'nothing deleted');
  });
});
