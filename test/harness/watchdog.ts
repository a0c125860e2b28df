// `node watchdog.js PARENT_PID COMMAND ARGS…`: runs COMMAND in the watchdog's own process group and
// kills that whole group if PARENT_PID disappears (e.g. the test process was SIGKILLed), so no
// code-server outlives the run that started it. Exits with COMMAND's exit code.
import { spawn } from 'child_process';

const [parentPid, command, ...args] = process.argv.slice(2);
if (!parentPid || !command) {
  console.error('usage: watchdog PARENT_PID COMMAND [ARGS…]');
  process.exit(2);
}
const child = spawn(command, args, { stdio: 'inherit' });
child.once('error', (error) => {
  console.error(`[watchdog] ${error.message}`);
  process.exit(127);
});
child.once('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 15 : 1)));
// A group-wide SIGTERM reaches the child too: wait for it to exit instead of dying first.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => undefined);
setInterval(() => {
  try {
    process.kill(Number(parentPid), 0);
  } catch {
    try {
      process.kill(0, 'SIGKILL'); // our own process group: the command and everything it started
    } catch {
      process.exit(1);
    }
  }
}, 1000);
