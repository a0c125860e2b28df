// Entry point loaded by the extension host (extensionTestsPath): runs every *.test.js of this folder
// with the environment tenant set (ISC_BASE_URL, ISC_CLIENT_ID, ISC_CLIENT_SECRET, ISC_SIM_URL).
import { runMochaInFolder } from '../harness/mochaInHost';

export function run(): Promise<void> {
  return runMochaInFolder(__dirname, 'integration');
}
