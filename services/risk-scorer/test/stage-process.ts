// Runs the risk scorer's real entry (src/main.ts) as a child process, for the integration tests and
// the latency bench: the same wiring as production, configured by environment only.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** A running scorer process. */
export interface ScorerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly logFile: string;
}

/** Topics, subjects, group, Redis prefix and secrets of one isolated scorer deployment. */
export interface ScorerEnv {
  readonly INPUT_TOPIC: string;
  readonly ALERT_TOPIC: string;
  readonly SECURITY_TOPIC: string;
  readonly GROUP_ID: string;
  readonly REDIS_KEY_PREFIX: string;
  readonly PSEUDONYM_SECRET: string;
  readonly RISK_IDENTITY_KEY: string;
  readonly [name: string]: string;
}

/** Starts `services/risk-scorer/src/main.ts` with `env` (subjects follow the topics); logs to .local/logs/<logName>.log. */
export function startRiskScorer(env: ScorerEnv, logName: string): ScorerProcess {
  mkdirSync(`${ROOT}.local/logs`, { recursive: true });
  const logFile = `${ROOT}.local/logs/${logName}.log`;
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'services/risk-scorer/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env, METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', LOG_LEVEL: 'info',
      INPUT_SUBJECT: `${env.INPUT_TOPIC}-value`, ALERT_SUBJECT: `${env.ALERT_TOPIC}-value`, SECURITY_SUBJECT: `${env.SECURITY_TOPIC}-value`, ...env,
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, logFile };
}
