/**
 * `npm run restore -- FILE`: restores a backup into an EMPTY database (DATABASE_URL) or an empty
 * DATA_DIR, refusing anything else with the reason. The whole restore is one transaction: on any
 * failure the target is left as empty as it was. Exits 0 when restored, 1 when refused or failed,
 * 2 on a usage error. Then start the platform on it as usual. docs/backup.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { StartupError } from '../db/embedded.js';
import { RestoreRefused, restoreBackup } from '../modules/backup/restore.service.js';
import { loadDatabaseSettings, openRestoreTarget } from '../modules/backup/backup.target.js';

const USAGE = 'usage: npm run restore -- FILE   (into DATABASE_URL, which must be an empty database, or else into DATA_DIR, which must be empty)';

const { values, positionals } = parseArgs({ options: { help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true });
if (values.help || positionals.length !== 1) {
  (values.help ? console.log : console.error)(USAGE);
  process.exit(values.help ? 0 : 2);
}
const file = path.resolve(positionals[0]!);

const log = (msg: string) => console.error(`[restore] ${msg}`);
let code = 1;
try {
  const config = loadDatabaseSettings();
  const target = await openRestoreTarget(config, log);
  try {
    const result = await restoreBackup(target.url, file, { log, target: target.description });
    console.log(
      `restored ${file} into ${target.description}: ${result.rows} rows, snapshot of ${result.header.snapshotAt}, ` +
        `now at migration ${result.migratedOn.at(-1) ?? result.header.migrations.at(-1)} (${(result.tookMs / 1000).toFixed(1)} s). Sessions are not restored: everyone logs in again.`,
    );
    code = 0;
  } finally {
    await target.close();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof RestoreRefused) log(`refused: ${error.message}`);
  else log(`failed, nothing was restored: ${error instanceof Error ? error.message : String(error)}`);
}
process.exit(code);
