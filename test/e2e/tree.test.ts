// The "Identities" tree in Chromium via code-server with the packaged extension: expand, load more, filter that
// survives a reload, preview tabs, Find identity, welcome content and Add tenant through the real UI. Screenshot tree.png.
import * as assert from 'assert';
import type { Locator, Page } from 'playwright-core';
import type { WorkbenchSession } from '../harness/codeServer';
import { e2eSimulator, runCommand, screenshot, startCodeServerWithExtension, waitForWorkbench } from '../harness/codeServer';
import { panelDocument, panelFrame } from './panelPage';

/** The activity-bar container; with one view VS Code's header reads "SAILPOINT ISC: IDENTITIES". */
const VIEW_TITLE = 'SailPoint ISC';
let shotPage: Page | undefined;

function sidebarRows(page: Page): Locator {
  return page.locator('.part.sidebar .monaco-list-row');
}

/** Shows the view (the palette command shows it; clicking the activity-bar item would toggle it). */
async function openView(page: Page): Promise<void> {
  await runCommand(page, `View: Show ${VIEW_TITLE}`);
  await page.locator('.part.sidebar .composite.title .title-label', { hasText: new RegExp(VIEW_TITLE, 'i') }).waitFor({ state: 'visible', timeout: 30_000 });
}

/** Drags the sidebar's right edge so that the sidebar is `width` pixels wide. */
async function widenSidebar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const edge = box.x + box.width;
  await page.mouse.move(edge - 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** Puts the keyboard focus on the (expanded) first tenant row. */
async function focusTenantRow(page: Page): Promise<void> {
  await runCommand(page, 'View: Focus into Primary Side Bar');
  await page.keyboard.press('Home');
  const first = sidebarRows(page).first();
  await first.and(page.locator('.focused')).waitFor({ state: 'visible', timeout: 10_000 });
  if ((await first.getAttribute('aria-expanded')) === 'false') await page.keyboard.press('ArrowRight');
}

/** Presses End (focus in the tree) until a row matching `text` shows: the list grows while pages load. */
async function endUntil(page: Page, text: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('End');
    if (await sidebarRows(page).filter({ hasText: text }).first().isVisible().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`no row matching ${text} at the end of the tree`);
    await page.waitForTimeout(250);
  }
}

async function notificationTexts(page: Page): Promise<string> {
  return (await page.locator('.notifications-toasts, .notifications-center').allInnerTexts().catch(() => [])).join('\n');
}

/** Every notification of the session (the center keeps those whose toasts are gone). */
async function allNotifications(page: Page): Promise<string> {
  await runCommand(page, 'Notifications: Show Notifications');
  const center = page.locator('.notifications-center');
  await center.waitFor({ state: 'visible', timeout: 10_000 });
  const text = (await center.allInnerTexts()).join('\n');
  await runCommand(page, 'Notifications: Hide Notifications');
  return text;
}

