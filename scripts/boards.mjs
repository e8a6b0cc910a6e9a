// The TS-to-C toolchain for boards, used by build-c.mjs, test/boards.test.ts
// and bench/boards.ts:
//   buildLibrary   wasm2c on the engine module, spliced onto the runtime in
//                  boards/runtime, compiled with the board's GCC into
//                  build/boards/<board>/<profile>/lib/libembertls.a
//   buildFirmware  links a firmware (a C file under boards/common) for the board
//   runFirmware    runs it under QEMU with a hard timeout; the firmware's exit
//                  status is QEMU's (semihosting exit)
// Every step is cached on a hash of its inputs, so the test and the bench build
// each board once.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const boardsDir = join(root, 'boards');
const runtimeDir = join(boardsDir, 'runtime');
export const PROFILES = ['speed', 'size'];
/** Boards that QEMU runs; esp32c3-idf is a template for real hardware. */
export const SIMULATED_BOARDS = ['esp32c3-sim', 'cortex-m4', 'cortex-m33', 'esp8266-lx106'];

/**
 * The module each board profile carries to C. Boards get the 32-bit-word
 * builds: the 64-bit AES-GCM of Node's build/ember.wasm costs a core without a
 * 64-bit multiplier about 1.5x the instructions.
 */
export const wasmOf = { speed: 'build/ember-speed32.wasm', size: 'build/ember-size.wasm' };
/**
 * C optimisation per profile: the speed profile pairs -O3 wasm with -O2 C, size pairs -Oz
 * wasm with -Os C. -fno-schedule-insns: scheduling before register allocation stretches
 * live ranges across wasm2c's long straight-line functions and the spills cost more than
 * it saves (rv32 AES-GCM -19%, lx106 SHA-256 -26% instructions; X25519 on Cortex-M4 +4%).
 */
const cOptOf = { speed: ['-O2', '-fno-schedule-insns'], size: ['-Os'] };
const warnings = ['-Wall', '-Wno-unused-function', '-Wno-unused-variable', '-Wno-unused-but-set-variable', '-Wno-unused-label'];

export function loadProfile(board) {
  const file = join(boardsDir, board, 'profile.json');
  if (!existsSync(file)) throw new Error(`unknown board '${board}': no ${file}`);
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const dir = join(boardsDir, board);
  const expand = (s) => s.replaceAll('{board}', dir).replaceAll('{runtime}', runtimeDir);
  return {
    ...profile,
    dir,
    expand,
    tool: (name) => profile.toolchain.prefix + name,
  };
}

