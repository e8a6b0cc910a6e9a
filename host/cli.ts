#!/usr/bin/env node
// The embertls command line.
import { parseArgs } from 'node:util';
import { selfcheck } from './selfcheck.js';

const usage = `usage: embertls <command> [options]

commands:
  selfcheck                          run each crypto primitive on a published vector and show its speed
                                     beside node:crypto
  build --board NAME [--profile P]   carry the engine to C for a board (P: size (default) or speed) and
                                     print the output directory (include/embertls.h, libembertls.a, src/);
                                     boards: esp32c3-sim, cortex-m4, cortex-m33, esp8266-lx106
`;

async function build(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { board: { type: 'string' }, profile: { type: 'string', default: 'size' } },
  });
  // scripts/boards.mjs is plain JavaScript shared with npm run build:c and the tests.
  const boards = await import(new URL('../scripts/boards.mjs', import.meta.url).href);
  if (!values.board || !boards.PROFILES.includes(values.profile)) {
    process.stderr.write(`embertls build: --board NAME is required and --profile is one of ${boards.PROFILES.join(', ')}\n`);
    return 2;
  }
  try {
    console.log(boards.buildLibrary(values.board, values.profile, { log: (m: string) => console.error(m) }));
    return 0;
  } catch (error) {
    process.stderr.write(`embertls build: ${(error as Error).message}\n`);
    return 1;
  }
}

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'selfcheck':
    process.exitCode = selfcheck() ? 0 : 1;
    break;
  case 'build':
    process.exitCode = await build(rest);
    break;
  case undefined:
  case 'help':
  case '--help':
    process.stdout.write(usage);
    break;
  default:
    process.stderr.write(`embertls: unknown command '${command}'\n\n${usage}`);
    process.exitCode = 2;
}
