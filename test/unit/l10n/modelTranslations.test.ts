// The model's sentences follow the bundle activation hands to @vscode/l10n (configureModelTranslations): a
// configured translation changes what summaryText and the api errors say, and an empty bundle brings English back.
import * as assert from 'assert';
import * as l10n from '@vscode/l10n';
import { abortedError, errorFromResponse } from '../../../src/api/errors';
import { summaryText } from '../../../src/model/actions/report';
import type { ItemReport, OperationReport } from '../../../src/model/actions/operations';
import { countOutcomes } from '../../../src/model/outcome';

function item(name: string, outcome: ItemReport['outcome']): ItemReport {
  return { ref: { tenantId: 't1', identityId: name.toLowerCase(), name }, outcome, httpStatus: 202, sentAt: 1, jobId: null, jobStatus: null, error: null, serverMessages: [] };
}

function report(items: ItemReport[]): OperationReport {
  return {
    operationId: 'op-1',
    kind: 'synchronizeAttributes',
    label: 'Synchronize attributes',
    tenantId: 't1',
    tenantLabel: 'Acme',
    clientId: 'client',
    items,
    counts: countOutcomes(items.map((i) => i.outcome)),
    cancelled: false,
    startedAt: 0,
    durationMs: 1000,
    requests: items.length,
    pausedMs: 0,
  };
}

describe('model sentences follow the configured translation', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('summaryText is built from the translated sentences, with the arguments in their places', () => {
    const twoDone = report([item('Alice', 'done'), item('Bob', 'done'), item('Carol', 'failed')]);
    assert.strictEqual(summaryText(twoDone), 'Synchronize attributes on “Acme”: 2 done, 1 failed.');
    l10n.config({ contents: { '{0} on “{1}”': '{0} auf „{1}“', '{0} done': '{0} erledigt', '{0} failed': '{0} fehlgeschlagen' } });
    assert.strictEqual(summaryText(twoDone), 'Synchronize attributes auf „Acme“: 2 erledigt, 1 fehlgeschlagen.');
  });

  it('an api error message and its operation label are translated when the error is built', () => {
    l10n.config({ contents: { 'Delete identity': 'Identität löschen', '{0} was cancelled.': 'Abgebrochen: {0}.' } });
    assert.strictEqual(abortedError('delete-identity').message, 'Abgebrochen: Identität löschen.');
    l10n.config({ contents: { '{0} failed ({1}): {2}': '{0} — Fehler {1}: {2}', 'Not found': 'Nicht gefunden' } });
    assert.strictEqual(errorFromResponse('get-identity', 404, undefined).message, 'Get identity — Fehler 404: Nicht gefunden');
  });

  it('an empty bundle gives the English sentences again', () => {
    l10n.config({ contents: { '{0} was cancelled.': 'Abgebrochen: {0}.' } });
    l10n.config({ contents: {} });
    assert.strictEqual(abortedError('delete-identity').message, 'Delete identity was cancelled.');
  });
});
