// Rebuilds what the tests load when its sources changed since the last build:
// the wasm profiles from assembly/, and dist/ (which the package exports) from host/.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function isStale(output: string, sourceDir: string): boolean {
  return !existsSync(output) || statSync(output).mtimeMs < newestSource(sourceDir);
}

export default function setup(): void {
  if (isStale('build/ember-names.wasm', 'assembly')) {
    execFileSync('node', ['scripts/build-wasm.mjs'], { stdio: 'inherit' });
  }
  if (isStale('dist/crypto.js', 'host')) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
  }
}
