// npm run build:c -- --board NAME [--profile speed|size]
// Carries the engine to C for one board: wasm2c on the profile's module, the
// microcontroller runtime from boards/runtime, compiled with the board's GCC.
// Prints the output directory: src/ (all C sources), include/embertls.h and
// libembertls.a.
import { parseArgs } from 'node:util';
import { buildLibrary, PROFILES } from './boards.mjs';

const { values } = parseArgs({
  options: { board: { type: 'string' }, profile: { type: 'string', default: 'size' } },
});
if (!values.board || !PROFILES.includes(values.profile)) {
  console.error(`usage: npm run build:c -- --board NAME [--profile ${PROFILES.join('|')}]`);
  process.exit(2);
}
try {
  console.log(buildLibrary(values.board, values.profile, { log: (m) => console.error(m) }));
} catch (error) {
  console.error(`build:c: ${error.message}`);
  process.exit(1);
}
