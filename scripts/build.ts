/**
 * `npm run build`: compiles `src/` to JavaScript in `dist/src/` (tsconfig.build.json) and copies beside
 * it every file under `src/` that is not TypeScript, which the code reads at run time (the business-case
 * templates `src/templates/*.hbs`). Fonts and other assets resolved from node_modules need no copy.
 * `dist/src/` is emptied first so a deleted source file leaves nothing behind; the Teams package
 * (`dist/pilot-pipeline-teams.zip`) is kept. Run the result with `npm run start:prod`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'dist', 'src');

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Compiles and copies; returns the copied files (relative to `src/`). */
export function build(): string[] {
  rmSync(OUT, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc failed (exit ${result.status ?? result.signal})`);
  const copied: string[] = [];
  for (const file of filesUnder(SRC)) {
    if (file.endsWith('.ts')) continue;
    const target = join(OUT, relative(SRC, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
    copied.push(relative(SRC, file));
  }
  return copied;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const copied = build();
    console.log(`Built dist/src/ (copied ${copied.join(', ') || 'no other files'}).`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