describe('tree (browser)', function () {
  this.timeout(240_000);

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && shotPage) await screenshot(shotPage, `tree-failed-${(this.currentTest.title ?? 'test').slice(0, 40)}`).catch(() => undefined);
  });

  describe('with the environment tenant', () => {
    let session: WorkbenchSession | undefined;
    const page = (): Page => {
      assert.ok(session, 'code-server session');
      return session.page;
    };

    before(async () => {
      session = await startCodeServerWithExtension();
      shotPage = session.page;
    });

    after(async () => {
      await session?.close();
    });

    it('expands the environment tenant: identities with codicons and descriptions (tree.png)', async () => {
      await openView(page());
      // Two views (Identities, Jobs): the container's title heads the side bar, each view its own pane.
      const header = page().locator('.part.sidebar .composite.title .title-label').first();
      assert.match(await header.innerText(), /^SailPoint ISC$/i, 'the header names the container once');
      await page().locator('.part.sidebar .pane-header', { hasText: /^\s*Identities/i }).first().waitFor({ state: 'visible', timeout: 10_000 });
      const tenantRow = sidebarRows(page()).filter({ hasText: '(environment)' }).first();
      await tenantRow.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await tenantRow.innerText(), /read-only/);
      const started = Date.now();
      await tenantRow.click();
      await sidebarRows(page()).nth(10).waitFor({ state: 'visible', timeout: 30_000 });
      console.log(`    click on the tenant -> 10+ identity rows visible: ${Date.now() - started} ms`);
      // The count of X-Total-Count shows on the tenant row once the first page is there.
      await tenantRow.filter({ hasText: /\d[\d,]* identities/ }).waitFor({ state: 'visible', timeout: 10_000 });
      assert.ok((await page().locator('.part.sidebar .monaco-list-row .codicon-person, .part.sidebar .monaco-list-row .codicon-error, .part.sidebar .monaco-list-row .codicon-lock').count()) > 0);
      await widenSidebar(page(), 520); // room for descriptions (alias, "read-only · filter…") in the screenshot
      await page().mouse.move(900, 600); // no tooltip over the tree
      await screenshot(page(), 'tree');
      assert.ok(!/already registered/i.test(await notificationTexts(page())));

      // Role assignments under an identity (twistie: expand without opening the details panel).
      const manyRoles = sidebarRows(page()).filter({ hasText: 'Rolf Many-Roles' }).first();
      await manyRoles.locator('.monaco-tl-twistie').click();
      await sidebarRows(page()).filter({ hasText: /added \d{4}-\d{2}-\d{2}/ }).nth(5).waitFor({ state: 'visible', timeout: 20_000 });
      await page().mouse.move(900, 600);
      await screenshot(page(), 'tree-role-assignments');

      // A click on the last role assignment: its details are scrolled into view and focused in the (preview) panel.
      const roleRows = sidebarRows(page()).filter({ hasText: /added \d{4}-\d{2}-\d{2}/ });
      await roleRows.last().click();
      const frame = panelFrame(page());
      await frame.locator('#section-assignment dl.facts').first().waitFor({ state: 'visible', timeout: 30_000 });
      // Focus stays in the tree (a preview), but inside the panel the details heading holds the focus for later.
      const state = (await (await panelDocument(page())).evaluate(`(() => {
        const e = document.querySelector('#section-assignment h3');
        const r = e.getBoundingClientRect();
        return { inView: r.top >= 0 && r.bottom <= window.innerHeight, focused: document.activeElement === e };
      })()`)) as { inView: boolean; focused: boolean };
      assert.deepStrictEqual(state, { inView: true, focused: true }, 'the details heading is on screen and focused');
      await screenshot(page(), 'tree-assignment-details');
      await runCommand(page(), 'View: Close All Editors');
      await manyRoles.locator('.monaco-tl-twistie').click();
    });

    it('a click opens the details in a preview tab that the next click replaces; a double click keeps it; ctrl+click opens nothing', async () => {
      await runCommand(page(), 'View: Close All Editors');
      await openView(page());
      const rows = page().locator('.part.sidebar .monaco-list-row[aria-level="2"]');
      await rows.nth(12).waitFor({ state: 'visible', timeout: 30_000 });
      const nameOf = async (row: Locator) => (await row.locator('.label-name').first().innerText()).trim();
      const [a, b, c, d] = [rows.nth(8), rows.nth(9), rows.nth(10), rows.nth(11)];
      const [nameA, nameB, nameC, nameD] = [await nameOf(a), await nameOf(b), await nameOf(c), await nameOf(d)];
      const tabs = page().locator('.editor-group-container .tabs-container .tab');
      const tab = (name: string) => tabs.filter({ hasText: name });

      await a.click();
      await tab(nameA).waitFor({ state: 'visible', timeout: 30_000 });
      await b.click();
      await tab(nameB).waitFor({ state: 'visible', timeout: 30_000 });
      await tab(nameA).waitFor({ state: 'detached', timeout: 10_000 });
      assert.strictEqual(await tabs.count(), 1, 'the preview was replaced, not added to');
      await panelFrame(page()).locator('h1.identity-name', { hasText: nameB }).waitFor({ state: 'visible', timeout: 30_000 });

      await b.dblclick();
      await page().waitForTimeout(700);
      await c.click();
      await tab(nameC).waitFor({ state: 'visible', timeout: 30_000 });
      assert.strictEqual(await tab(nameB).count(), 1, 'the double-clicked panel stays');
      assert.strictEqual(await tabs.count(), 2);

      await d.click({ modifiers: ['Control'] });
      await page().waitForTimeout(1_500);
      assert.strictEqual(await tab(nameD).count(), 0, 'a multi-selection opens no panel');
      assert.strictEqual(await tabs.count(), 2);
      await screenshot(page(), 'tree-preview-tabs');
      await runCommand(page(), 'View: Close All Editors');
    });

    it('loads more with the keyboard, repeatedly and under refresh, with no "already registered" error', async () => {
      await focusTenantRow(page());
      await sidebarRows(page()).nth(10).waitFor({ state: 'visible', timeout: 30_000 });
      await endUntil(page(), /Load more… \(250\/\d+\)/);
      // Two Enters: the second is ignored while the page loads, or loads the next one when the first came back already.
      await page().keyboard.press('Enter');
      await page().keyboard.press('Enter');
      await endUntil(page(), /Load more… \((500|750)\/\d+\)/);
      // Load more and refresh at once, twice: the tree must neither break nor duplicate rows.
      for (let i = 0; i < 2; i++) {
        await page().keyboard.press('Enter');
        if (i === 1) await page().keyboard.press('Enter');
        // Two views in the container: the Identities pane's own header holds its actions, shown on hover.
        await page().locator('.part.sidebar .pane-header', { hasText: /Identities/i }).first().hover();
        await page().locator('.part.sidebar .pane-header [aria-label^="Refresh All Tenants"]').first().click();
        await focusTenantRow(page());
        await endUntil(page(), /Load more… \(250\/\d+\)/);
      }
      await page().keyboard.press('Home');
      const notes = await allNotifications(page());
      assert.ok(!/already registered/i.test(notes), `no "element already registered" error; notifications: ${notes}`);
    });

    it('filters with the quick input; the filter shows on the tenant and survives a reload', async () => {
      await runCommand(page(), 'ISC: Filter Identities…');
      const input = page().locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill('Ma'); // parsed as typed: the conditions that fit "Ma", in the same quick pick
      const condition = page().locator('.quick-input-widget .monaco-list-row', { hasText: 'name sw "Ma"' }).first();
      await condition.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await page().locator('.quick-input-widget .monaco-list-row').first().innerText(), /name sw "Ma"/, 'name sw first');
      assert.strictEqual(await page().locator('.quick-input-widget .monaco-list-row', { hasText: 'cloudStatus' }).count(), 0, 'no status named "MA"');
      await screenshot(page(), 'tree-filter-conditions');
      await page().keyboard.press('Enter');
      const tenantRow = sidebarRows(page()).filter({ hasText: '(environment)' }).first();
      await tenantRow.filter({ hasText: 'filter: name sw "Ma"' }).waitFor({ state: 'visible', timeout: 20_000 });
      await sidebarRows(page()).filter({ hasText: /^Ma/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
      await screenshot(page(), 'tree-filtered');

      // With a filter active, Enter asks and / or / replace and shows what each results in.
      await runCommand(page(), 'ISC: Filter Identities…');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill('locked');
      // The items for "locked" (the status named in full first, then the name conditions), not those of before.
      await page().locator('.quick-input-widget .monaco-list-row', { hasText: 'name sw "locked"' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await page().locator('.quick-input-widget .monaco-list-row').first().innerText(), /cloudStatus eq "LOCKED"/);
      await page().keyboard.press('Enter');
      const narrowed = page().locator('.quick-input-widget .monaco-list-row', { hasText: '(name sw "Ma") and (cloudStatus eq "LOCKED")' });
      await narrowed.waitFor({ state: 'visible', timeout: 10_000 });
      await page().locator('.quick-input-widget .monaco-list-row', { hasText: '(name sw "Ma") or (cloudStatus eq "LOCKED")' }).waitFor({ state: 'visible' });
      await screenshot(page(), 'tree-filter-combine');
      await page().keyboard.press('Escape');

      // An unknown field is named, with the fields that can be filtered.
      await runCommand(page(), 'ISC: Filter Identities…');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill('manager.name eq "x"');
      const problem = page().locator('.quick-input-widget .monaco-list-row', { hasText: '"manager.name" is not filterable' });
      await problem.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await problem.innerText(), /processingState/);
      await page().keyboard.press('Escape');

      await page().reload({ waitUntil: 'domcontentloaded' });
      await waitForWorkbench(page());
      await openView(page());
      await sidebarRows(page()).filter({ hasText: 'filter: name sw "Ma"' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await runCommand(page(), 'ISC: Clear Filter');
      await sidebarRows(page()).filter({ hasText: '(environment)' }).filter({ hasNotText: 'filter:' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    });

    it('finds O"Brien \\ #1 & co by typing its name (Find identity)', async () => {
      await runCommand(page(), 'ISC: Find Identity…');
      const input = page().locator('.quick-input-widget .quick-input-box input[placeholder*="identity ID"]');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.pressSequentially('O"Bri', { delay: 40 });
      const row = page().locator('.quick-input-widget .monaco-list-row', { hasText: 'O"Brien \\ #1 & co' }).first();
      await row.waitFor({ state: 'visible', timeout: 20_000 });
      await screenshot(page(), 'tree-find-identity');
      await page().keyboard.press('Enter');
      await page().locator('.tabs-container .tab', { hasText: 'Brien' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    });
  });

  describe('without a tenant', () => {
    let session: WorkbenchSession | undefined;
    const page = (): Page => {
      assert.ok(session, 'code-server session');
      return session.page;
    };

    before(async () => {
      session = await startCodeServerWithExtension({ tenant: false });
      shotPage = session.page;
    });

    after(async () => {
      await session?.close();
    });

    it('shows the welcome content, then adds a tenant through the UI: a wrong secret is explained, Edit and Retry works', async () => {
      const sim = e2eSimulator();
      await openView(page());
      const welcome = page().locator('.part.sidebar .welcome-view-content');
      await welcome.filter({ hasText: 'No SailPoint Identity Security Cloud tenant yet' }).waitFor({ state: 'visible', timeout: 30_000 });
      await screenshot(page(), 'tree-welcome');
      await welcome.getByRole('button', { name: 'Add Tenant' }).click();

      const input = page().locator('.quick-input-widget .quick-input-box input');
      /** Waits for input box `step` ("1/3"…), checks its prefilled value, types `text` (if given) and confirms. */
      const step = async (which: string, text?: string, prefilled?: string): Promise<void> => {
        await page().locator('.quick-input-widget .quick-input-title', { hasText: `(${which})` }).waitFor({ state: 'visible', timeout: 15_000 });
        if (prefilled !== undefined) assert.strictEqual(await input.inputValue(), prefilled);
        if (text !== undefined) await input.fill(text);
        await page().keyboard.press('Enter');
      };
      await step('1/3', sim.url);
      await step('2/3', sim.clientId);
      await step('3/3', 'not-the-secret');
      const toast = page().locator('.notifications-toasts .notification-toast', { hasText: 'rejected' }).first();
      await toast.waitFor({ state: 'visible', timeout: 30_000 });
      await screenshot(page(), 'tree-add-tenant-wrong-secret');
      await toast.getByRole('button', { name: 'Edit and Retry' }).click();
      await step('1/3', undefined, sim.url); // URL and client id are kept; the secret is asked again
      await step('2/3', undefined, sim.clientId);
      await step('3/3', sim.clientSecret, '');
      const tenantRow = sidebarRows(page()).filter({ hasText: /127\.0\.0\.1/ }).first();
      await tenantRow.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await tenantRow.innerText(), /read-only/);
      await page().locator('.statusbar-item', { hasText: '127.0.0.1' }).first().waitFor({ state: 'visible', timeout: 10_000 });

      // The same URL and client ID again: refused at the client ID, before the secret is asked.
      await runCommand(page(), 'ISC: Add Tenant…');
      await step('1/3', sim.url);
      await page().locator('.quick-input-widget .quick-input-title', { hasText: '(2/3)' }).waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill(sim.clientId);
      const refusal = page().locator('.quick-input-widget .quick-input-message', { hasText: 'already added' });
      await refusal.waitFor({ state: 'visible', timeout: 10_000 });
      await screenshot(page(), 'tree-add-tenant-duplicate');
      await page().keyboard.press('Enter');
      await page().waitForTimeout(500);
      assert.strictEqual(await page().locator('.quick-input-widget .quick-input-title', { hasText: '(3/3)' }).count(), 0, 'no secret step');
      await page().keyboard.press('Escape');
    });
  });
});
