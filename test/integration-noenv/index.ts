// Entry point for the second extension-host session: same as test/integration, but WITHOUT the
// environment tenant (no ISC_BASE_URL / ISC_CLIENT_ID / ISC_CLIENT_SECRET; ISC_SIM_URL is still set).
import { runMochaInFolder } from '../harness/mochaInHost';

export function run(): Promise<void> {
  return runMochaInFolder(__dirname, 'integration-noenv');
}
