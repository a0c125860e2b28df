// Details panels in Chromium via code-server with the packaged extension: real clicks and keys, screenshots,
// and proof that hostile identity data is shown as text and never runs.
import * as assert from 'assert';
import { FIXTURE_IDS, HOSTILE_IMG, HOSTILE_NAME, HOSTILE_SCRIPT } from '../../sim/fixtures';
import type { WorkbenchSession } from '../harness/codeServer';
import { runCommand, screenshot, startCodeServerWithExtension, waitForWorkbench } from '../harness/codeServer';
import { FRAME_PROBE, census, openIdentityFromPalette, panelDocument, panelFrame, waitForPaintedPanel } from './panelPage';

describe('details panels (browser)', function () {
  this.timeout(240_000);
  let session: WorkbenchSession | undefined;
  const dialogs: string[] = [];
  const cspConsole: string[] = [];
  const timings: number[] = [];

  const page = () => {
    assert.ok(session, 'code-server session');
    return session.page;
  };

  const closeEditors = async () => {
    await runCommand(page(), 'View: Close All Editors');
    await page().locator('iframe.webview:visible').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  };

  before(async () => {
    session = await startCodeServerWithExtension();
    await session.page.context().addInitScript(FRAME_PROBE);
    session.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss().catch(() => undefined);
    });
    session.page.on('console', (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply|run|connect|frame)/i.test(message.text())) cspConsole.push(message.text());
    });
  });

  after(async () => {
    if (timings.length > 0) console.log(`    palette Enter -> panel painted (browser): ${timings.map((ms) => `${ms} ms`).join(', ')}`);
    await session?.close();
  });

  it('opens an identity from the palette and paints header, attributes, assignments and ownership (panel.png)', async () => {
    const clickedAt = await openIdentityFromPalette(page(), FIXTURE_IDS.owner);
    timings.push((await waitForPaintedPanel(page())) - clickedAt);
    const frame = panelFrame(page());
    assert.strictEqual((await frame.locator('#section-header h1.identity-name').innerText()).trim(), 'Olivia Owner');
    assert.ok((await frame.locator('#section-attributes tbody tr').count()) > 5);
    assert.strictEqual(await frame.locator('#section-assignments tbody tr').count(), 5);
    assert.ok((await frame.locator('#section-ownership h3.group-heading').count()) >= 2);
    assert.strictEqual(await frame.locator('#section-actions button').count(), 8, 'six identity actions, Refresh, Open raw JSON');
    const loaded = await census(await panelDocument(page()));
    const resource = (name: string) => loaded.resources.find((r) => r.name === name)?.responseEnd ?? -1;
    console.log(
      `    Enter -> panel document created ${Math.round(loaded.timeOrigin - clickedAt)} ms; main.js loaded +${resource('main.js')} ms, styles.css +${resource('styles.css')} ms; painted ${timings[0]} ms`,
    );

    // Keyboard: Tab order reaches the rows; Enter selects a role assignment and loads its details.
    const firstRow = frame.locator('#section-assignments tbody tr').first();
    await firstRow.focus();
    await page().keyboard.press('Enter');
    await frame.locator('#section-assignment dl.facts').waitFor({ state: 'visible', timeout: 20_000 });
    assert.strictEqual(await firstRow.getAttribute('aria-selected'), 'true');
    assert.match(await frame.locator('#section-assignment').innerText(), /Assignment source/);
    await page().keyboard.press('ArrowDown');
    await page().keyboard.press(' ');
    await frame.locator('#section-assignments tbody tr').nth(1).and(frame.locator('[aria-selected="true"]')).waitFor({ timeout: 10_000 });

    // The attribute filter narrows the table.
    await frame.locator('.filter-input').fill('department');
    await frame.locator('#section-attributes tbody tr:not([hidden])').first().waitFor();
    await page().waitForTimeout(300);
    assert.ok((await frame.locator('#section-attributes tbody tr:not([hidden])').count()) >= 1);
    assert.ok((await frame.locator('#section-attributes tbody tr:not([hidden])').count()) < (await frame.locator('#section-attributes tbody tr').count()));
    await frame.locator('.filter-input').fill('');
    await page().waitForTimeout(300);
    await (await panelDocument(page())).evaluate('window.scrollTo(0, 0)');
    await page().waitForTimeout(200);
    await screenshot(page(), 'panel');
  });

  for (const [theme, bodyClass, name] of [
    ['Default Dark Modern', 'vscode-dark', 'panel-dark'],
    ['Default High Contrast', 'vscode-high-contrast', 'panel-high-contrast'],
  ] as const) {
    it(`renders with the ${theme} theme (${name}.png)`, async () => {
      // A session of its own: code-server applies only the first live change of the theme setting.
      const themed = await startCodeServerWithExtension({ settings: { 'workbench.colorTheme': theme } });
      try {
        await openIdentityFromPalette(themed.page, FIXTURE_IDS.owner);
        await waitForPaintedPanel(themed.page);
        const frame = panelFrame(themed.page);
        await frame.locator(`body.${bodyClass}`).waitFor({ state: 'attached', timeout: 10_000 });
        await frame.locator('#section-assignments tbody tr').first().click();
        await frame.locator('#section-assignment dl.facts').waitFor({ state: 'visible', timeout: 20_000 });
        await (await panelDocument(themed.page)).evaluate('window.scrollTo(0, 0)');
        await themed.page.waitForTimeout(300);
        await screenshot(themed.page, name);
      } finally {
        await themed.close();
      }
    });
  }

  it('the manager link opens the manager\'s panel, which a window reload restores', async () => {
    await closeEditors();
    const clickedAt = await openIdentityFromPalette(page(), FIXTURE_IDS.obrien);
    timings.push((await waitForPaintedPanel(page())) - clickedAt);
    const frame = panelFrame(page());
    assert.strictEqual((await frame.locator('h1.identity-name').innerText()).trim(), 'O"Brien \\ #1 & co');
    assert.match(await frame.locator('#section-ownership').innerText(), /Owns nothing/);
    const link = frame.locator('#section-header .manager-link');
    assert.strictEqual((await link.innerText()).trim(), 'Maja Łukasiewicz-Manager');
    await link.click();
    await panelFrame(page()).locator('h1.identity-name', { hasText: 'Maja Łukasiewicz-Manager' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page().locator('.tabs-container .tab', { hasText: 'Maja Łukasiewicz-Manager' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page().waitForTimeout(1_000);

    // After "Developer: Reload Window" the serializer restores the panel (state from setState) and it repaints.
    const navigated = page().waitForEvent('framenavigated', { predicate: (f) => f === page().mainFrame(), timeout: 60_000 });
    await runCommand(page(), 'Developer: Reload Window');
    await navigated;
    await waitForWorkbench(page());
    try {
      await panelFrame(page()).locator('h1.identity-name', { hasText: 'Maja Łukasiewicz-Manager' }).waitFor({ state: 'visible', timeout: 60_000 });
    } catch (error) {
      await screenshot(page(), 'panel-reload-failure');
      console.log(`    tabs after reload: ${JSON.stringify(await page().locator('.tabs-container .tab').allInnerTexts())}`);
      throw error;
    }
    await panelFrame(page()).locator('#section-assignments tbody tr').first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('shows the hostile identity as literal text: no script runs, no element is created from data (panel-hostile.png)', async () => {
    await closeEditors();
    const clickedAt = await openIdentityFromPalette(page(), FIXTURE_IDS.hostile);
    timings.push((await waitForPaintedPanel(page())) - clickedAt);
    const frame = panelFrame(page());
    assert.strictEqual(await frame.locator('h1.identity-name .value-text').innerText(), HOSTILE_NAME);

    // The 100 KB value is truncated with a "Show all" toggle, and expanding it stays fast.
    const bigRow = frame.locator('#section-attributes tbody tr', { hasText: 'bigValue' });
    const toggle = bigRow.locator('button.toggle');
    assert.match(await toggle.innerText(), /Show all \(102,\d{3} characters\)/);
    const started = Date.now();
    await toggle.click();
    await bigRow.locator('.value-text.expanded').waitFor({ state: 'visible', timeout: 5_000 });
    const expandMs = Date.now() - started;
    assert.ok(expandMs < 3_000, `expanding 100 KB took ${expandMs} ms`);
    console.log(`    expanding the 100 KB value: ${expandMs} ms`);

    // Repaint everything from fresh data while the probe listens (Refresh), then take the census.
    await frame.locator('#section-actions button', { hasText: 'Refresh' }).click();
    await frame.locator('#section-header .badge.refreshing').waitFor({ state: 'detached', timeout: 20_000 }).catch(() => undefined);
    await page().waitForTimeout(500);
    assert.strictEqual(await bigRow.locator('.value-text.expanded').count(), 1, 'an expanded value stays expanded when its section repaints');
    const doc = await panelDocument(page());
    const result = await census(doc);
    assert.strictEqual(result.pwned, undefined, 'window.__pwned stays unset in the webview frame');
    assert.strictEqual(await page().evaluate('window.__pwned'), undefined, 'and in the workbench');
    assert.deepStrictEqual(dialogs, [], 'no dialog opened');
    assert.deepStrictEqual(result.violations, [], 'no CSP violation in the panel document');
    assert.deepStrictEqual(cspConsole, [], 'console clean of CSP violations');
    // Scripts: ours (nonce'd main.js) and VS Code's own host shim (it defines acquireVsCodeApi); nothing from data.
    const ours = result.scripts.filter((s) => /\/dist\/webview\/main\.js$/.test(s.src));
    const others = result.scripts.filter((s) => !ours.includes(s) && !/acquireVsCodeApi/.test(s.inline));
    assert.strictEqual(ours.length, 1, 'the panel script');
    assert.deepStrictEqual(others, [], 'no other script element');
    assert.strictEqual(result.images, 0, 'no <img> from data');
    assert.strictEqual(result.dangerous, 0, 'no svg/iframe/object/embed/base/form from data');
    assert.deepStrictEqual(result.styledElements, [], 'no style="" attributes');
    assert.strictEqual(result.anchorsWithHref, 0, 'no data-provided links');
    for (const literal of [HOSTILE_SCRIPT, HOSTILE_IMG, '</script><script>', 'javascript:window.__pwned=1', "{{constructor.constructor('window.__pwned=1')()}}", '${window.__pwned=1}', '😈🔥']) {
      assert.ok(result.text.includes(literal), `the panel text contains ${JSON.stringify(literal)} literally`);
    }
    assert.ok(result.text.includes(`${'A'.repeat(200)}${HOSTILE_SCRIPT}${'B'.repeat(200)}`), 'the expanded 100 KB value is text');
    await frame.locator('#section-header').scrollIntoViewIfNeeded();
    await screenshot(page(), 'panel-hostile');
  });
});
