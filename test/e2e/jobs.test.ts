// Browser e2e: jobs as a person sees them. "Process Identities in Processing Error…" from the palette to a finished
// job in the Jobs view (screenshot: test-results/screenshots/jobs.png); and a job whose extension host is killed
// mid-run shows "interrupted" after the window reloads, and Resume sends only what was never sent.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import type { Page } from 'playwright-core';
import type { WorkbenchSession } from '../harness/codeServer';
import { e2eSimulator, runCommand, screenshot, startCodeServerWithExtension, waitForWorkbench } from '../harness/codeServer';

interface SimRequest {
  seq: number;
  method: string;
  path: string;
  status: number;
  applied?: boolean;
}

async function simRequests(since: number): Promise<SimRequest[]> {
  const response = await fetch(`${e2eSimulator().url}/__sim/requests?since=${since}`);
  return (await response.json()) as SimRequest[];
}

async function lastSeq(): Promise<number> {
  const all = await simRequests(0);
  return all.length ? all[all.length - 1].seq : 0;
}

async function setFaults(faults: object): Promise<void> {
  await fetch(`${e2eSimulator().url}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
}

/** Pids of every process below `pid` (the session's code-server). */
function descendants(pid: number): { pid: number; args: string }[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const found: { pid: number; args: string }[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const row of table.filter((r) => r.ppid === parent)) {
      found.push(row);
      queue.push(row.pid);
    }
  }
  return found;
}

function jobsRows(page: Page): ReturnType<Page['locator']> {
  return page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: /^\s*Jobs/i }) }).locator('.monaco-list-row');
}

/** The extension is up once the tenant row shows in the Identities view. */
async function waitForTenantRow(page: Page): Promise<void> {
  const tenantRow = page.locator('.part.sidebar .monaco-list-row[aria-level="1"]').first();
  const icon = page.locator('.activitybar .action-item', { has: page.locator('[aria-label^="SailPoint ISC"]') }).first();
  const deadline = Date.now() + 90_000;
  // Click the container's icon only while it is not the active one: a click on the active icon hides the side bar
  // (e.g. while a restarted extension host has not drawn the tree yet).
  while (!(await tenantRow.isVisible())) {
    if (Date.now() > deadline) throw new Error('the tenant row did not show in the SailPoint ISC view');
    if (!/\bchecked\b/.test((await icon.getAttribute('class')) ?? '')) await icon.click();
    await page.waitForTimeout(500);
  }
}

async function confirmModal(page: Page, button: RegExp): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 60_000 });
  const text = await dialog.innerText();
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: button }).click();
  return text;
}

describe('jobs (browser)', function () {
  this.timeout(300_000);
  let session: WorkbenchSession | undefined;

  before(async () => {
    session = await startCodeServerWithExtension({ settings: { 'iscExplorer.environmentTenant.readOnly': false } });
  });

  after(async () => {
    await setFaults({});
    await session?.close();
  });

  it('runs "process all in processing error" from the palette to a finished job in the Jobs view', async () => {
    assert.ok(session);
    const { page } = session;
    await waitForTenantRow(page);
    await runCommand(page, 'ISC: Process Identities in Processing Error…');
    const text = await confirmModal(page, /^Process/);
    assert.match(text, /Process identities/);
    await runCommand(page, 'Focus on Jobs View');
    const row = jobsRows(page).filter({ hasText: 'Process identities' }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    await jobsRows(page).filter({ hasText: 'Process identities' }).filter({ hasText: 'finished' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await row.click();
    await page.keyboard.press('ArrowRight');
    await page.locator('.notification-toast', { hasText: /ISC finished its task/ }).waitFor({ state: 'visible', timeout: 60_000 });
    await screenshot(page, 'jobs');
    assert.match(await row.innerText(), /finished/);
  });

  it('after the extension host is killed mid-job, the job is interrupted and Resume sends only what was never sent', async () => {
    assert.ok(session);
    const { page } = session;
    await waitForTenantRow(page);
    await setFaults({ latencyMs: 250 });
    const mark = await lastSeq();
    await runCommand(page, 'ISC: Run Action on Filtered Identities…');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Reset identity' }).first().click();
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('name sw "M" or name sw "A" or name sw "S"');
    await page.keyboard.press('Enter');
    await confirmModal(page, /^Reset/);
    // Let part of the run go through, then kill the extension host as a crash would.
    const deadline = Date.now() + 60_000;
    while ((await simRequests(mark)).filter((r) => r.method === 'POST' && r.applied).length < 8) {
      if (Date.now() > deadline) assert.fail('the job did not start sending');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const hosts = descendants(session.server.process.pid!).filter((p) => /extensionHost/.test(p.args));
    assert.ok(hosts.length >= 1, 'found the extension host');
    for (const host of hosts) process.kill(host.pid, 'SIGKILL');
    await setFaults({});
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const beforeResume = await simRequests(mark);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForWorkbench(page);
    await waitForTenantRow(page);
    await runCommand(page, 'Focus on Jobs View');
    const row = jobsRows(page).filter({ hasText: 'Reset identity' }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match(await row.innerText(), /interrupted/);
    // Resume from the palette: it offers the paused and interrupted jobs.
    await runCommand(page, 'ISC: Resume Job…');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Reset identity' }).first().click();
    const detail = await confirmModal(page, /^Resume/);
    assert.match(detail, /never sent are sent now/);
    await jobsRows(page).filter({ hasText: 'Reset identity' }).filter({ hasText: 'finished' }).first().waitFor({ state: 'visible', timeout: 120_000 });
    const applied = new Map<string, number>();
    for (const request of await simRequests(mark)) {
      const id = /^\/v2025\/identities\/([^/]+)\/reset$/.exec(request.path)?.[1];
      if (id && request.method === 'POST' && request.applied) applied.set(id, (applied.get(id) ?? 0) + 1);
    }
    const repeated = [...applied.values()].filter((n) => n > 1).length;
    assert.strictEqual(repeated, 0, 'no identity reset twice');
    const sentBefore = new Set(beforeResume.filter((r) => r.method === 'POST').map((r) => r.path));
    const sentAfter = (await simRequests(mark)).filter((r) => r.method === 'POST').map((r) => r.path);
    assert.ok(sentAfter.length > sentBefore.size, 'Resume sent the rest');
  });
});
