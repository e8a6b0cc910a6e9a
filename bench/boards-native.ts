// wasm2c's translation against V8 on the same x86-64 machine: the speed
// profile's C (boards/native, gcc -O2, the same boards/runtime) timed by
// boards/native/timing.c, and V8 running the same module (boards.wasmOf.speed) through the same
// export calls on the same arena layout (boards/common/ops.c), best of 7
// rounds each. callgrind adds the native build's exact x86 instruction count.
import { stubImports } from '../test/support/wasm.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
// @ts-expect-error: plain ESM scripts, no type declarations
import * as boards from '../scripts/boards.mjs';
// @ts-expect-error: plain ESM scripts, no type declarations
import { benchPublicKeyInputs, writeVectorHeader } from '../scripts/board-vectors.mjs';

export interface NativeRow {
  op: string;
  bytes: number;
  /** Per byte, or per call when bytes is 0. */
  nativeNsPerByte: number;
  v8NsPerByte: number;
  /** wasm2c time / V8 time: below 1, the translated C is faster. */
  ratio: number;
  x86InstructionsPerByte: number | null;
}

type Exports = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };

/** The operations of boards/common/ops.c, on V8. */
function v8Ops(e: Exports): Record<string, (length: number) => void> {
  const base = e.arenaPtr();
  const ctx = base;
  const params = base + 4096;
  const input = base + 8192;
  const output = base + 24576;
  const memory = new Uint8Array(e.memory.buffer);
  for (let i = 0; i < e.arenaSize(); i++) memory[base + i] = (i * 131 + 7) & 0xff;
  // The public-key inputs, where ops.c puts them: params + 128 (PK).
  const pk = benchPublicKeyInputs() as { bytes: Uint8Array; fields: Record<string, [number, number]> };
  memory.set(pk.bytes, params + 128);
  const at = (name: string) => params + 128 + pk.fields[name][0];
  const len = (name: string) => pk.fields[name][1];
  return {
    sha256: (n) => {
      e.hashInit(ctx, 0);
      e.hashUpdate(ctx, input, n);
      e.hashFinal(ctx, output);
    },
    'chacha20-poly1305': (n) => {
      e.chacha20Poly1305Seal(ctx, params, params + 32, params + 48, 13, input, input, n, params + 64);
    },
    'aes-128-gcm': (n) => {
      e.gcmSeal(ctx, params, 16, params + 32, params + 48, 13, input, n, input);
    },
    x25519: () => {
      e.x25519ScalarMult(output, params, params + 32);
    },
    'p256-public-key': () => e.p256PublicKey(at('P256_PRIV'), output),
    'ecdh-p256': () => e.ecdhP256(at('P256_PRIV'), at('P256_PEER'), len('P256_PEER'), output),
    'ecdsa-p256-sign': () => {
      e.ecdsaInit(ctx, 0);
      e.ecdsaUpdate(ctx, at('ECDSA_MSG'), len('ECDSA_MSG'));
      e.ecdsaSignFinal(ctx, 0, at('ECDSA_PRIV'), output);
    },
    'ecdsa-p256-verify': () => {
      e.ecdsaInit(ctx, 0);
      e.ecdsaUpdate(ctx, at('ECDSA_MSG'), len('ECDSA_MSG'));
      e.ecdsaVerifyFinal(ctx, 0, at('ECDSA_PUB'), len('ECDSA_PUB'), at('ECDSA_SIG'), len('ECDSA_SIG'));
    },
    'ecdsa-p384-verify': () => {
      e.ecdsaInit(ctx, 1);
      e.ecdsaUpdate(ctx, at('P384_MSG'), len('P384_MSG'));
      e.ecdsaVerifyFinal(ctx, 1, at('P384_PUB'), len('P384_PUB'), at('P384_SIG'), len('P384_SIG'));
    },
    'ed25519-verify': () => e.ed25519Verify(ctx, at('ED_PUB'), at('ED_MSG'), len('ED_MSG'), at('ED_SIG')),
    'rsa2048-pkcs1-verify': () =>
      e.rsaVerify(ctx, at('RSA_SPKI'), len('RSA_SPKI'), 0, at('RSA_PKCS1_MSG'), len('RSA_PKCS1_MSG'), at('RSA_PKCS1_SIG'), len('RSA_PKCS1_SIG'), 0, 0),
    'rsa2048-pss-verify': () =>
      e.rsaVerify(ctx, at('RSA_SPKI'), len('RSA_SPKI'), 0, at('RSA_PSS_MSG'), len('RSA_PSS_MSG'), at('RSA_PSS_SIG'), len('RSA_PSS_SIG'), 1, 32),
    'rsa4096-public-op': () => e.rsaPublicOp(at('RSA4096_N'), len('RSA4096_N'), 65537, at('RSA4096_SIG'), len('RSA4096_SIG'), output),
  };
}

