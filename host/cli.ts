#!/usr/bin/env node
// The embertls command line.
import { parseArgs } from 'node:util';
import { connectCommand, CONNECT_USAGE } from './cli/connect.js';
import { doctorCommand } from './cli/doctor.js';
import { startCommand } from './cli/start.js';
import { selfcheck } from './selfcheck.js';

const usage = `usage: embertls <command> [options]

commands:
  start                              the main demo (npm start): a local TLS 1.3 server, an EmberTLS client,
                                     the handshake traced step by step, and what it costs a device
  ${CONNECT_USAGE.replace(/^embertls /, '').replace(/\n {9}/g, '\n  ')}
                                     connect, say what was negotiated, then pipe stdin/stdout (like
                                     openssl s_client -quiet); --trace explains each step
  doctor host:port [--servername NAME] [--ca FILE]
                                     probe a server: versions, suites, groups, signature, chain size,
                                     record size limits, and the smallest buffers a device needs
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

/** Runs a command, turning a bad argument into a one-line message and exit status 2. */
async function guarded(name: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`embertls ${name}: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

// Output piped into `head` and closed early is not a failure of ours.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'start':
    process.exitCode = await startCommand();
    break;
  case 'connect':
    process.exitCode = await guarded('connect', () => connectCommand(rest));
    break;
  case 'doctor':
    process.exitCode = await guarded('doctor', () => doctorCommand(rest));
    break;
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
