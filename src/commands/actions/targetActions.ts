// Actions on sets: every identity matching a filter (enumerated and frozen before the confirmation), or a list the
// user pastes or opens (ids, names, aliases or emails, one a line, or a CSV column), resolved against the tenant
// with what did not resolve shown before anything is sent. The run then goes through the same guard as a selection.
import * as path from 'path';
import * as vscode from 'vscode';
import { validateFilterExpression } from '../../api/filterValidation';
import type { ActionKind } from '../../model/actions/operations';
import type { IdentityRef } from '../../model/identityRef';
import type { JobSource } from '../../model/jobs/jobTypes';
import { enumerateFilterTargets, identityPagesFor } from '../../model/targets/filterTargets';
import { parseCsvList, parsePastedList } from '../../model/targets/listParsing';
import type { TargetValue } from '../../model/targets/listParsing';
import { identityListerFor, resolveTargets } from '../../model/targets/resolveTargets';
import type { TargetResolution } from '../../model/targets/resolveTargets';
import type { TenantInfo } from '../../model/tenant';
import type { ActionOutcome, ActionRuntime, ActionSpec } from './actionRuntime';

/** The actions that run on sets (delete stays one at a time). */
export type SetActionKind = Extract<ActionKind, 'resetIdentity' | 'synchronizeAttributes' | 'processIdentities' | 'inviteIdentities' | 'sendPasswordResetEmail'>;

export interface SetTargetRequest {
  tenantId?: string;
  kind?: SetActionKind;
  filter?: string;
}

async function chooseTenantAndAction(
  runtime: ActionRuntime,
  specs: ReadonlyMap<SetActionKind, ActionSpec>,
  request: SetTargetRequest,
  title: string,
): Promise<{ tenant: TenantInfo; spec: ActionSpec; kind: SetActionKind } | undefined> {
  const ui = runtime.ui;
  const tenant = request.tenantId ? runtime.guard.tenant(request.tenantId) : await ui.pickTenant(vscode.l10n.t('{0}: choose the tenant', title));
  if (!tenant) return undefined;
  let kind = request.kind && specs.has(request.kind) ? request.kind : undefined;
  if (!kind) {
    const picked = await ui.quickPick(
      [...specs].map(([candidate, spec]) => ({ label: spec.label, action: candidate })),
      { title, placeHolder: vscode.l10n.t('Which action?') },
    );
    kind = picked?.action;
  }
  const spec = kind ? specs.get(kind) : undefined;
  return kind && spec ? { tenant, spec, kind } : undefined;
}

async function runOnSet(runtime: ActionRuntime, spec: ActionSpec, tenant: TenantInfo, refs: IdentityRef[], source: JobSource, rerun: () => Promise<unknown>): Promise<ActionOutcome> {
  const base = { command: spec.command, kind: spec.kind, tenantIds: [tenant.id] };
  if (refs.length === 0) {
    void runtime.ui.message('info', vscode.l10n.t('{0}: no identity to act on.', spec.label));
    return { ...base, status: 'noTarget', reports: [] };
  }
  const result = await runtime.runForTenant(spec, tenant.id, refs, rerun, source);
  return typeof result === 'string' ? { ...base, status: result, reports: [] } : { ...base, status: 'completed', reports: [result] };
}

/** "Run Action on Filtered Identities…": the tenant's current filter or a typed one; the ids are frozen first. */
export async function runOnFilter(runtime: ActionRuntime, specs: ReadonlyMap<SetActionKind, ActionSpec>, currentFilter: (tenantId: string) => string | undefined, request: SetTargetRequest = {}): Promise<ActionOutcome | undefined> {
  const title = vscode.l10n.t('Run action on filtered identities');
  const chosen = await chooseTenantAndAction(runtime, specs, request, title);
  if (!chosen) return undefined;
  const { tenant, spec, kind } = chosen;
  if (runtime.guard.checkWritableOrExplain(tenant.id, spec.label, () => runOnFilter(runtime, specs, currentFilter, request)) !== 'allowed') {
    return { command: spec.command, kind: spec.kind, status: 'readOnly', tenantIds: [tenant.id], reports: [] };
  }
  const filter =
    request.filter ??
    (await runtime.ui.inputBox({
      title,
      prompt: vscode.l10n.t('ISC filter expression, e.g. processingState eq "ERROR" (empty: every identity)'),
      value: currentFilter(tenant.id) ?? '',
      validateInput: (value) => (value.trim() ? validateFilterExpression(value.trim()) : undefined),
    }));
  if (filter === undefined) return undefined;
  const expression = filter.trim();
  const client = await runtime.services.tenants.getClient(tenant.id);
  const refs = await runtime.ui.withProgress(vscode.l10n.t('Finding the identities matching {0}', expression || vscode.l10n.t('(no filter)')), (progress, signal) =>
    enumerateFilterTargets(expression, {
      tenantId: tenant.id,
      iterate: identityPagesFor(client),
      signal,
      onProgress: (count, total) => progress.report(total !== undefined ? `${count}/${total}` : String(count)),
    }),
  );
  return runOnSet(runtime, spec, tenant, [...refs], { type: 'filter', filter: expression }, () => runOnFilter(runtime, specs, currentFilter, { ...request, tenantId: tenant.id, kind, filter: expression }));
}

