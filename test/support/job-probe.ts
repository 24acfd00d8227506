/**
 * Loaded with `node --import tsx --import ./test/support/job-probe.ts` into a
 * server process started by a test: prints one line per pg-boss job run,
 * `[job-probe] <queue> <pid> <job id>`, so a test can tell which of several
 * processes ran which job. Test instrumentation only; the app never loads it.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// pg-boss 10 copies the manager's methods onto each PgBoss at construction, by function name:
// patch before main.ts builds one, with a function named `work`.
const Manager = require('pg-boss/src/manager.js') as { prototype: { work: (name: string, ...args: unknown[]) => Promise<string> } };
const original = Manager.prototype.work;

Manager.prototype.work = function work(this: unknown, name: string, ...args: unknown[]) {
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback === 'function') {
    args[last] = async (jobs: { id: string }[]) => {
      for (const job of jobs) console.log(`[job-probe] ${name} ${process.pid} ${job.id}`);
      return (callback as (jobs: unknown) => unknown)(jobs);
    };
  }
  return original.call(this, name, ...args);
};
