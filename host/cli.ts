#!/usr/bin/env node
// The embertls command line.
import { selfcheck } from './selfcheck.js';

const usage = `usage: embertls <command>

commands:
  selfcheck   run each crypto primitive on a published vector and show its speed beside node:crypto
`;

const [command] = process.argv.slice(2);
switch (command) {
  case 'selfcheck':
    process.exitCode = selfcheck() ? 0 : 1;
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