function bestNs(run: () => void): number {
  const start = performance.now();
  run();
  const runs = Math.ceil(20 / (performance.now() - start + 1e-3));
  let best = Infinity;
  for (let round = 0; round < 7; round++) {
    const t = performance.now();
    for (let r = 0; r < runs; r++) run();
    best = Math.min(best, ((performance.now() - t) * 1e6) / runs);
  }
  return best;
}

/** x86 instructions per operation, from callgrind's per-dump totals. */
function callgrindCounts(program: string, dir: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (spawnSync('sh', ['-c', 'command -v valgrind']).status !== 0) return counts;
  execFileSync('valgrind', ['--tool=callgrind', '--collect-atstart=yes', `--callgrind-out-file=${join(dir, 'cg.out')}`, program, '--once'], { stdio: 'ignore' });
  for (const file of readdirSync(dir).filter((f) => f.startsWith('cg.out'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const label = /^desc: Trigger: Client Request: (.+)$/m.exec(text)?.[1];
    const total = /^(?:summary|totals): (\d+)/m.exec(text)?.[1];
    if (label && total) counts.set(label, Number(total));
  }
  return counts;
}

export function nativeComparison(dir: string): NativeRow[] {
  const lib = boards.buildLibrary('native', 'speed');
  const program = join(dir, 'timing');
  execFileSync('gcc', [
    '-O2', '-std=gnu11', `-I${join(lib, 'include')}`, `-I${join(lib, 'src')}`, `-I${join(boards.root, 'boards', 'common')}`, `-I${writeVectorHeader()}`,
    join(boards.root, 'boards', 'native', 'timing.c'), join(boards.root, 'boards', 'common', 'ops.c'), join(lib, 'libembertls.a'),
    '-o', program,
  ]);
  const counts = callgrindCounts(program, dir);

  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(boards.root, boards.wasmOf.speed))), stubImports);
  const e = instance.exports as unknown as Exports;
  (e as unknown as { _initialize?: () => void })._initialize?.();
  const ops = v8Ops(e);

  // The machine may be shared: alternate the two sides a few times and keep
  // each side's best, so a burst of load elsewhere does not pick the winner.
  const best = new Map<string, { native: number; v8: number }>();
  for (let round = 0; round < 3; round++) {
    for (const [, op, b, ns] of execFileSync(program).toString().matchAll(/^native (\S+) (\d+) ([\d.]+)$/gm)) {
      const key = `${op} ${b}`;
      const v8 = bestNs(() => ops[op](Number(b)));
      const prev = best.get(key) ?? { native: Infinity, v8: Infinity };
      best.set(key, { native: Math.min(prev.native, Number(ns)), v8: Math.min(prev.v8, v8) });
    }
  }

  return [...best].map(([key, { native: ns, v8 }]) => {
    const [op, b] = key.split(' ');
    const bytes = Number(b);
    // A fixed-size operation (X25519) is reported per call: "per byte" with bytes = 1.
    const per = bytes || 1;
    const count = counts.get(key);
    return {
      op: bytes ? `${op} ${bytes / 1024} KiB` : `${op} (per call)`,
      bytes,
      nativeNsPerByte: ns / per,
      v8NsPerByte: v8 / per,
      ratio: ns / v8,
      x86InstructionsPerByte: count === undefined ? null : count / per,
    };
  });
}
