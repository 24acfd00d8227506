// `npm run build:server`: compiles src/server and src/shared (tsconfig.build.json) to dist/server and
// dist/shared, for `node dist/server/main.js`. It compiles into a fresh folder and swaps that in at
// the end, so files of deleted sources (an old migration above all) never linger in dist, a failed
// compile leaves the previous build whole, and a process started during the ~20 s compile still
// finds a complete build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

// Beside dist, not in it: at the same depth, so the source maps' relative paths stay right after the move.
const staging = '.build-server';
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(staging, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', staging], { stdio: 'inherit' });
} catch {
  rmSync(staging, { recursive: true, force: true });
  console.error('[minsheng] build:server failed; dist/server is unchanged');
  process.exit(1);
}
// A fresh clone has no dist yet.
mkdirSync('dist', { recursive: true });
for (const dir of ['server', 'shared']) {
  rmSync(`dist/${dir}`, { recursive: true, force: true });
  renameSync(`${staging}/${dir}`, `dist/${dir}`);
}
rmSync(staging, { recursive: true, force: true });
