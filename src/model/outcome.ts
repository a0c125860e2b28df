// The five ways one identity of a write can end. Every layer (bulk runner, operations, audit log, jobs, reports)
// uses these names, so "what happened to this identity" has one vocabulary.
//
// - done:      ISC answered 2xx with a readable body (or one we do not need).
// - failed:    ISC certainly did not act: never sent, 4xx, 429 after the retry budget, a pre-flight refusal.
// - unknown:   ISC may have acted: sent but no readable answer (connection reset after sending, timeout after
//              sending, 5xx on a write, 2xx with an unreadable body). Never re-sent without a check or a confirmation.
// - skipped:   deliberately not sent (read-only, cooldown decided to skip, resolved as not applicable).
// - cancelled: not sent because the user cancelled before its turn.
export type ItemOutcome = 'done' | 'failed' | 'unknown' | 'skipped' | 'cancelled';

export const ITEM_OUTCOMES: readonly ItemOutcome[] = ['done', 'failed', 'unknown', 'skipped', 'cancelled'];

export type OutcomeCounts = Record<ItemOutcome, number>;

export function emptyOutcomeCounts(): OutcomeCounts {
  return { done: 0, failed: 0, unknown: 0, skipped: 0, cancelled: 0 };
}

export function countOutcomes(items: Iterable<{ outcome: ItemOutcome }>): OutcomeCounts {
  const counts = emptyOutcomeCounts();
  for (const item of items) counts[item.outcome] += 1;
  return counts;
}
