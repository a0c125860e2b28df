// Command line entry: `npm run sim -- --port 4010 --identities 2000 --seed 1`.

import { startSimulator } from './server';
import type { SimulatorOptions } from './server';
import { TASK_OUTCOMES } from './tasks';

const HELP = `ISC v2025 Identities simulator

Usage: node out/sim/cli.js [options]
  --port N               port on 127.0.0.1 (default 4010; 0 = random)
  --identities N         number of identities incl. fixtures (default 2000)
  --seed N               data seed (default 1)
  --client-id ID         demo client id (default sim-demo-client)
  --client-secret S      demo client secret (default sim-demo-secret-4c1f)
  --rate-limit N         requests per window per client id (default 100; 0 = off)
  --rate-window-ms N     rate limit window (default 10000)
  --token-lifetime N     access token lifetime in seconds (default 749)
  --sync-cooldown-ms N   synchronize-attributes cooldown per identity (default 10000; 0 = off)
  --task-duration-ms N   invite / process tasks run from QUEUED to completed in N ms (default 3000)
  --task-outcome S       completionStatus of completed tasks: SUCCESS (default), WARNING, ERROR, TERMINATED
  --task-status-forbidden  GET /v2025/task-status/{id} answers 403 (PAT without idn:task-management:read)
  --latency N            delay every API/token response by N ms
  --rate429 P            probability (0..1) of an injected 429 per API request
  --rate5xx P            probability (0..1) of an injected 500 per API request
  --malformed-rate P     probability (0..1) of a 200 with an invalid JSON body (instead of a 2xx JSON body)
  --ownership-shape S    nested (documented, default) or flat (api-specs#39)
  --short-page-drop N    list pages with more after them hold N fewer than limit (the dropped records are skipped)
  --total-count-override N  X-Total-Count reports N whatever the truth
  --ignore-offset        every list request is served from offset 0
  --trickle-body-ms N    API response bodies are written one byte every N ms
  --never-answer-rate P  probability (0..1) that an API request is read and never answered
  --reset-after-apply-rate P     probability that an applied write ends with a connection reset, no response
  --truncate-after-apply-rate P  probability that an applied write gets a 2xx with a body cut short
  --escalating-retry-after       ISC's back-off tiers (60/300/600/1200 s) after 3 violated intervals within 120 s
  --escalation-time-scale X      multiply those durations by X (e.g. 0.01 for tests)
  --help                 this text
`;

function number(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || raw === '' || !Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

export function parseArgs(argv: string[]): SimulatorOptions & { help?: boolean } {
  const o: SimulatorOptions & { help?: boolean } = { port: 4010, faults: {} };
  const faults = o.faults!;
  let rateRequests = 100;
  let rateWindow = 10_000;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--help': case '-h': o.help = true; break;
      case '--port': o.port = number('port', value()); break;
      case '--identities': o.identities = number('identities', value()); break;
      case '--seed': o.seed = number('seed', value()); break;
      case '--client-id': o.clientId = value(); break;
      case '--client-secret': o.clientSecret = value(); break;
      case '--rate-limit': rateRequests = number('rate-limit', value()); break;
      case '--rate-window-ms': rateWindow = number('rate-window-ms', value()); break;
      case '--token-lifetime': o.tokenLifetimeSec = number('token-lifetime', value()); break;
      case '--sync-cooldown-ms': o.syncCooldownMs = number('sync-cooldown-ms', value()); break;
      case '--task-duration-ms': o.taskDurationMs = number('task-duration-ms', value()); break;
      case '--task-outcome': {
        const outcome = value();
        const known = TASK_OUTCOMES.find((t) => t === outcome);
        if (!known) throw new Error(`--task-outcome must be one of ${TASK_OUTCOMES.join(', ')}`);
        faults.taskOutcome = known;
        break;
      }
      case '--task-status-forbidden': faults.taskStatusForbidden = true; break;
      case '--latency': o.latencyMs = number('latency', value()); break;
      case '--rate429': faults.rate429 = number('rate429', value()); break;
      case '--rate5xx': faults.rate5xx = number('rate5xx', value()); break;
      case '--malformed-rate': faults.malformedRate = number('malformed-rate', value()); break;
      case '--short-page-drop': faults.shortPageDrop = number('short-page-drop', value()); break;
      case '--total-count-override': faults.totalCountOverride = number('total-count-override', value()); break;
      case '--ignore-offset': faults.ignoreOffset = true; break;
      case '--trickle-body-ms': faults.trickleBodyMs = number('trickle-body-ms', value()); break;
      case '--never-answer-rate': faults.neverAnswerRate = number('never-answer-rate', value()); break;
      case '--reset-after-apply-rate': faults.resetAfterApplyRate = number('reset-after-apply-rate', value()); break;
      case '--truncate-after-apply-rate': faults.truncateAfterApplyRate = number('truncate-after-apply-rate', value()); break;
      case '--escalating-retry-after': faults.escalatingRetryAfter = true; break;
      case '--escalation-time-scale': o.escalationTimeScale = number('escalation-time-scale', value()); break;
      case '--ownership-shape': {
        const shape = value();
        if (shape !== 'nested' && shape !== 'flat') throw new Error('--ownership-shape must be nested or flat');
        faults.ownershipShape = shape;
        break;
      }
      default: throw new Error(`unknown option ${arg} (try --help)`);
    }
  }
  o.rateLimit = rateRequests > 0 ? { requests: rateRequests, windowMs: rateWindow } : false;
  return o;
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  const started = Date.now();
  const sim = await startSimulator(options);
  const rate = options.rateLimit ? `${options.rateLimit.requests} per ${options.rateLimit.windowMs} ms per client id` : 'off';
  process.stdout.write(
    `ISC simulator listening on ${sim.url}\n` +
      `  API base (without /v2025): ${sim.url}\n` +
      `  token endpoint:            ${sim.url}/oauth/token\n` +
      `  client id:                 ${sim.clientId}\n` +
      `  client secret:             ${sim.clientSecret}\n` +
      `  identities: ${sim.store.size} (seed ${options.seed ?? 1}, generated in ${Date.now() - started} ms); rate limit: ${rate}\n` +
      `  admin: ${sim.url}/__sim/requests, /__sim/faults, /__sim/identities/:id, /__sim/reset\n` +
      `SIM_READY ${JSON.stringify({ url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret })}\n`,
  );
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    process.stdout.write(`received ${signal}, shutting down\n`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  void main().catch((e: unknown) => {
    process.stderr.write(`simulator failed to start: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