export interface ListTargetRequest extends SetTargetRequest {
  /** The list's text (pasted or a file's content); asked for when absent. */
  text?: string;
  fileName?: string;
  /** CSV column to read (name or 0-based index); asked for when the file has several and none is obvious. */
  column?: string | number;
}

async function readListText(runtime: ActionRuntime): Promise<{ text: string; fileName?: string } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const fromEditor = vscode.l10n.t('From the active editor');
  const fromFile = vscode.l10n.t('From a file… (CSV or text)');
  const picked = await runtime.ui.quickPick(
    [
      ...(editor ? [{ label: fromEditor, detail: vscode.l10n.t('The selection, or the whole text of {0}', path.basename(editor.document.fileName)) }] : []),
      { label: fromFile, detail: vscode.l10n.t('Ids, names, aliases or emails, one a line, or a CSV file with a column of them') },
    ],
    { title: vscode.l10n.t('Run action on identity list'), placeHolder: vscode.l10n.t('Where is the list? (paste it into a new editor first to use pasted text)') },
  );
  if (!picked) return undefined;
  if (picked.label === fromEditor && editor) {
    const text = editor.selection.isEmpty ? editor.document.getText() : editor.document.getText(editor.selection);
    return { text, fileName: editor.document.isUntitled ? undefined : path.basename(editor.document.fileName) };
  }
  const [file] = (await runtime.ui.openDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Lists')]: ['csv', 'txt', 'tsv'] } })) ?? [];
  if (!file) return undefined;
  return { text: Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8'), fileName: path.basename(file.fsPath) };
}

function parseList(text: string, fileName: string | undefined, column: string | number | undefined): TargetValue[] {
  const looksCsv = (fileName && /\.(csv|tsv)$/i.test(fileName)) || /^[^\n]*[,;\t][^\n]*\n/.test(text);
  return looksCsv ? parseCsvList(text, column !== undefined ? { column } : {}).values : parsePastedList(text);
}

/** A one-line account of a resolution, e.g. "297 found; 2 not found; 1 matches several identities". */
function resolutionText(resolution: TargetResolution): string {
  return [
    vscode.l10n.t('{0} found', resolution.resolved.length),
    resolution.unresolved.length ? vscode.l10n.t('{0} not found ({1})', resolution.unresolved.length, resolution.unresolved.slice(0, 3).map((u) => `line ${u.line}: ${u.value}`).join(', ')) : '',
    resolution.ambiguous.length ? vscode.l10n.t('{0} match several identities and are left out ({1})', resolution.ambiguous.length, resolution.ambiguous.slice(0, 3).map((a) => `line ${a.line}: ${a.value}`).join(', ')) : '',
    resolution.duplicates.length ? vscode.l10n.t('{0} named an identity already listed', resolution.duplicates.length) : '',
  ].filter(Boolean).join('; ');
}

/** "Run Action on Identity List…". */
export async function runOnList(runtime: ActionRuntime, specs: ReadonlyMap<SetActionKind, ActionSpec>, request: ListTargetRequest = {}): Promise<ActionOutcome | undefined> {
  const title = vscode.l10n.t('Run action on identity list');
  const chosen = await chooseTenantAndAction(runtime, specs, request, title);
  if (!chosen) return undefined;
  const { tenant, spec, kind } = chosen;
  if (runtime.guard.checkWritableOrExplain(tenant.id, spec.label, () => runOnList(runtime, specs, request)) !== 'allowed') {
    return { command: spec.command, kind: spec.kind, status: 'readOnly', tenantIds: [tenant.id], reports: [] };
  }
  const list = request.text !== undefined ? { text: request.text, fileName: request.fileName } : await readListText(runtime);
  if (!list) return undefined;
  const values = parseList(list.text, list.fileName, request.column);
  if (values.length === 0) {
    void runtime.ui.message('warning', vscode.l10n.t('The list holds no identity id, name, alias or email.'));
    return undefined;
  }
  const client = await runtime.services.tenants.getClient(tenant.id);
  const resolution = await runtime.ui.withProgress(values.length === 1 ? vscode.l10n.t('Looking up 1 value on “{0}”', tenant.label) : vscode.l10n.t('Looking up {0} values on “{1}”', values.length, tenant.label), (progress, signal) =>
    resolveTargets(values, { tenantId: tenant.id, list: identityListerFor(client), signal, onProgress: (done, total) => progress.report(`${done}/${total}`) }),
  );
  const summary = resolutionText(resolution);
  runtime.services.logger.info(`${spec.kind} list on ${tenant.id}: ${summary}`);
  if (resolution.unresolved.length || resolution.ambiguous.length) {
    const go = resolution.resolved.length === 1 ? vscode.l10n.t('Continue with 1 Identity') : vscode.l10n.t('Continue with {0} Identities', resolution.resolved.length);
    const choice = resolution.resolved.length ? await runtime.ui.message('warning', summary, go) : (void runtime.ui.message('warning', summary), undefined);
    if (choice !== go) return { command: spec.command, kind: spec.kind, status: 'cancelled', tenantIds: [tenant.id], reports: [] };
  }
  return runOnSet(runtime, spec, tenant, resolution.resolved, { type: 'list', fileName: list.fileName }, () => runOnList(runtime, specs, { ...request, tenantId: tenant.id, kind, text: list.text, fileName: list.fileName }));
}
