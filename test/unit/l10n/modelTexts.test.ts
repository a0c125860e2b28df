// The vscode-free layers (src/api, src/model, src/util) build sentences a person reads: error messages, action
// summaries, reports, notes. They cannot use vscode.l10n, so they go through l10n.t of @vscode/l10n. This reads their
// sources and fails on a string literal that reads as English and lands where a sentence leaves the code (a
// return, an error's message, a property, a constant, a pushed line) without passing through l10n.t. What stays
// English on purpose is listed below with the reason.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import type { Finding } from './englishLiterals';
import { englishFindings, isForTheModel, isInHiddenCall, isPassThrough, repoRoot, sourcesUnder } from './englishLiterals';
const MODEL_FOLDERS = ['src/api', 'src/model', 'src/util'];

/** Whole folders whose texts are not for a person. */
const ENGLISH_FOLDERS: Record<string, string> = {
  'src/model/tools/': 'tool results and input errors read by the language model',
  'src/model/export/': 'CSV/JSON export files: column headers and contents meant for machines',
};

/** Files whose texts are not for a person. */
const ENGLISH_FILES: Record<string, string> = {
  'src/model/jobs/jobExport.ts': 'CSV file of a job’s results',
  'src/model/compare/compareExport.ts': 'CSV/Markdown export of a comparison (file contents)',
  'src/model/messageChecks.ts': 'why a webview message was rejected: logged, never shown',
  'src/util/logger.ts': 'the output channel’s name and log lines',
  'src/api/filters.ts': 'FilterBuildError: a programming error (typed field names), never a person’s input',
  'src/api/validate.ts': 'what a 2xx body lacked: the detail of a localized “unexpected response” error, kept as the protocol says it',
  'src/api/proxyAgent.ts': 'proxy protocol failures: the detail after a localized network-error sentence, logged as they are',
};

/** Single texts that stay English, as `file: text`. */
const ENGLISH_TEXTS: Record<string, string> = {
  'src/util/cancellation.ts: Cancelled by the user.': 'UserCancelledError is swallowed by the command wrapper, never shown',
  'src/model/abortableDelay.ts: Aborted': 'an AbortError’s message, recognised by its name',
  'src/model/outageGate.ts: Aborted': 'an AbortError’s message, recognised by its name',
  'src/api/iscClient.ts: IscClient: clientId is required': 'a programming error',
  'src/api/iscClient.ts: IscClient: clientSecret is required': 'a programming error',
  'src/api/iscClient.ts: Get role assignments failed: give a role id or a role name.': 'a programming error (the callers always give one)',
  'src/api/http.ts: HttpTransport: no token source': 'a programming error',
  'src/api/http.ts: Bearer': 'the Authorization header',
  'src/api/proxyConfig.ts: Basic': 'the Proxy-Authorization header',
  'src/model/jobs/jobJournal.ts: Not a job id:': 'a programming error',
  'src/model/jobs/jobJournal.ts: Job was removed.': 'rejects a write to a removed journal; logged',
  'src/model/jobs/jobStore.ts: Job exists already.': 'a programming error',
  'src/model/jobs/jobStore.ts: No job .': 'a programming error',
  'src/model/jobs/jobStore.ts: Identity is not part of job .': 'a programming error',
  'src/model/jobs/jobTypes.ts: sent before the window closed; ISC may have acted': 'stored in the job journal and matched as written',
  'src/model/jobs/taskTracker.ts: ISC does not report this task\'s status': 'stored in the job journal and compared as written',
  'src/model/jobs/jobChanges.ts: Changes not recorded: identities is over the bound of (iscExplorer.jobs.snapshotChangesUpTo)': 'tool text for the language model',
  'src/model/jobs/jobChanges.ts: not read': 'a reason stored in the job’s change record',
  'src/model/identityDisplay.ts: Processing state': 'MODEL_FACT_LABELS: the labels of tool results, read by the language model',
  'src/model/identityDisplay.ts: Lifecycle state': 'MODEL_FACT_LABELS',
  'src/model/identityDisplay.ts: Job title': 'MODEL_FACT_LABELS',
  'src/model/identityDisplay.ts: Last refresh': 'MODEL_FACT_LABELS',
  'src/model/identityDisplay.ts: Alias': 'MODEL_FACT_LABELS',
  'src/model/identityDisplay.ts: Email': 'MODEL_FACT_LABELS',
  'src/model/identityDisplay.ts: Status': 'MODEL_FACT_LABELS',
  'src/model/identityDisplay.ts: Department': 'MODEL_FACT_LABELS',
  'src/model/identityDisplay.ts: Manager': 'MODEL_FACT_LABELS',
  'src/model/identityDisplay.ts: Modified': 'MODEL_FACT_LABELS',
  'src/model/identityDisplay.ts: Active': 'MODEL_FACT_LABELS',
  'src/model/ownershipDisplay.ts: Role owner': 'ENGLISH_OWNERSHIP_WORDS: the browser page’s fallback; the host passes localized words',
  'src/model/ownershipDisplay.ts: Source owner': 'ENGLISH_OWNERSHIP_WORDS',
  'src/model/ownershipDisplay.ts: Campaign owner': 'ENGLISH_OWNERSHIP_WORDS',
  'src/model/compare/identityDiff.ts: Identity status': 'ENGLISH_FACT_LABELS: the exports’ fallback; the host passes localized labels',
  'src/model/compare/identityDiff.ts: Processing state': 'ENGLISH_FACT_LABELS',
  'src/model/compare/identityDiff.ts: Lifecycle state': 'ENGLISH_FACT_LABELS',
  'src/model/compare/identityDiff.ts: Manager': 'ENGLISH_FACT_LABELS',
  'src/model/compare/identityDiff.ts: Protected': 'ENGLISH_FACT_LABELS',
  'src/model/compare/identityDiff.ts: Is manager': 'ENGLISH_FACT_LABELS',
  'src/model/outcome.ts: outcome unknown': 'OUTCOME_LABELS: the tool texts’ English; a person reads outcomeLabel',
};

