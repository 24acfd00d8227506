/**
 * `npm run backup -- --out FILE`: a consistent backup of the configured database (DATABASE_URL,
 * or the embedded one in DATA_DIR, running or not) while the platform keeps serving. Progress on
 * stderr, the result line on stdout. Exits 1 on failure (no file is left under FILE), 2 on a usage error.
 * How to schedule it and restore: docs/backup.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { StartupError } from '../db/embedded.js';
import { takeBackup } from '../modules/backup/backup.service.js';
import { loadDatabaseSettings, openBackupSource } from '../modules/backup/backup.target.js';

const USAGE = 'usage: npm run backup -- --out FILE   (e.g. --out backups/minsheng-$(date +%F-%H%M).msbackup)';

const { values } = parseArgs({ options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h', default: false } }, strict: true });
if (values.help || !values.out) {
  (values.help ? console.log : console.error)(USAGE);
  process.exit(values.help ? 0 : 2);
}

const log = (msg: string) => console.error(`[backup] ${msg}`);
let code = 1;
try {
  const config = loadDatabaseSettings();
  const source = await openBackupSource(config, log);
  try {
    const { header, bytes } = await takeBackup(source.url, path.resolve(values.out), { log });
    const rows = header.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`backup of ${source.description} written to ${path.resolve(values.out)}: ${rows} rows in ${header.tables.length} tables, ${(bytes / 2 ** 20).toFixed(1)} MB, snapshot at ${header.snapshotAt}, migration ${header.migrations.at(-1)}`);
    code = 0;
  } finally {
    await source.close();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof StartupError) log(error.message);
  else log(`failed: ${error instanceof Error ? error.message : String(error)}`);
}
process.exit(code);
