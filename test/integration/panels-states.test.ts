// Details panels: not-found, server-error (+ Retry), deleted and changed states, hostile data.
import * as assert from 'assert';
import { FIXTURE_IDS, HOSTILE_NAME } from '../../sim/fixtures';
import type { PanelsTestContext } from './panelHelpers';
import { TENANT, activateExtension, closeAllPanels, openAndPaint, setFaults, waitUntil } from './panelHelpers';

const MISSING_ID = '0000000000000000000000000000dead';

describe('details panels: states (extension host)', function () {
  this.timeout(90_000);
  let t: PanelsTestContext;

  before(async () => {
    t = await activateExtension();
  });

  afterEach(async () => {
    await setFaults({});
    await closeAllPanels(t.panels);
  });

  it('shows the not-found state for an identity that does not exist', async () => {
    const { report } = await openAndPaint(t.panels, MISSING_ID, 'Nobody');
    assert.strictEqual(report.state, 'notFound');
    assert.strictEqual(report.header, 'notFound');
    assert.strictEqual(report.attributeCount, undefined);
  });

  it('shows ISC\'s error message on a server error, and Retry recovers', async () => {
    const id = FIXTURE_IDS.protectedIdentity;
    // Every GET of this identity (and its sub-resources) fails with 500 until the faults are cleared,
    // so the client's own retries give up too.
    await setFaults({ failNext: { status: 500, count: 1000, methods: ['GET'], pathIncludes: `/identities/${id}` } });
    const { report } = await openAndPaint(t.panels, id, 'Petra Protégée');
    assert.strictEqual(report.state, 'error');
    assert.strictEqual(report.header, 'error');
    assert.match(report.errorMessage ?? '', /Injected failure \(HTTP 500\)/, 'the panel shows ISC\'s message text');

    await setFaults({});
    t.panels.simulateWebviewMessage(TENANT, id, { type: 'retry', section: 'identity' });
    const recovered = await t.panels.waitForRender(TENANT, id, (r) => r.header === 'ready' && r.state === 'ready');
    assert.strictEqual(recovered.name, 'Petra Protégée');
    t.panels.simulateWebviewMessage(TENANT, id, { type: 'refresh' });
    const { report: refreshed, cycle } = await t.panels.waitForCompletePaint(TENANT, id);
    assert.strictEqual(cycle.reason, 'refresh');
    assert.strictEqual(refreshed.assignments, 'ready');
    assert.strictEqual(refreshed.ownership, 'ready');
  });

  it('a failing section does not block the others (painted as each arrives)', async () => {
    const id = FIXTURE_IDS.unregistered;
    await setFaults({ failNext: { status: 500, count: 1000, methods: ['GET'], pathIncludes: `/identities/${id}/ownership` } });
    const { report } = await openAndPaint(t.panels, id);
    assert.strictEqual(report.state, 'ready');
    assert.strictEqual(report.assignments, 'ready');
    assert.strictEqual(report.ownership, 'error');
    await setFaults({});
    t.panels.simulateWebviewMessage(TENANT, id, { type: 'retry', section: 'ownership' });
    await t.panels.waitForRender(TENANT, id, (r) => r.ownership === 'ready');
  });

  it('reloads when the change bus announces a change, and shows "deleted" on a deletion', async () => {
    const id = FIXTURE_IDS.obrien;
    await openAndPaint(t.panels, id);
    t.api.services.changes.emit({ tenantId: TENANT, identityIds: [id, FIXTURE_IDS.owner], kind: 'changed' });
    t.api.services.changes.emit({ tenantId: TENANT, identityIds: [id], kind: 'changed' }); // bursts coalesce
    await waitUntil(() => t.panels.getTimings(TENANT, id).length >= 2, 5000, 'the reload after the change');
    const { cycle } = await t.panels.waitForCompletePaint(TENANT, id);
    assert.strictEqual(cycle.reason, 'change');
    assert.strictEqual(t.panels.getTimings(TENANT, id).length, 2);

    t.api.services.changes.emit({ tenantId: 'other-tenant', identityIds: [id], kind: 'deleted' });
    t.api.services.changes.emit({ tenantId: TENANT, identityIds: [id], kind: 'deleted' });
    const deleted = await t.panels.waitForRender(TENANT, id, (r) => r.state === 'deleted');
    assert.strictEqual(deleted.name, 'O"Brien \\ #1 & co', 'the last known details stay visible under the banner');
  });

  it('renders hostile data as literal text', async () => {
    const client = await t.api.services.tenants.getClient(TENANT);
    const identity = await client.getIdentity(FIXTURE_IDS.hostile);
    const { report } = await openAndPaint(t.panels, FIXTURE_IDS.hostile, 'hostile');
    assert.strictEqual(report.state, 'ready');
    assert.strictEqual(report.name, HOSTILE_NAME, 'the h1 text is exactly the name, markup and all');
    assert.strictEqual(report.attributeCount, Object.keys(identity.attributes ?? {}).length);
  });
});