function hashOf(parts) {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' && existsSync(p) && statSync(p).isFile() ? readFileSync(p) : String(p));
  return h.digest('hex').slice(0, 16);
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Runs a tool; on failure throws with its output. */
function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Builds the engine's wasm profiles when assembly/ is newer than them. */
export function ensureWasm() {
  const newest = Math.max(...filesUnder(join(root, 'assembly')).map((f) => statSync(f).mtimeMs));
  const stale = Object.values(wasmOf).some((w) => !existsSync(join(root, w)) || statSync(join(root, w)).mtimeMs < newest);
  if (stale) execFileSync('node', ['scripts/build-wasm.mjs', 'speed32', 'size'], { cwd: root, stdio: 'inherit' });
}

// ---- Module checks --------------------------------------------------------

/**
 * The runtime keeps no call-depth counter and has no tables, so the module
 * must not call indirectly or recurse: then its stack depth is bounded and
 * the painted-stack measurement covers every path's frames.
 */
function checkCallGraph(wasmPath) {
  const text = sh('wasm-objdump', ['-d', wasmPath]);
  if (/\bcall_indirect\b/.test(text)) throw new Error(`${wasmPath}: call_indirect is not supported on boards`);
  const calls = new Map();
  let current = null;
  for (const line of text.split('\n')) {
    const fn = /^[0-9a-f]+ func\[(\d+)\]/.exec(line);
    if (fn) calls.set((current = Number(fn[1])), new Set());
    const call = /\|\s*call (\d+)/.exec(line);
    if (call && current !== null) calls.get(current).add(Number(call[1]));
  }
  const state = new Map(); // 1 = on the path, 2 = done
  const visit = (f, path) => {
    if (state.get(f) === 2) return;
    if (state.get(f) === 1) throw new Error(`${wasmPath}: recursion through functions ${[...path, f].join(' -> ')}`);
    state.set(f, 1);
    for (const g of calls.get(f) ?? []) visit(g, [...path, f]);
    state.set(f, 2);
  };
  for (const f of calls.keys()) visit(f, []);
}

/**
 * The engine's imports and the port function each one calls (embertls.h).
 * The trampoline checks that a (pointer, length) pair lies inside linear
 * memory before handing the port a C pointer.
 */
const IMPORTS = {
  'env.random': {
    signature: '(i32, i32) -> nil',
    c: 'void Z_envZ_random(struct Z_env_instance_t* env, u32 ptr, u32 len) {\n  (void)env;\n  ember_port_random(ember_span(ptr, len), len);\n}',
  },
  'env.time': {
    signature: '() -> i64',
    c: 'u64 Z_envZ_time(struct Z_env_instance_t* env) {\n  (void)env;\n  return ember_port_time();\n}',
  },
  'env.trace': {
    signature: '(i32, i32) -> nil',
    c: 'void Z_envZ_trace(struct Z_env_instance_t* env, u32 ptr, u32 len) {\n  (void)env;\n  ember_port_trace((const char*)ember_span(ptr, len), len);\n}',
  },
};

function moduleImports(wasmPath) {
  const text = sh('wasm-objdump', ['-x', wasmPath]);
  const types = new Map();
  for (const m of text.matchAll(/type\[(\d+)\] \(([^)]*)\) -> (\S+)/g)) types.set(m[1], `(${m[2]}) -> ${m[3]}`);
  const imports = [];
  for (const m of text.matchAll(/func\[\d+\] sig=(\d+) <[^>]*> <- (\S+)/g)) {
    const name = m[2];
    const known = IMPORTS[name];
    if (!known) throw new Error(`${wasmPath} imports ${name}; boards supply only ${Object.keys(IMPORTS).join(', ')}`);
    if (types.get(m[1]) !== known.signature) {
      throw new Error(`${wasmPath} imports ${name} as ${types.get(m[1])}; the board glue expects ${known.signature}`);
    }
    imports.push(name);
  }
  const importSection = /^Import\[\d+\]:\n((?: - .*\n)*)/m.exec(text)?.[1] ?? '';
  if (/ - memory\[/.test(importSection)) throw new Error(`${wasmPath} imports its memory; boards expect it to define one`);
  return imports;
}

function memoryPages(wasmPath) {
  const m = /memory\[0\] pages: initial=(\d+)(?: max=(\d+))?/.exec(sh('wasm-objdump', ['-x', wasmPath]));
  if (!m) throw new Error(`${wasmPath} defines no memory`);
  if (m[2] !== m[1]) throw new Error(`${wasmPath}: memory must have a fixed size (initial ${m[1]}, max ${m[2] ?? 'none'})`);
  return Number(m[1]);
}

// ---- wasm2c output, spliced onto the runtime ------------------------------

/**
 * Replaces wasm2c's load/store helpers with ember-memory.h and rewrites their
 * calls to pass the address and the constant offset apart (see that file).
 */
export function spliceMemoryAccess(source) {
  const start = source.indexOf('#if WABT_BIG_ENDIAN');
  const endMarker = 'DEFINE_STORE(i64_store32, u32, u64)\n';
  const end = source.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error('wasm2c output changed: load/store helpers not found (wabt 1.0.32 expected)');
  let out = source.slice(0, start) + '#include "ember-memory.h"\n' + source.slice(end + endMarker.length);
  let rewritten = 0;
  out = out.replace(
    /\b([if](?:32|64)_(?:load|store)(?:8|16|32)?(?:_[su])?)\(&instance->w2c_memory, \(u64\)\((w2c_\w+)\)(?: \+ (\d+)u?)?/g,
    (_, op, addr, offset) => {
      rewritten++;
      return `${op}(${addr}, ${offset ?? 0}u`;
    },
  );
  const left = out.match(/\b[if](?:32|64)_(?:load|store)\w*\(&instance->w2c_memory/g);
  if (left) throw new Error(`wasm2c output changed: ${left.length} memory accesses not rewritten`);
  return { source: out, rewritten };
}

function glueSource(imports) {
  const env = imports.length ? ', NULL' : '';
  return [
    '/* Generated by scripts/boards.mjs: the engine instance, ember_init() and',
    ' * the trampolines from the engine\'s imports to the port (embertls.h). */',
    '#include "ember-internal.h"',
    '',
    'Z_ember_instance_t ember_instance;',
    '',
    'void ember_init(void) {',
    '  wasm_rt_init();',
    '  Z_ember_init_module();',
    `  Z_ember_instantiate(&ember_instance${env});`,
    '  Z_emberZ__initialize(&ember_instance);',
    '}',
    ...imports.map((name) => '\n' + IMPORTS[name].c),
    '',
  ].join('\n');
}

/** A profile's "misaligned" (see boards/runtime/ember-memory.h). */
const MISALIGNED = { checked: 'EMBER_MISALIGNED_CHECKED', compiler: 'EMBER_MISALIGNED_COMPILER', hardware: 'EMBER_MISALIGNED_HARDWARE' };

function configHeader(profile, pages) {
  if (!(profile.misaligned in MISALIGNED)) throw new Error(`${profile.board}: "misaligned" must be one of ${Object.keys(MISALIGNED).join(', ')}`);
  const declared = pages * 65536;
  const bytes = Math.min(profile.memoryBytes ?? declared, declared);
  return [
    '/* Generated by scripts/boards.mjs from the board profile. */',
    '#ifndef EMBER_CONFIG_H_',
    '#define EMBER_CONFIG_H_',
    `/* Linear memory reserved for the engine (the module declares ${declared} bytes). */`,
    `#define EMBER_MEMORY_BYTES ${bytes}u`,
    '/* How misaligned word accesses are made (ember-memory.h). */',
    `#define EMBER_MISALIGNED ${MISALIGNED[profile.misaligned]}`,
    '#endif',
    '',
  ].join('\n');
}

/** Library sources (runtime + hand-written API) copied next to the generated ones. */
const RUNTIME_FILES = ['wasm-rt.h', 'ember-memory.h', 'ember-internal.h', 'runtime.c', 'embertls.h', 'arena.c', 'crypto.c', 'mac.c', 'pubkey.c', 'tls.c'];

export function libraryDir(board, profile) {
  return join(root, 'build', 'boards', board, profile, 'lib');
}

/**
 * Builds build/boards/<board>/<profile>/lib: src/ (the whole C library, for a
 * user's own build system), include/embertls.h, and libembertls.a.
 */
export function buildLibrary(board, profileName, { log = () => {} } = {}) {
  if (!PROFILES.includes(profileName)) throw new Error(`profile must be one of ${PROFILES.join(', ')}`);
  const profile = loadProfile(board);
  ensureWasm();
  const wasm = join(root, wasmOf[profileName]);
  const extra = (profile.extraLibrarySources ?? []).map(profile.expand);
  const out = libraryDir(board, profileName);
  const key = hashOf([wasm, join(profile.dir, 'profile.json'), ...filesUnder(runtimeDir), ...extra, profileName, fileURLToPath(import.meta.url)]);
  const archive = join(out, 'libembertls.a');
  if (existsSync(join(out, 'key')) && readFileSync(join(out, 'key'), 'utf8') === key && existsSync(archive)) return out;
  log(`build:c ${board} ${profileName}`);

  checkCallGraph(wasm);
  const imports = moduleImports(wasm);
  const pages = memoryPages(wasm);
  rmSync(out, { recursive: true, force: true });
  const src = join(out, 'src');
  mkdirSync(src, { recursive: true });
  mkdirSync(join(out, 'include'), { recursive: true });
  sh('wasm2c', [wasm, '-n', 'ember', '-o', join(src, 'ember.c')]);
  const spliced = spliceMemoryAccess(readFileSync(join(src, 'ember.c'), 'utf8'));
  writeFileSync(join(src, 'ember.c'), spliced.source);
  writeFileSync(join(src, 'ember-glue.c'), glueSource(imports));
  writeFileSync(join(src, 'ember-config.h'), configHeader(profile, pages));
  for (const f of RUNTIME_FILES) copyFileSync(join(runtimeDir, f), join(src, f));
  copyFileSync(join(runtimeDir, 'embertls.h'), join(out, 'include', 'embertls.h'));
  for (const f of extra) copyFileSync(f, join(src, f.split('/').pop()));

  const cc = profile.tool('gcc');
  const flags = [...profile.cflags.map(profile.expand), ...profile.libc, ...cOptOf[profileName], '-std=gnu11', '-ffunction-sections', '-fdata-sections', '-DNDEBUG', ...warnings, `-I${src}`];
  const objects = readdirSync(src)
    .filter((f) => f.endsWith('.c'))
    .map((f) => {
      const obj = join(out, f.replace(/\.c$/, '.o'));
      sh(cc, [...flags, '-c', join(src, f), '-o', obj]);
      return obj;
    });
  sh(profile.tool('ar'), ['rcs', archive, ...objects]);
  writeFileSync(join(out, 'library.json'), JSON.stringify({ board, profile: profileName, wasm: wasmOf[profileName], imports, memoryPages: pages, accessesRewritten: spliced.rewritten, cflags: flags.filter((f) => !f.startsWith('-I')) }, null, 2) + '\n');
  writeFileSync(join(out, 'key'), key);
  return out;
}

// ---- Firmware -------------------------------------------------------------

/**
 * Links boards/common/<program>.c (with any generated headers in extraInclude)
 * against the board's library. Returns the ELF's path.
 */
export function buildFirmware(board, profileName, program, { extraInclude = [], extraSources = [], log = () => {} } = {}) {
  const profile = loadProfile(board);
  const lib = buildLibrary(board, profileName, { log });
  const common = join(boardsDir, 'common');
  const sources = [
    join(common, `${program}.c`),
    join(common, 'report.c'),
    join(common, 'port.c'),
    ...(program === 'bench' ? [join(common, 'ops.c')] : []),
    ...profile.firmware.sources.map((s) => join(profile.dir, s)),
    ...extraSources,
  ];
  const elf = join(dirname(lib), `${program}.elf`);
  const key = hashOf([readFileSync(join(lib, 'key'), 'utf8'), ...sources, ...filesUnder(common), ...extraInclude.flatMap(filesUnder), join(profile.dir, profile.firmware.linkerScript)]);
  if (existsSync(`${elf}.key`) && readFileSync(`${elf}.key`, 'utf8') === key && existsSync(elf)) return elf;
  log(`firmware ${board} ${profileName} ${program}`);
  const args = [
    ...profile.cflags.map(profile.expand),
    ...cOptOf[profileName],
    '-std=gnu11', '-ffunction-sections', '-fdata-sections', '-Wall',
    `-DEMBER_INSNS_PER_TICK=${profile.counter.insnsPerTick}u`,
    `-I${common}`, `-I${join(lib, 'include')}`, ...extraInclude.map((d) => `-I${d}`),
    // Only the benchmark reaches past embertls.h, to call exports on engine memory (ops.c).
    ...(program === 'bench' ? [`-I${join(lib, 'src')}`] : []),
    ...profile.libc,
    ...profile.firmware.ldflags.map(profile.expand).filter((f) => f !== '-lgcc'),
    '-T', join(profile.dir, profile.firmware.linkerScript),
    '-Wl,--gc-sections',
    `-Wl,-Map=${elf}.map`,
    ...sources,
    join(lib, 'libembertls.a'),
    ...profile.firmware.ldflags.filter((f) => f === '-lgcc'),
    '-o', elf,
  ];
  sh(profile.tool('gcc'), args);
  writeFileSync(`${elf}.key`, key);
  return elf;
}

/** Runs an ELF under the board's QEMU; resolves to its exit status and console text. */
export function runFirmware(board, elf, { timeoutMs = 120_000 } = {}) {
  const profile = loadProfile(board);
  const [command, ...args] = profile.qemu.command.map((a) => a.replaceAll('{elf}', elf));
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  if (result.error) throw new Error(`${board}: ${command} failed: ${result.error.message}`);
  if (result.signal) throw new Error(`${board}: ${command} killed by ${result.signal} (timeout ${timeoutMs} ms?)\n${result.stdout}${result.stderr}`);
  return { status: result.status, output: result.stdout + result.stderr };
}

/** Section sizes of an ELF (bytes), from the toolchain's `size -A`. */
export function sectionSizes(board, file) {
  const profile = loadProfile(board);
  const sizes = {};
  for (const line of sh(profile.tool('size'), ['-A', file]).split('\n')) {
    const m = /^(\.\S+)\s+(\d+)/.exec(line);
    if (m) sizes[m[1]] = (sizes[m[1]] ?? 0) + Number(m[2]);
  }
  return sizes;
}

/**
 * Bytes the linker kept from libembertls.a in a firmware (its map file), by
 * kind: flash (.text, .rodata, .literal) and RAM (.data, .bss). Unreferenced
 * exports are dropped by --gc-sections, so this is what a firmware that uses
 * those calls pays.
 */
export function linkedLibrarySizes(elf) {
  const lines = readFileSync(`${elf}.map`, 'utf8').split('\n');
  const sizes = { flash: 0, ram: 0 };
  let pending = null;
  let inDiscarded = false;
  for (const line of lines) {
    if (/^Discarded input sections/.test(line)) inDiscarded = true;
    if (/^Memory Configuration/.test(line)) inDiscarded = false;
    if (inDiscarded) continue;
    const named = /^ (\.[^\s]+)(?:\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+))?$/.exec(line);
    const continued = /^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+)$/.exec(line);
    let section, size, file;
    if (named && named[2]) [section, size, file] = [named[1], named[3], named[4]];
    else if (named) { pending = named[1]; continue; }
    else if (continued && pending) [section, size, file] = [pending, continued[2], continued[3]];
    pending = null;
    if (!section || !/libembertls\.a\(/.test(file)) continue;
    if (/^\.(text|rodata|srodata|literal)/.test(section)) sizes.flash += parseInt(size, 16);
    else if (/^\.(s?data|s?bss)/.test(section)) sizes.ram += parseInt(size, 16);
  }
  return sizes;
}

/** The tools a board needs, as [command, Debian package] pairs. */
export function requiredTools(board) {
  const profile = loadProfile(board);
  return [
    ['wasm2c', 'wabt'],
    [profile.tool('gcc'), profile.toolchain.debianPackages[0]],
    [profile.qemu.command[0], profile.qemu.debianPackage],
  ];
}
