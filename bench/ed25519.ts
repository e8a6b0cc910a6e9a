// Ed25519 verification (RFC 8032 §5.1.7) on V8: EmberTLS beside @noble/curves
// and node:crypto in one run, tinybench median latency, the same key, message
// and signature for all three. Run with `npx tsx bench/ed25519.ts`.
import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { execSync } from 'node:child_process';
import { cpus } from 'node:os';
import { Bench } from 'tinybench';
import { ed25519 as noble } from '@noble/curves/ed25519.js';
import { ed25519Verify } from '../host/primitives/ed25519.js';

type Impl = 'ember' | 'noble' | 'node';
const IMPLS: Impl[] = ['ember', 'noble', 'node'];

function verifyCase(size: number) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  const keyObject = createPublicKey({ key: publicKey.export({ format: 'der', type: 'spki' }), format: 'der', type: 'spki' });
  const message = new Uint8Array(randomBytes(size));
  const signature = new Uint8Array(sign(null, message, privateKey));
  const run: Record<Impl, () => boolean> = {
    ember: () => ed25519Verify(raw, message, signature),
    // Strict RFC 8032 mode (zip215: false): the rules EmberTLS follows.
    noble: () => noble.verify(signature, message, raw, { zip215: false }),
    node: () => verify(null, message, keyObject, signature),
  };
  for (const impl of IMPLS) if (!run[impl]()) throw new Error(`${impl} rejected a valid signature`);
  return { op: `ed25519 verify ${size >= 1024 ? `${size / 1024} KiB` : `${size} B`}`, run };
}

function fmt(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`;
}

const commit = execSync('git rev-parse --short HEAD').toString().trim();
console.log(`# embertls ${commit} | runtime node ${process.version} (V8 ${process.versions.v8}) | cpu ${cpus()[0].model} | median latency`);
console.log(`${'op'.padEnd(26)}${'ember'.padStart(11)}${'@noble'.padStart(11)}${'node'.padStart(11)}   ember speed vs noble | vs node (x faster)`);
for (const c of [verifyCase(64), verifyCase(1024), verifyCase(16384)]) {
  const bench = new Bench({ time: 800, warmupTime: 200 });
  for (const impl of IMPLS) bench.add(impl, c.run[impl]);
  await bench.run();
  const median = {} as Record<Impl, number>;
  for (const task of bench.tasks) {
    const result = task.result as { latency?: { p50: number } };
    if (!result.latency) throw new Error(`${c.op} ${task.name} did not complete`);
    median[task.name as Impl] = result.latency.p50 * 1000;
  }
  console.log(
    `${c.op.padEnd(26)}${fmt(median.ember).padStart(11)}${fmt(median.noble).padStart(11)}${fmt(median.node).padStart(11)}` +
      `   ${(median.noble / median.ember).toFixed(2).padStart(6)}x | ${(median.node / median.ember).toFixed(2)}x`,
  );
}
