// npm run fuzz -- TARGET [--time N] [--runs N] [--update-corpus] [--record] [--replay FILE...]
// npm run fuzz:long                       (every target: 10 million inputs, at most an hour each)
//
// Builds the libFuzzer targets of fuzz/ into build/fuzz/ over the native
// wasm2c build of the engine (scripts/boards.mjs), every file (the generated
// engine C, the runtime, the harness) with clang -g -O1
// -fsanitize=fuzzer,address,undefined (the constant-time crypto kernels
// without coverage: KERNELS), then runs TARGET for N seconds on its
// committed corpus (fuzz/corpus/TARGET) and its regression inputs
// (fuzz/crashes/TARGET), where libFuzzer also writes any new crash, timeout
// (a hang: -timeout) or leak. Prints executions and exec/s.
//   --runs N         stops after N inputs if that comes first
//   --update-corpus  merges what the run found, the seeds (fuzz/seeds) and the
//                    corpus into a minimal fuzz/corpus/TARGET (-merge=1)
//   --record         appends the run's counts to bench/results/fuzz.json
//   --replay F...    runs only the given inputs (exit status: 0 = no crash)
//   --timeout S      seconds one input may take before it counts as a hang (10)
// TARGET may be `all`. Exit status 1 when a run found something.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildLibrary, root, wasmOf } from './boards.mjs';

export const TARGETS = ['x509', 'client_flight', 'record'];
const fuzzDir = join(root, 'fuzz');
const outDir = join(root, 'build', 'fuzz');
/** The whole declared linear memory (128 KiB): the TLS client's buffers need more than a board's 64 KiB. */
const MEMORY_BYTES = 131072;
const SANITIZE = ['-fsanitize=address,undefined', '-fno-sanitize-recover=all'];
/**
 * The constant-time kernels of assembly/crypto (hashes, ciphers, MACs, field
 * and group arithmetic) are built without coverage instrumentation, decoders
 * of peer bytes excepted. Their branches depend on public lengths only, so
 * their edges tell libFuzzer nothing the callers' edges do not, while their
 * comparison hooks (trace-cmp, a call on every loop test) took 80% of x509's
 * time and 55% of record's (perf). ASan and UBSan still check them.
 */
const KERNELS = /^assembly\/crypto\/(sha256|sha384|sha512|aes_ct|aes_ct64|ghash|ghash64|gcm_core|chacha20|poly1305|field25519|scalar25519|x25519|p256_field|p256_mont|p256_scalar|p384_field|mont|bignum|weierstrass)\/(?!.*[dD]ecode)/;
const CFLAGS = ['-g', '-O1', '-std=gnu11', '-fno-omit-frame-pointer', ...SANITIZE, '-Wall', '-Wno-unused-function', '-Wno-unused-variable', '-Wno-unused-but-set-variable', '-Wno-unused-label'];

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

const cArray = (name, bytes) =>
  `const uint8_t ${name}[] = {${[...bytes].map((b, i) => `${i % 16 ? '' : '\n  '}${b},`).join('')}\n};\nconst size_t ${name}_len = ${bytes.length};\n`;

/**
 * The C names (in wasm2c's output) of the KERNELS functions: the function
 * names come from the same module built with its name section, which must
 * be the speed module byte for byte once stripped.
 */
