// npm run ct:dudect [-- --n N --x25519 M]: the dudect-style timing test
// (boards/ct/dudect.c) on the native build of the engine (boards/native,
// the speed profile's C at -O2), recorded in bench/results/dudect.json with
// the date, the machine and the commit. Not part of npm test: it takes
// minutes and its verdict is statistical (|t| > 4.5 is evidence of a leak,
// below it none was seen at this N).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { join } from 'node:path';
import { buildLibrary, root } from './boards.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const nTag = option('--n', 5_000_000);
const nX25519 = option('--x25519', 200_000);
const THRESHOLD = 4.5;

const lib = buildLibrary('native', 'speed', { log: console.log });
const program = join(lib, '..', 'dudect');
execFileSync('gcc', ['-O2', '-std=gnu11', `-I${join(lib, 'include')}`, join(root, 'boards', 'ct', 'dudect.c'),
  join(lib, 'libembertls.a'), '-lm', '-o', program]);
console.log(`dudect: ${nTag} tag measurements per AEAD, ${nX25519} X25519 measurements`);
const started = Date.now();
const tests = execFileSync(program, [String(nTag), String(nX25519)], { encoding: 'utf8', maxBuffer: 1 << 20 })
  .trim().split('\n').map((line) => JSON.parse(line));

for (const t of tests) {
  t.leak = t.maxAbsT > THRESHOLD;
  const control = t.test.startsWith('control-');
  console.log(`${t.test.padEnd(28)} n=${t.n} t=${t.t.toFixed(2)} max|t|=${t.maxAbsT.toFixed(2)} ` +
    `${t.leak ? 'LEAK' : 'no leak seen'}${control ? ' (control: must leak)' : ''}`);
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const cpu = cpus()[0]?.model ?? 'unknown';
const result = {
  date: new Date().toISOString(),
  commit,
  machine: { cpu, cores: cpus().length, os: `${platform()} ${release()}` },
  build: 'boards/native speed profile (ember-speed32.wasm, wasm2c, gcc -O2), through embertls.h',
  clock: process.arch === 'x64' ? 'rdtsc (lfence-bracketed), cycles' : 'clock_gettime(CLOCK_MONOTONIC), ns',
  method: 'dudect (Reparaz et al. 2017): two input classes interleaved at random, Welch t on all times and on times under the 50/75/90/95/99th percentile of the first tenth (then discarded); leak when max |t| > 4.5',
  seconds: Math.round((Date.now() - started) / 1000),
  tests,
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'dudect.json'), JSON.stringify(result, null, 2) + '\n');
console.log('wrote bench/results/dudect.json');

const control = tests.find((t) => t.test.startsWith('control-'));
const leaks = tests.filter((t) => !t.test.startsWith('control-') && t.leak);
if (!control?.leak) console.error('dudect: the control did not leak: the measurement cannot see a leak at this N');
process.exit(leaks.length > 0 || !control?.leak ? 1 : 0);
