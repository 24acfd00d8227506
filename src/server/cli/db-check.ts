/**
 * `npm run db:check [-- --only name,name]`: verifies the named invariants of
 * the configured database (DATABASE_URL, or the embedded one in DATA_DIR) and
 * prints one line per invariant: ok, or BROKEN with the number of breaches and
 * a few example ids. Exits 1 on any breach, 2 on a usage error. Read-only.
 * The invariants: docs/integrity.md.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { checkIntegrity, formatResult, selectChecks } from '../modules/integrity/integrity.service.js';
import { INTEGRITY_CHECKS } from '../modules/integrity/integrity.checks.js';
import { openDatabase } from '../runtime.js';

const USAGE = `usage: npm run db:check [-- --only ${INTEGRITY_CHECKS.map((c) => c.name).join(',')}]`;

const { values } = parseArgs({ options: { only: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } }, strict: true });
if (values.help) {
  console.log(USAGE);
  for (const c of INTEGRITY_CHECKS) console.log(`  ${c.name.padEnd(18)} ${c.description}`);
  process.exit(0);
}
const only = values.only?.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
try {
  selectChecks(only);
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const config = loadConfig();
// The embedded server's start-up lines go to stderr: stdout is the report.
const database = await openDatabase(config, (m) => console.error(m));
let ok = false;
try {
  const started = Date.now();
  const report = await checkIntegrity(database.db, { only, onResult: (r) => console.log(formatResult(r)) });
  const broken = report.results.filter((r) => r.breaches > 0).length;
  console.log(
    broken === 0
      ? `db:check: all ${report.results.length} invariants hold (${((Date.now() - started) / 1000).toFixed(1)} s)`
      : `db:check: ${broken} of ${report.results.length} invariants BROKEN (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  ok = report.ok;
} finally {
  await database.close();
}
process.exit(ok ? 0 : 1);
