// Everything a benchmark starts (simulator children, code-server, browsers) registers its stop
// function here; run.ts calls stopAll() at the end, on error, on timeout and on SIGINT/SIGTERM.

type Stopper = () => Promise<void> | void;

const stoppers = new Map<number, { label: string; stop: Stopper }>();
let nextId = 1;

export function registerCleanup(label: string, stop: Stopper): () => void {
  const id = nextId++;
  stoppers.set(id, { label, stop });
  return () => {
    stoppers.delete(id);
  };
}

/** Stops everything still registered, newest first; each stop gets at most `timeoutMs`. */
export async function stopAll(timeoutMs = 10_000): Promise<void> {
  const entries = [...stoppers.entries()].reverse();
  stoppers.clear();
  for (const [, { label, stop }] of entries) {
    try {
      await Promise.race([
        Promise.resolve().then(stop),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs).unref()),
      ]);
    } catch (error) {
      console.error(`  cleanup of ${label} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export function pendingCleanups(): string[] {
  return [...stoppers.values()].map((s) => s.label);
}
