// The identities table in Chromium via code-server with the packaged extension: rows painted, a far jump, sort,
// quick filter, saving the query as a saved filter, keyboard selection, an action through the guard's modal, and hostile values shown as text.
// Screenshot: test-results/screenshots/table.png (the README's docs/images/table.png).
import * as assert from 'assert';
import type { FrameLocator, Page } from 'playwright-core';
import { IscClient } from '../../src/api/iscClient';
import { displayText } from '../../src/model/identityDisplay';
import { HOSTILE_IMG, HOSTILE_SCRIPT } from '../../sim/fixtures';
import type { WorkbenchSession } from '../harness/codeServer';
import { e2eSimulator, runCommand, screenshot, startCodeServerWithExtension, waitForWorkbench } from '../harness/codeServer';
import { FRAME_PROBE, census, panelDocument, panelFrame } from './panelPage';

const TOTAL = 2000;

async function openTable(page: Page): Promise<FrameLocator> {
  await runCommand(page, 'ISC: Open Identities Table');
  const frame = panelFrame(page);
  await frame.locator('.grid-row.row').nth(5).waitFor({ state: 'visible', timeout: 45_000 });
  return frame;
}

/** Names of the painted (loaded) rows, top to bottom. */
async function rowNames(frame: FrameLocator): Promise<string[]> {
  const rows = await frame.locator('.grid-row.row').evaluateAll((elements) =>
    elements
      .map((e) => ({ top: e.getBoundingClientRect().top, name: e.querySelector('[data-column="name"] .cell-text')?.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((r) => r.name),
  );
  return rows;
}

describe('identities table (browser)', function () {
  this.timeout(240_000);
  let session: WorkbenchSession | undefined;
  let client: IscClient;
  const cspConsole: string[] = [];

  const page = (): Page => {
    assert.ok(session, 'code-server session');
    return session.page;
  };

  before(async () => {
    const sim = e2eSimulator();
    client = new IscClient({ baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret });
    session = await startCodeServerWithExtension({ settings: { 'iscExplorer.environmentTenant.readOnly': false } });
    await session.page.context().addInitScript(FRAME_PROBE);
    session.page.on('console', (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply|run|connect|frame)/i.test(message.text())) cspConsole.push(message.text());
    });
  });

  after(async () => {
    client?.dispose();
    await session?.close();
  });

  it('opens from the palette and paints the first rows, with the total (table.png)', async () => {
    const frame = await openTable(page());
    const first = (await client.listIdentities({ limit: 5 })).items.map((i) => displayText(i.name, 300));
    assert.deepStrictEqual((await rowNames(frame)).slice(0, 5), first);
    assert.match(await frame.locator('.status-line').innerText(), new RegExp(`250 of ${TOTAL.toLocaleString('en-US')} loaded`));
    assert.strictEqual(await frame.locator('[role="grid"]').getAttribute('aria-rowcount'), String(TOTAL + 1));
    assert.ok((await frame.locator('[role="columnheader"]').count()) >= 6);
    await frame.locator('.grid-row.row').nth(4).click();
    await page().keyboard.press('Shift+ArrowDown');
    await page().keyboard.press('Shift+ArrowDown');
    await page().waitForTimeout(300);
    await screenshot(page(), 'table');
  });

  it('jumps to the end with End: the last rows are loaded without the pages in between', async () => {
    const frame = panelFrame(page());
    await frame.locator('[role="grid"]').focus();
    await page().keyboard.press('End');
    const last = frame.locator(`.grid-row.row[aria-rowindex="${TOTAL + 1}"]`);
    await last.waitFor({ state: 'visible', timeout: 30_000 });
    const expected = (await client.listIdentities({ offset: TOTAL - 1, limit: 1 })).items[0];
    assert.strictEqual(await last.locator('[data-column="name"] .cell-text').innerText(), displayText(expected.name, 300));
    assert.match(await frame.locator('.status-line').innerText(), /500 of 2,000 loaded/, 'page 0 and the last page only');
    await page().keyboard.press('Home');
    await frame.locator('.grid-row.row[aria-rowindex="2"]').waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('sorts on the server by clicking the Name header, and the quick filter narrows the loaded rows at once', async () => {
    const frame = panelFrame(page());
    await frame.locator('.header-button[data-column="name"]').click();
    await frame.locator('[role="columnheader"][data-column="name"][aria-sort="ascending"]').waitFor({ timeout: 10_000 });
    const sorted = (await client.listIdentities({ sorters: 'name', limit: 5 })).items.map((i) => displayText(i.name, 300));
    await frame.locator('.grid-row.row').nth(4).waitFor({ state: 'visible', timeout: 30_000 });
    let names: string[] = [];
    for (let i = 0; i < 40 && JSON.stringify((names = (await rowNames(frame)).slice(0, 5))) !== JSON.stringify(sorted); i++) await page().waitForTimeout(250);
    assert.deepStrictEqual(names, sorted);

    const needle = sorted[2].split(' ')[0];
    await frame.locator('.quick-filter').fill(needle);
    await page().waitForTimeout(200);
    const texts = await frame.locator('.grid-row.row').evaluateAll((rows) => rows.map((row) => (row.textContent ?? '').toLowerCase()));
    assert.ok(texts.length > 0, 'rows match');
    assert.ok(texts.length < 250, 'fewer rows than loaded');
    assert.ok(texts.every((text) => text.includes(needle.toLowerCase())), 'every row shown contains the text');
    assert.match(await frame.locator('.status-line').innerText(), /of the loaded rows shown/);
    await frame.locator('.quick-filter').fill('');
  });

  it('saves the table\'s query as a saved filter from the toolbar\'s Save Filter… button, asking its name', async () => {
    const frame = panelFrame(page());
    await frame.locator('.toolbar button', { hasText: 'Save Filter…' }).click();
    await page().locator('.quick-input-widget .quick-input-title', { hasText: 'Save the filter of' }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await page().locator('.quick-input-widget').innerText(), /Lists: sort: /, 'the prompt says what the table lists');
    await page().locator('.quick-input-widget .quick-input-box input').fill('Sorted in the table');
    await page().keyboard.press('Enter');
    await page().locator('.statusbar', { hasText: 'Saved the filter "Sorted in the table"' }).waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('selects with the keyboard and runs an action through the guard\'s modal (cancelled: nothing sent)', async () => {
    const frame = panelFrame(page());
    await frame.locator('[role="grid"]').focus();
    await page().keyboard.press('Home');
    await page().keyboard.press('ArrowDown');
    await page().keyboard.press(' ');
    await page().keyboard.press('ArrowDown');
    await page().keyboard.press(' ');
    await frame.locator('.grid-row[aria-selected="true"]').nth(1).waitFor({ timeout: 10_000 });
    assert.strictEqual(await frame.locator('.grid-row[aria-selected="true"]').count(), 2);
    assert.match(await frame.locator('.selection-text').innerText(), /2 selected/);
    const info = (await (await fetch(`${e2eSimulator().url}/__sim/info`)).json()) as { lastSeq: number };
    await frame.locator('button[data-action="processIdentities"]').click();
    const dialog = page().locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await dialog.innerText(), /Process identities/);
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Cancel$/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    const since = (await (await fetch(`${e2eSimulator().url}/__sim/requests?since=${info.lastSeq}`)).json()) as { method: string; path: string }[];
    assert.deepStrictEqual(since.filter((r) => r.method === 'POST' && r.path.startsWith('/v2025/')), [], 'nothing sent');
  });

  it('shows hostile identity values as text: no script runs, no element is made from data', async () => {
    const frame = panelFrame(page());
    await frame.locator('.quick-filter').fill('pwned');
    await frame.locator('.grid-row.row').first().waitFor({ state: 'visible', timeout: 10_000 });
    const doc = await panelDocument(page());
    const result = await census(doc);
    assert.strictEqual(result.pwned, undefined);
    assert.strictEqual(await page().evaluate('window.__pwned'), undefined);
    assert.deepStrictEqual(result.violations, []);
    assert.deepStrictEqual(cspConsole, []);
    const ours = result.scripts.filter((s) => /\/dist\/table\/main\.js$/.test(s.src));
    assert.strictEqual(ours.length, 1);
    assert.deepStrictEqual(result.scripts.filter((s) => !ours.includes(s) && !/acquireVsCodeApi/.test(s.inline)), []);
    assert.strictEqual(result.images, 0);
    assert.strictEqual(result.dangerous, 0);
    assert.strictEqual(result.anchorsWithHref, 0);
    assert.ok(result.text.includes(HOSTILE_IMG) && result.text.includes(HOSTILE_SCRIPT), 'the markup is shown as text');
    await frame.locator('.quick-filter').fill('');
  });

  it('comes back after a window reload with its quick filter', async () => {
    const frame = panelFrame(page());
    await frame.locator('.quick-filter').fill('Olivia');
    await frame.locator('.grid-row.row').first().waitFor({ state: 'visible', timeout: 10_000 });
    await page().waitForTimeout(500); // the view state is saved with the next render report
    const navigated = page().waitForEvent('framenavigated', { predicate: (f) => f === page().mainFrame(), timeout: 60_000 });
    await runCommand(page(), 'Developer: Reload Window');
    await navigated;
    await waitForWorkbench(page());
    const restored = panelFrame(page());
    try {
      await restored.locator('.grid-row.row').first().waitFor({ state: 'visible', timeout: 60_000 });
    } catch (error) {
      await screenshot(page(), 'table-reload-failure');
      console.log(`    tabs after reload: ${JSON.stringify(await page().locator('.tabs-container .tab').allInnerTexts())}`);
      throw error;
    }
    assert.strictEqual(await restored.locator('.quick-filter').inputValue(), 'Olivia');
    const texts = await restored.locator('.grid-row.row').evaluateAll((rows) => rows.map((row) => row.textContent ?? ''));
    assert.ok(texts.length > 0 && texts.every((text) => /olivia/i.test(text)));
  });
});
