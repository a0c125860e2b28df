// Child process that runs one simulator for a benchmark, so that the client under test and the
// server do not share an event loop. argv[2] = SimulatorOptions as JSON. Prints one line
// `SIM_READY {"url","clientId","clientSecret"}` and exits when its stdin closes (parent gone) or on SIGTERM.
import { startSimulator } from '../sim/server';
import type { SimulatorOptions } from '../sim/server';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
  const started = Date.now();
  const sim = await startSimulator(options);
  const info = { url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, startMs: Date.now() - started };
  process.stdout.write(`SIM_READY ${JSON.stringify(info)}\n`);
  let closing = false;
  const shutdown = (): void => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(0), 2000);
    force.unref();
    sim.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.resume();
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stdout.write(`SIM_FAILED ${JSON.stringify(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
