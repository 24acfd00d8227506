/**
 * The production build as an operator runs it: `node dist/server/main.js` in a child process, with
 * plain node (no tsx, no loader, none of the test runner's NODE_OPTIONS) and only the environment
 * given. For tests of the build itself and of the deployment layout (several processes, nginx).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const BUILT_MAIN = 'dist/server/main.js';

export interface BuiltServer {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Sends the signal and waits for the exit; the exit code (null when killed by a signal) and how long it took. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; ms: number }>;
}

/** What a child of the test runner must not inherit: a loader or test-only switch would make it not plain node. */
function plainEnvironment(env: Record<string, string>): NodeJS.ProcessEnv {
  const { PATH, HOME, LANG, TZ } = process.env;
  return Object.fromEntries(Object.entries({ PATH, HOME, LANG, TZ, ...env }).filter(([, v]) => v !== undefined));
}

/**
 * Starts the built server and waits until /api/health answers 200.
 * @throws when the build is missing, or the process exits or is not ready within `readyMs` (with its output).
 */
export async function startBuiltServer(options: { port: number; env: Record<string, string>; readyMs?: number }): Promise<BuiltServer> {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [path.resolve(BUILT_MAIN)], {
    env: plainEnvironment({ HOST: '127.0.0.1', PORT: String(options.port), ...options.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;

  const deadline = Date.now() + (options.readyMs ?? 60_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`${BUILT_MAIN} exited with ${exitCode} before it was ready:\n${output}`);
    const status = await fetch(`${url}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${BUILT_MAIN} was not ready within ${options.readyMs ?? 60_000} ms (last /api/health: ${status}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      const started = Date.now();
      if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, ms: 0 };
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return { code, ms: Date.now() - started };
    },
  };
}
