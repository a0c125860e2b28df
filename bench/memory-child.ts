// Child process (node --expose-gc) of the vscode-free memory benchmark: loads every identity of a simulator into
// an IdentityPager through the IscClient, each kept as the IdentityRow the tree keeps (src/tree/tenantPagers.ts), and
// measures the heap per loaded identity. argv[2] = JSON
// { url, clientId, clientSecret }. Prints one line `MEM_RESULT {json}`.
import { IscClient } from '../src/api/iscClient';
import { IdentityPager } from '../src/model/identityPager';
import { toIdentityRow } from '../src/model/identityRow';
import type { IdentityRow } from '../src/model/identityRow';

const gc = (globalThis as { gc?: () => void }).gc;

function settledHeap(): number {
  for (let i = 0; i < 4; i++) gc?.();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const { url, clientId, clientSecret } = JSON.parse(process.argv[2] ?? '{}') as { url: string; clientId: string; clientSecret: string };
  // The simulator runs without a rate limit here; lift the client's limiter too (memory, not speed, is measured).
  const client = new IscClient({ baseUrl: url, clientId, clientSecret, rateLimit: { requests: 1_000_000, windowMs: 1000 } });
  await client.verifyCredentials();
  await client.listIdentities({ limit: 1 }); // warm the code paths (JIT, validators) before the baseline
  let jsonBytes = 0;
  let pager: IdentityPager<IdentityRow> | undefined = new IdentityPager(
    async (q, signal) => {
      const page = await client.listIdentities(q, { signal });
      // Size of the data itself, for scale: the JSON of every loaded identity.
      for (const identity of page.items) jsonBytes += JSON.stringify(identity).length;
      return { ...page, items: page.items.map(toIdentityRow) };
    },
    () => 250,
    { defaultFilter: 'NONE' },
  );
  const base = settledHeap();
  const samples: number[] = [];
  await pager.ensureFirstPage();
  let pages = 1;
  while (pager.snapshot().hasMore) {
    await pager.loadMore();
    pages++;
    if (pager.snapshot().error) throw new Error(`load failed: ${String(pager.snapshot().error)}`);
  }
  const count = pager.snapshot().items.length;
  for (let i = 0; i < 3; i++) samples.push(settledHeap() - base);
  pager = undefined;
  await new Promise((resolve) => setTimeout(resolve, 100)); // let the last load's promise chain go
  const released = settledHeap() - base;
  client.dispose();
  process.stdout.write(`MEM_RESULT ${JSON.stringify({ count, pages, samples, released, jsonBytes, gc: gc !== undefined })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stdout.write(`MEM_FAILED ${JSON.stringify(error instanceof Error ? error.message : String(error))}\n`);
    process.exit(1);
  },
);
