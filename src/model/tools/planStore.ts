// Plans an acting tool worked out in prepareInvocation, kept until the invoke of the same input takes them: what the
// person confirmed is what runs. Bounded in number and age. No `vscode` import.

/** The same input as a stable string (keys sorted), so that prepareInvocation and invoke find the same plan. */
export function inputKey(input: unknown): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
    }
    return value;
  };
  return JSON.stringify(sorted(input)) ?? '';
}

/** How long a confirmed plan waits for its invoke (a person may read the confirmation for a while). */
export const PLAN_TTL_MS = 15 * 60_000;
const MAX_PLANS = 20;

/** Plans by input key, each taken once; older than the time-to-live, they are forgotten. */
export class PlanStore<T> {
  private readonly plans = new Map<string, { value: T; at: number }[]>();

  constructor(private readonly now: () => number = Date.now) {}

  remember(key: string, value: T): void {
    this.prune();
    this.plans.set(key, [...(this.plans.get(key) ?? []), { value, at: this.now() }]);
    for (let oldest = this.plans.keys().next(); this.size() > MAX_PLANS && !oldest.done; oldest = this.plans.keys().next()) {
      this.plans.delete(oldest.value);
    }
  }

  /**
   * The newest unexpired plan of this input (and forgets it), or undefined. VS Code calls prepareInvocation right
   * before invoke, so the newest plan is the one just confirmed; an older one was declined (no invoke followed).
   */
  take(key: string): T | undefined {
    this.prune();
    const list = this.plans.get(key);
    const newest = list?.pop();
    if (list && list.length === 0) this.plans.delete(key);
    return newest?.value;
  }

  private size(): number {
    let n = 0;
    for (const list of this.plans.values()) n += list.length;
    return n;
  }

  private prune(): void {
    const oldest = this.now() - PLAN_TTL_MS;
    for (const [key, list] of this.plans) {
      const fresh = list.filter((entry) => entry.at >= oldest);
      if (fresh.length) this.plans.set(key, fresh);
      else this.plans.delete(key);
    }
  }
}
