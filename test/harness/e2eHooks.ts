// Root hooks of the e2e mocha run (.mocharc.e2e.json → require): one simulator for all tests;
// every code-server/browser session still open is closed at the end.
import { closeAllSessions, setE2eSimulator } from './codeServer';
import { onCleanup } from './processes';
import type { HarnessSimulator } from './simulator';
import { startHarnessSimulator } from './simulator';

let sim: HarnessSimulator | undefined;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    sim = await startHarnessSimulator();
    setE2eSimulator(sim);
    onCleanup(async () => {
      await closeAllSessions();
      await sim?.close();
    });
    console.log(`[e2e] simulator ${sim.url} (seed 1, 2000 identities)`);
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await closeAllSessions();
    await sim?.close();
    sim = undefined;
    setE2eSimulator(undefined);
  },
};
