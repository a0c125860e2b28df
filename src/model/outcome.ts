// The five ways one identity's part of an action can end. No `vscode` import.
// `failed` means ISC certainly did not act (never sent, 4xx, 429 after the retry budget); `unknown` means it may have
// (a 2xx with an unreadable body, a reset or timeout after the request was sent, a 5xx on a write). Only `failed`
// items are ever re-sent by "Retry Failed"; `unknown` ones are checked first.

import * as l10n from '@vscode/l10n';

export type ItemOutcome = 'done' | 'failed' | 'unknown' | 'skipped' | 'cancelled';

export type OutcomeCounts = Record<ItemOutcome, number>;

/** Display order: what needs attention first. */
export const ITEM_OUTCOMES: readonly ItemOutcome[] = ['failed', 'unknown', 'done', 'skipped', 'cancelled'];

export const OUTCOME_LABELS: Record<ItemOutcome, string> = {
  done: 'done',
  failed: 'failed',
  unknown: 'outcome unknown',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

/** The outcome as a person reads it; OUTCOME_LABELS stays English for the language model's tool texts. */
export function outcomeLabel(outcome: ItemOutcome): string {
  switch (outcome) {
    case 'done':
      return l10n.t('done');
    case 'failed':
      return l10n.t('failed');
    case 'unknown':
      return l10n.t('outcome unknown');
    case 'skipped':
      return l10n.t('skipped');
    case 'cancelled':
      return l10n.t('cancelled');
  }
}

export function emptyOutcomeCounts(): OutcomeCounts {
  return { done: 0, failed: 0, unknown: 0, skipped: 0, cancelled: 0 };
}

export function countOutcomes(outcomes: Iterable<ItemOutcome>): OutcomeCounts {
  const counts = emptyOutcomeCounts();
  for (const outcome of outcomes) counts[outcome] += 1;
  return counts;
}

export function isItemOutcome(value: unknown): value is ItemOutcome {
  return typeof value === 'string' && (ITEM_OUTCOMES as readonly string[]).includes(value);
}
