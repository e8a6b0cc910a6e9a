// System tools some tests need (Debian packages installed by `npm run setup:system`).
// On a user's machine a missing tool skips its tests with a loud reason; under
// CI=true it is a failure, so CI skips nothing.
import { spawnSync } from 'node:child_process';
import { hasCommand } from '../../host/cli/tools.js';

export function hasTool(command: string, debianPackage: string): boolean {
  if (hasCommand(command)) return true;
  const reason = `${command} not found: install the Debian package '${debianPackage}' (npm run setup:system)`;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${reason}`);
  console.warn(`\n!!! SKIPPING tests that need ${command}: ${reason}\n`);
  return false;
}

/** Runs a command to completion and returns its output; throws with stderr on failure. */
export function run(command: string, args: string[], options: { timeoutMs?: number } = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: options.timeoutMs ?? 120_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}
