// Compare Identities in Chromium via code-server with the packaged extension: two Find Identity steps from the
// palette, the side-by-side page, a difference seen, "Hide equal" by keyboard, no CSP violation. Screenshot
// docs/images/compare.png (the README's).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { FIXTURE_IDS, HOSTILE_NAME, HOSTILE_SCRIPT } from '../../sim/fixtures';
import type { WorkbenchSession } from '../harness/codeServer';
import { runCommand, screenshot, startCodeServerWithExtension } from '../harness/codeServer';
import { repoRoot } from '../harness/paths';
import { FRAME_PROBE, census, panelDocument, panelFrame } from './panelPage';

/** One Find Identity step: the quick pick titled "identity N of 2", the identity found by its id. */
async function openComparison(page: Page, a: string, b: string): Promise<void> {
  await runCommand(page, 'ISC: Compare Identities');
  // One tenant: the tenant pickers are skipped; two identity steps follow.
  await findIdentityStep(page, 1, a);
  await findIdentityStep(page, 2, b);
}

async function findIdentityStep(page: Page, step: number, identityId: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: `identity ${step} of 2` }).waitFor({ state: 'visible', timeout: 15_000 });
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(identityId);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: identityId }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
}

describe('compare identities (browser)', function () {
  this.timeout(240_000);
  let session: WorkbenchSession | undefined;
  const cspConsole: string[] = [];

  const page = () => {
    assert.ok(session, 'code-server session');
    return session.page;
  };

  before(async () => {
    session = await startCodeServerWithExtension();
    await session.page.context().addInitScript(FRAME_PROBE);
    session.page.on('console', (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply|run|connect|frame)/i.test(message.text())) cspConsole.push(message.text());
    });
  });

  after(async () => {
    await session?.close();
  });

  it('compares two identities found from the palette and shows where they differ (compare.png)', async () => {
    await openComparison(page(), FIXTURE_IDS.owner, FIXTURE_IDS.obrien);

    const frame = panelFrame(page());
    await frame.locator('#compare-attributes table').waitFor({ state: 'visible', timeout: 45_000 });
    assert.strictEqual((await frame.locator('.side-a .side-name').innerText()).trim(), 'Olivia Owner');
    assert.strictEqual((await frame.locator('.side-b .side-name').innerText()).trim(), 'O"Brien \\ #1 & co');
    const firstRow = frame.locator('#compare-attributes tbody tr').first();
    assert.notStrictEqual(await firstRow.getAttribute('data-status'), 'equal', 'a difference comes first');
    const differing = await frame.locator('#compare-attributes tbody tr:not([data-status="equal"])').count();
    const equal = await frame.locator('#compare-attributes tbody tr[data-status="equal"]').count();
    assert.ok(differing > 0, 'the two identities differ in some attribute');
    assert.match(await frame.locator('#compare-summary .summary').innerText(), /of \d+ attributes differ/);
    assert.ok((await frame.locator('#roles-onlyA tbody tr, #roles-onlyB tbody tr, #roles-both tbody tr').count()) > 0, 'role assignments are listed');
    assert.ok((await frame.locator('#compare-ownership tbody tr').count()) > 0, 'Olivia Owner owns objects');
    assert.ok((await frame.locator('.codicon').count()) > 0, 'status icons are codicons');

    // Keyboard: "Hide equal" is reachable and works with Space; focus stays on it.
    const toggle = frame.locator('button.hide-equal');
    await toggle.focus();
    await page().keyboard.press('Space');
    await frame.locator('button.hide-equal[aria-pressed="true"]').waitFor({ timeout: 10_000 });
    assert.strictEqual(await frame.locator('#compare-attributes tbody tr:not([hidden])').count(), differing, 'only differences shown');
    if (equal > 0) assert.match(await frame.locator('#compare-attributes .hidden-note').innerText(), /equal attributes? hidden/);
    const focused = await (await panelDocument(page())).evaluate('document.activeElement && document.activeElement.className');
    assert.match(String(focused), /hide-equal/, 'focus stays on the toggle after the repaint');
    await page().keyboard.press('Space');
    await frame.locator('button.hide-equal[aria-pressed="false"]').waitFor({ timeout: 10_000 });

    const result = await census(await panelDocument(page()));
    assert.deepStrictEqual(result.violations, [], 'no CSP violation in the compare page');
    assert.deepStrictEqual(cspConsole, [], 'console clean of CSP violations');
    assert.deepStrictEqual(result.styledElements, [], 'no style="" attributes');
    assert.strictEqual(result.anchorsWithHref, 0, 'no data-provided links');

    await (await panelDocument(page())).evaluate('window.scrollTo(0, 0)');
    await page().waitForTimeout(300);
    const shot = await screenshot(page(), 'compare');
    fs.mkdirSync(path.join(repoRoot, 'docs', 'images'), { recursive: true });
    fs.copyFileSync(shot, path.join(repoRoot, 'docs', 'images', 'compare.png'));
  });

  it('shows a hostile identity as literal text: no script runs, no element is created from data', async () => {
    await runCommand(page(), 'View: Close All Editors');
    await openComparison(page(), FIXTURE_IDS.hostile, FIXTURE_IDS.obrien);
    const frame = panelFrame(page());
    await frame.locator('#compare-attributes table').waitFor({ state: 'visible', timeout: 45_000 });
    assert.strictEqual(await frame.locator('.side-a .side-name .value-text').innerText(), HOSTILE_NAME);
    const result = await census(await panelDocument(page()));
    assert.strictEqual(result.pwned, undefined, 'window.__pwned stays unset in the compare page');
    assert.strictEqual(await page().evaluate('window.__pwned'), undefined, 'and in the workbench');
    const ours = result.scripts.filter((s) => /\/dist\/compare\/main\.js$/.test(s.src));
    const others = result.scripts.filter((s) => !ours.includes(s) && !/acquireVsCodeApi/.test(s.inline));
    assert.strictEqual(ours.length, 1, 'the page script');
    assert.deepStrictEqual(others, [], 'no other script element');
    assert.strictEqual(result.images, 0, 'no <img> from data');
    assert.strictEqual(result.dangerous, 0, 'no svg/iframe/object/embed/base/form from data');
    assert.deepStrictEqual(result.violations, [], 'no CSP violation');
    assert.ok(result.text.includes(HOSTILE_SCRIPT), 'the script text is shown as text');
  });
});
