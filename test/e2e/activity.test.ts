// The Activity view (the audit log as a table) in Chromium via code-server with the packaged extension: audit lines
// written out of order are listed newest first, the result and identity filters narrow the rows, and a hostile
// identity name and error are shown as text. Screenshot: test-results/screenshots/activity.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { FIXTURE_IDS, HOSTILE_NAME, HOSTILE_SCRIPT } from '../../sim/fixtures';
import type { WorkbenchSession } from '../harness/codeServer';
import { runCommand, screenshot, startCodeServerWithExtension } from '../harness/codeServer';
import { FRAME_PROBE, census, panelDocument, panelFrame } from './panelPage';

const EXTENSION_ID = 'isc-tools.isc-identity-explorer';

interface Line {
  time: string;
  identityId: string;
  identityName: string;
  outcome: 'done' | 'failed';
  error: string | null;
}

/** In file order: not the order of their times, so that "newest first" is the view's doing. */
const LINES: Line[] = [
  { time: '2026-03-02T10:00:00.000Z', identityId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', identityName: 'Second Person', outcome: 'done', error: null },
  { time: '2026-03-04T10:00:00.000Z', identityId: FIXTURE_IDS.hostile, identityName: HOSTILE_NAME, outcome: 'failed', error: `ISC said ${HOSTILE_SCRIPT}` },
  { time: '2026-03-01T10:00:00.000Z', identityId: 'b1b2c3d4e5f60718293a4b5c6d7e8f90', identityName: 'First Person', outcome: 'done', error: null },
  { time: '2026-03-03T10:00:00.000Z', identityId: 'c1b2c3d4e5f60718293a4b5c6d7e8f90', identityName: 'Third Person', outcome: 'failed', error: 'HTTP 400' },
];
const NEWEST_FIRST = [HOSTILE_NAME, 'Third Person', 'Second Person', 'First Person'];

/** Writes the audit log where the extension keeps it (its global storage); the view reads it when it opens. */
function writeAuditLog(session: WorkbenchSession): void {
  const dir = path.join(session.server.userDataDir, 'User', 'globalStorage', EXTENSION_ID);
  fs.mkdirSync(dir, { recursive: true });
  const text = LINES.map((line) =>
    JSON.stringify({
      ...line,
      operationId: `op-${line.time.slice(8, 10)}`,
      tenantId: 'env',
      tenantLabel: 'Demo tenant',
      clientId: 'client',
      action: 'synchronizeAttributes',
      httpStatus: line.outcome === 'done' ? 202 : 400,
      jobId: null,
    }),
  ).join('\n');
  fs.writeFileSync(path.join(dir, 'audit.jsonl'), `${text}\n`);
}

async function openActivity(page: Page): Promise<FrameLocator> {
  await runCommand(page, 'ISC: Show Activity');
  const frame = panelFrame(page);
  await frame.locator('table.activity-table tbody tr').first().waitFor({ state: 'visible', timeout: 45_000 });
  return frame;
}

/** The identity names of the rows shown, top to bottom. */
async function shownNames(frame: FrameLocator): Promise<string[]> {
  return frame.locator('table.activity-table tbody tr td.identity-cell').evaluateAll((cells) => cells.map((cell) => cell.textContent ?? ''));
}

async function waitForRowCount(frame: FrameLocator, count: number): Promise<void> {
  await frame.locator(`table.activity-table tbody tr:nth-child(${count})`).waitFor({ state: 'visible', timeout: 10_000 });
  await frame.locator(`table.activity-table tbody tr:nth-child(${count + 1})`).waitFor({ state: 'detached', timeout: 10_000 });
}

describe('activity view (browser)', function () {
  this.timeout(240_000);
  let session: WorkbenchSession | undefined;
  let frame: FrameLocator | undefined;

  const page = (): Page => {
    assert.ok(session, 'code-server session');
    return session.page;
  };

  before(async () => {
    session = await startCodeServerWithExtension();
    await session.page.context().addInitScript(FRAME_PROBE);
    writeAuditLog(session);
  });

  after(async () => {
    await session?.close();
  });

  it('lists the audit lines newest first (activity.png)', async () => {
    frame = await openActivity(page());
    assert.deepStrictEqual(await shownNames(frame), NEWEST_FIRST);
    assert.match(await frame.locator('.activity-count').innerText(), /4 of 4/);
    await screenshot(page(), 'activity');
  });

  it('narrows the rows by result and by identity', async () => {
    assert.ok(frame, 'the view is open');
    const failed = await frame.locator('#activity-outcome option').evaluateAll((options) => options.findIndex((o) => o.getAttribute('data-value') === 'failed'));
    assert.ok(failed > 0, 'a "failed" choice is offered');
    await frame.locator('#activity-outcome').selectOption({ index: failed });
    await waitForRowCount(frame, 2);
    assert.deepStrictEqual(await shownNames(frame), [HOSTILE_NAME, 'Third Person']);

    await frame.locator('#activity-outcome').selectOption({ index: 0 });
    await frame.locator('#activity-identity').fill('second');
    await waitForRowCount(frame, 1);
    assert.deepStrictEqual(await shownNames(frame), ['Second Person']);
    await frame.locator('#activity-identity').fill('');
    await waitForRowCount(frame, 4);
  });

  it('shows a hostile identity name and error as text: no script runs, no element is created from data', async () => {
    assert.ok(frame, 'the view is open');
    const hostileRow = frame.locator('table.activity-table tbody tr').first();
    assert.strictEqual(await hostileRow.locator('td.identity-cell').innerText(), HOSTILE_NAME);
    assert.match(await hostileRow.locator('td.error-cell').innerText(), new RegExp(HOSTILE_SCRIPT.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    const result = await census(await panelDocument(page()));
    assert.strictEqual(result.pwned, undefined, 'window.__pwned stays unset in the activity page');
    assert.strictEqual(await page().evaluate('window.__pwned'), undefined, 'and in the workbench');
    assert.strictEqual(result.images, 0, 'no <img> from data');
    assert.strictEqual(result.dangerous, 0, 'no svg/iframe/object/embed/base/form from data');
    assert.deepStrictEqual(result.violations, [], 'no CSP violation');
  });
});