/** Calls whose arguments are never a person's text: the localizer itself, logs, the console. */
const HIDDEN_CALL = /^(l10n\.t|console\.\w+|(this\.)?(deps\.|options\.)?(log|logger|output|channel)\.\w+|\w*[lL]og\w*)$/;

function calleeName(expression: ts.Expression): string {
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : expression.getText();
}

/** Whether the literal leaves the code as a text: returned, thrown, an error's message, a property, a constant, a pushed line. */
function leavesAsText(node: ts.Node): boolean {
  if (isInHiddenCall(node, HIDDEN_CALL) || isForTheModel(node)) return false;
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isReturnStatement(parent) || ts.isThrowStatement(parent)) return true;
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      if (parent.expression === current) return false;
      const name = calleeName(parent.expression);
      if (ts.isNewExpression(parent)) return /Error$/.test(name);
      return name === 'super' || name === 'push' || name === 'unshift';
    }
    if (ts.isPropertyAssignment(parent)) return parent.initializer === current;
    if (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) return parent.initializer === current;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return parent.right === current;
    if (!isPassThrough(parent, current)) return false;
  }
  return false;
}

/** The literals of `source` that read as English and leave the code as a text without l10n.t. */
export function unlocalizedModelTexts(source: string, fileName = 'src/model/example.ts'): Finding[] {
  return englishFindings(source, fileName, (node) => leavesAsText(node));
}

function relative(file: string): string {
  return path.relative(repoRoot, file).replace(/\\/g, '/');
}

describe('model texts go through @vscode/l10n', () => {
  it('finds English in returns, thrown errors, error subclasses, properties, constants and pushed lines', () => {
    const found = unlocalizedModelTexts(
      [
        "function a() { return 'Nothing to do'; }",
        'function b(n) { throw new Error(`Job ${n} is running already.`); }',
        'class C extends Error { constructor(s) { super(`Not sent: ISC was unreachable for ${s} s`); } }',
        "const detail = { verdict: 'happened', detail: 'The identity no longer exists.' };",
        "const ADVICE = 'Check the proxy settings.';",
        "notes.push(`Ownership could not be read: ${message}`);",
        "const text = done ? 'all finished' : `${n} still running`;",
        "const LABELS = { 'list-identities': 'List identities' };",
        "throw new ListParseError('The CSV file has no column.');",
      ].join('\n'),
    );
    assert.deepStrictEqual(
      found.map((f) => f.line),
      [1, 2, 3, 4, 5, 6, 7, 7, 8, 9],
    );
  });

  it('ignores texts through l10n.t, logs, marked model texts, protocol values and identifiers', () => {
    const found = unlocalizedModelTexts(
      [
        "function a(n) { return l10n.t('{0} of {1} changed', n, 2); }",
        "this.deps.logger.info(`Blocked \"${action}\" on read-only tenant ${id}`);",
        "options.logger.warn('Identity load failed for the tenant');",
        "const state = { kind: 'credentials', status: 'QUEUED', field: 'cloudLifecycleState' };",
        "if (choice === 'Some answer') go();",
        'function t() {',
        '  // language-model text: the tool result',
        "  return 'Tenant is read-only; nothing was sent.';",
        '}',
      ].join('\n'),
    );
    assert.deepStrictEqual(found, []);
  });

  it('no api, model or util source leaves an English sentence unlocalized, but for the listed exceptions', () => {
    const files = sourcesUnder(MODEL_FOLDERS);
    assert.ok(files.length >= 60, `found only ${files.length} sources`);
    const offenders: string[] = [];
    const usedExceptions = new Set<string>();
    for (const file of files) {
      const name = relative(file);
      if (Object.keys(ENGLISH_FOLDERS).some((folder) => name.startsWith(folder)) || name in ENGLISH_FILES) continue;
      for (const finding of unlocalizedModelTexts(fs.readFileSync(file, 'utf8'), name)) {
        const key = `${name}: ${finding.text.replace(/\s+/g, ' ')}`;
        if (key in ENGLISH_TEXTS) usedExceptions.add(key);
        else offenders.push(`${name}:${finding.line} ${JSON.stringify(finding.text)}`);
      }
    }
    assert.deepStrictEqual(offenders, []);
    // An exception that no longer matches anything is stale: it would hide the next text of that wording.
    assert.deepStrictEqual(Object.keys(ENGLISH_TEXTS).filter((key) => !usedExceptions.has(key)), []);
  });
});
