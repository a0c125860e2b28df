// Entry point for the third extension-host session: no environment tenant, behind an authenticating CONNECT proxy
// (`http.proxy` setting) with HTTPS simulators whose CA is trusted through NODE_EXTRA_CA_CERTS (networkSession.ts).
import { runMochaInFolder } from '../harness/mochaInHost';

export function run(): Promise<void> {
  return runMochaInFolder(__dirname, 'integration-network');
}