function kernelFunctions(engineC) {
  const named = join(outDir, 'ember-speed32-names.wasm');
  const stripped = join(outDir, 'ember-speed32-stripped.wasm');
  sh(process.execPath, [join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js'), '--config', 'asconfig.json', '--target', 'speed32', '--debug', '--outFile', named], { cwd: root });
  copyFileSync(named, stripped);
  sh('wasm-strip', [stripped]);
  if (!readFileSync(stripped).equals(readFileSync(join(root, wasmOf.speed)))) throw new Error(`${named}: not ${wasmOf.speed} with names`);
  const dump = sh('wasm-objdump', ['-x', named]);
  const exported = new Map();
  for (const m of dump.matchAll(/^ - func\[(\d+)\] <[^>]*> -> "([^"]+)"$/gm)) if (!exported.has(m[1])) exported.set(m[1], m[2]);
  const names = dump.slice(dump.indexOf('\nCustom:'));
  const kernels = [];
  for (const [, index, name] of names.matchAll(/^ - func\[(\d+)\] <([^>]*)>$/gm)) {
    if (!KERNELS.test(name)) continue;
    const c = `w2c_${exported.get(index) ?? `f${index}`}`;
    if (!new RegExp(`^static \\w+ ${c}\\(Z_ember_instance_t\\* instance`, 'm').test(engineC)) throw new Error(`fuzz: ${name} (function ${index}) is not ${c} in ember.c`);
    kernels.push(c);
  }
  if (!kernels.length) throw new Error(`fuzz: no function of ${named} matches ${KERNELS}`);
  return kernels;
}

/** Builds build/fuzz/<target> for every target (cached on a hash of the inputs); returns the directory. */
export function buildTargets({ log = () => {} } = {}) {
  const lib = join(buildLibrary('native', 'speed', { log }), 'src');
  const sources = [...readdirSync(lib).map((f) => join(lib, f)), ...readdirSync(fuzzDir).filter((f) => /\.[ch]$/.test(f)).map((f) => join(fuzzDir, f))];
  const data = ['pki/root.der', 'sessions/aes128-x25519-p256.bin', 'sessions/chacha-x25519-p256.bin'].map((f) => join(fuzzDir, f));
  const h = createHash('sha256');
  for (const f of [...sources, ...data, import.meta.filename]) h.update(f).update(readFileSync(f));
  const key = h.update(CFLAGS.join(' ')).digest('hex').slice(0, 16);
  if (existsSync(join(outDir, 'key')) && readFileSync(join(outDir, 'key'), 'utf8') === key && TARGETS.every((t) => existsSync(join(outDir, t)))) return outDir;
  log('fuzz: building the targets');
  const src = join(outDir, 'src');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(src, { recursive: true });
  for (const f of readdirSync(lib)) copyFileSync(join(lib, f), join(src, f));
  const config = readFileSync(join(src, 'ember-config.h'), 'utf8').replace(/#define EMBER_MEMORY_BYTES \d+u/, `#define EMBER_MEMORY_BYTES ${MEMORY_BYTES}u`);
  writeFileSync(join(src, 'ember-config.h'), config);
  const [root_, aes, chacha] = data.map((f) => readFileSync(f));
  const ignorelist = join(outDir, 'kernels.ignorelist');
  writeFileSync(ignorelist, kernelFunctions(readFileSync(join(src, 'ember.c'), 'utf8')).map((f) => `fun:${f}\n`).join(''));
  writeFileSync(join(src, 'fuzz-data.c'), '/* Generated by scripts/fuzz.mjs from fuzz/pki and fuzz/sessions. */\n#include <stddef.h>\n#include <stdint.h>\n\n' +
    cArray('fuzz_root_der', root_) + cArray('fuzz_session_aes128', aes) + cArray('fuzz_session_chacha', chacha));
  // The engine, the runtime and the harness, instrumented for coverage and the sanitizers.
  const common = ['ember.c', 'ember-glue.c', 'runtime.c', 'fuzz-data.c'].map((f) => join(src, f)).concat(join(fuzzDir, 'harness.c'));
  const objects = common.map((file) => {
    const obj = join(outDir, file.split('/').pop().replace(/\.c$/, '.o'));
    const only = file.endsWith('/ember.c') ? [`-fsanitize-coverage-ignorelist=${ignorelist}`] : [];
    sh('clang', [...CFLAGS, '-fsanitize=fuzzer-no-link', ...only, `-I${src}`, `-I${fuzzDir}`, '-c', file, '-o', obj]);
    return obj;
  });
  for (const t of TARGETS) {
    sh('clang', [...CFLAGS, '-fsanitize=fuzzer', `-I${src}`, `-I${fuzzDir}`, join(fuzzDir, `${t}.c`), ...objects, '-o', join(outDir, t)]);
  }
  writeFileSync(join(outDir, 'key'), key);
  return outDir;
}

const filesIn = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith('.') && f !== 'README.md').map((f) => join(dir, f)) : []);

/** The regression inputs of a target (fuzz/crashes/TARGET). */
export const crashInputs = (target) => filesIn(join(fuzzDir, 'crashes', target));

/** Runs inputs through a target; returns { ok, output }. */
export function replay(target, files, { timeout = 10 } = {}) {
  const bin = join(buildTargets(), target);
  if (!files.length) return { ok: true, output: '' };
  const r = spawnSync(bin, [`-timeout=${timeout}`, '-runs=1', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { ok: r.status === 0, output: r.stderr + r.stdout };
}

/**
 * Fuzzes target for `time` seconds. Returns { executions, execPerSec, seconds,
 * found (files libFuzzer wrote to fuzz/crashes/TARGET), ok, output }.
 */
export function run(target, { time = 60, runs = 0, timeout = 10, crashDir = join(fuzzDir, 'crashes', target), extra = [] } = {}) {
  const bin = join(buildTargets(), target);
  const work = join(outDir, 'corpus', target);
  const corpus = join(fuzzDir, 'corpus', target);
  for (const d of [work, corpus, crashDir]) mkdirSync(d, { recursive: true });
  const before = new Set(filesIn(crashDir));
  const started = Date.now();
  const r = spawnSync(bin, [
    `-max_total_time=${time}`, `-timeout=${timeout}`, '-rss_limit_mb=2048', '-print_final_stats=1', '-detect_leaks=1',
    `-artifact_prefix=${crashDir}/`, ...(runs ? [`-runs=${runs}`] : []), ...extra, work, corpus,
  ], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: (time + 120) * 1000 });
  const output = (r.stderr ?? '') + (r.stdout ?? '');
  const stat = (name) => Number(new RegExp(`stat::${name}:\\s+(\\d+)`).exec(output)?.[1] ?? NaN);
  const found = filesIn(crashDir).filter((f) => !before.has(f));
  return {
    target,
    executions: stat('number_of_executed_units'),
    execPerSec: stat('average_exec_per_sec'),
    seconds: Math.round((Date.now() - started) / 100) / 10,
    coverage: Number(/cov: (\d+)/g.exec(output.split('\n').filter((l) => l.includes('cov:')).at(-1) ?? '')?.[1] ?? NaN),
    found,
    ok: r.status === 0 && found.length === 0,
    output,
  };
}

/** Merges the run's finds, the seeds and the corpus into a minimal fuzz/corpus/TARGET. */
export function updateCorpus(target) {
  const bin = join(buildTargets(), target);
  const corpus = join(fuzzDir, 'corpus', target);
  const next = join(outDir, 'corpus-next', target);
  rmSync(next, { recursive: true, force: true });
  mkdirSync(next, { recursive: true });
  const inputs = [join(outDir, 'corpus', target), corpus, join(fuzzDir, 'seeds', target)].filter(existsSync);
  sh(bin, ['-merge=1', '-timeout=10', next, ...inputs]);
  rmSync(corpus, { recursive: true, force: true });
  renameSync(next, corpus);
  return readdirSync(corpus).length;
}

function recordResult(result) {
  const file = join(root, 'bench', 'results', 'fuzz.json');
  const doc = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { description: 'libFuzzer runs of fuzz/ (npm run fuzz, npm run fuzz:long): ASan + UBSan, a trap aborts, -timeout catches hangs', runs: [] };
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
  doc.runs.push({
    date: new Date().toISOString(), commit, target: result.target, seconds: result.seconds, executions: result.executions,
    execPerSec: result.execPerSec, coverage: result.coverage, corpus: filesIn(join(fuzzDir, 'corpus', result.target)).length,
    findings: result.found.map((f) => f.slice(root.length + 1)),
    machine: cpuName(),
  });
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}

function cpuName() {
  const info = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.*)/.exec(info)?.[1] ?? 'unknown cpu';
  return `${model} (${info.match(/^processor/gm)?.length ?? '?'} threads)`;
}

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      time: { type: 'string', default: '60' },
      runs: { type: 'string', default: '0' },
      timeout: { type: 'string', default: '10' },
      'update-corpus': { type: 'boolean', default: false },
      record: { type: 'boolean', default: false },
      replay: { type: 'boolean', default: false },
    },
  });
  const [name, ...files] = positionals;
  const targets = name === 'all' ? TARGETS : [name];
  if (!targets.every((t) => TARGETS.includes(t))) {
    console.error(`usage: npm run fuzz -- ${['all', ...TARGETS].join('|')} [--time SECONDS] [--runs N] [--timeout SECONDS] [--update-corpus] [--record] [--replay FILE...]`);
    process.exit(2);
  }
  buildTargets({ log: (m) => console.error(m) });
  let failed = false;
  for (const target of targets) {
    if (values.replay) {
      const r = replay(target, files.length ? files : crashInputs(target), { timeout: Number(values.timeout) });
      console.log(`${target}: replay ${r.ok ? 'passed' : 'CRASHED'}`);
      if (!r.ok) console.log(r.output);
      failed ||= !r.ok;
      continue;
    }
    const r = run(target, { time: Number(values.time), runs: Number(values.runs), timeout: Number(values.timeout) });
    console.log(`${target}: ${r.executions} executions in ${r.seconds} s, ${r.execPerSec} exec/s, coverage ${r.coverage}, ${r.found.length ? `FOUND ${r.found.join(', ')}` : 'nothing found'}`);
    if (!r.ok) console.log(r.output.split('\n').slice(-80).join('\n'));
    if (values['update-corpus']) console.log(`${target}: corpus minimised to ${updateCorpus(target)} inputs`);
    if (values.record) recordResult(r);
    failed ||= !r.ok;
  }
  process.exit(failed ? 1 : 0);
}
