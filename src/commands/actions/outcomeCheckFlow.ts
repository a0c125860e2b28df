// "Check…" on a run's outcome-unknown identities: ask ISC where it can tell, mark what happened as done (with an
// audit line), and re-send only what did not happen, through the guard. Emails cannot be checked: they are re-sent
// only after a confirmation that says they may arrive twice.
import { canCheckOutcome, checkOutcomes } from '../../model/actions/outcomeChecks';
import type { OutcomeCheck } from '../../model/actions/outcomeChecks';
import type { OperationReport } from '../../model/actions/operations';
import { newOperationId } from '../../model/actions/operations';
import { displayName, plural } from '../../model/actions/report';
import { countOutcomes } from '../../model/outcome';
import type { ActionRuntime, StoredRun } from './actionRuntime';

export async function runOutcomeCheck(runtime: ActionRuntime, run: StoredRun): Promise<OperationReport | undefined> {
  const { report, operation } = run;
  const unknownItems = report.items.filter((item) => item.outcome === 'unknown');
  const tenant = runtime.guard.tenant(report.tenantId);
  if (unknownItems.length === 0 || !tenant) return undefined;
  if (!canCheckOutcome(report.kind)) {
    return runtime.resend(
      run,
      unknownItems.map((item) => item.ref),
      `${operation.label} again`,
      'Send Again',
      `ISC cannot tell whether these emails were sent: ${plural(unknownItems.length, 'recipient')} may get the email twice.`,
    );
  }
  const client = await runtime.services.tenants.getClient(tenant.id);
  const checks: OutcomeCheck[] = await runtime.ui().withProgress(`Checking ${plural(unknownItems.length, 'identity', 'identities')} on “${displayName(tenant.label)}”`, (progress, signal) =>
    checkOutcomes(
      report.kind,
      client,
      unknownItems.map((item) => ({ ref: item.ref, sentAt: item.sentAt ?? report.startedAt })),
      { signal, onCheck: (_check, done, total) => progress.report(`${done}/${total}`, 100 / total) },
    ),
  );
  const checkId = newOperationId();
  const byId = new Map(checks.map((check) => [check.ref.identityId, check]));
  for (const item of unknownItems) {
    const check = byId.get(item.ref.identityId);
    if (check?.verdict !== 'happened') continue;
    item.outcome = 'done';
    item.error = null;
    await runtime.audit.append({
      operationId: checkId,
      retryOf: report.operationId,
      tenantId: tenant.id,
      tenantLabel: tenant.label,
      clientId: tenant.clientId,
      action: report.kind,
      identityId: item.ref.identityId,
      identityName: item.ref.name,
      httpStatus: null,
      outcome: 'done',
      jobId: item.jobId,
      error: `Confirmed by Check: ${check.detail}`,
    });
  }
  report.counts = countOutcomes(report.items.map((item) => item.outcome));
  const notHappened = checks.filter((check) => check.verdict === 'notHappened').map((check) => check.ref);
  const unchecked = checks.filter((check) => check.verdict === 'checkFailed').length;
  const happened = checks.length - notHappened.length - unchecked;
  const text = [
    `${operation.label}: ${happened} of ${checks.length} confirmed done by ISC`,
    notHappened.length ? `${notHappened.length} not carried out` : '',
    unchecked ? `${unchecked} could not be checked (still outcome unknown)` : '',
  ].filter(Boolean).join(', ');
  runtime.services.logger.info(`${report.kind} ${report.operationId} check: ${text}`);
  if (notHappened.length === 0) {
    void runtime.ui().message(unchecked ? 'warning' : 'info', `${text}.`);
    return undefined;
  }
  return runtime.resend(run, notHappened, `${operation.label} (not carried out)`, 'Send', `${text}. Only the ones not carried out are sent.`);
}
