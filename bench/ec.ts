// Elliptic-curve benchmarks: EmberTLS on V8 beside @noble/curves and
// node:crypto in one run (tinybench, median latency): P-256 key derivation,
// ECDH, ECDSA sign and verify, and P-384 verify. Writes bench/results/ec.json
// and bench/results/ec.svg. Run with `npx tsx bench/ec.ts`.
import { createECDH, createPrivateKey, createPublicKey, randomBytes, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Bench } from 'tinybench';
import { p256, p384 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ecdhP256, ecdsaSign, ecdsaVerify, publicKeyP256 } from '../host/primitives/ec.js';
import { renderSvg } from './chart.js';

type Impl = 'ember' | 'noble' | 'node';
const IMPLS: Impl[] = ['ember', 'noble', 'node'];

interface Case {
  op: string;
  run: Record<Impl, () => unknown>;
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
function jwk(crv: 'P-256' | 'P-384', priv: Uint8Array | null, pub: Uint8Array) {
  const size = crv === 'P-256' ? 32 : 48;
  return {
    kty: 'EC', crv, x: b64(pub.subarray(1, 1 + size)), y: b64(pub.subarray(1 + size)),
    ...(priv ? { d: b64(priv) } : {}),
  };
}

function cases(): Case[] {
  const message = new Uint8Array(randomBytes(64));
  const priv = p256.utils.randomSecretKey();
  const pub = p256.getPublicKey(priv, false);
  const peerPriv = p256.utils.randomSecretKey();
  const peerPub = p256.getPublicKey(peerPriv, false);
  const nodePriv = createPrivateKey({ key: jwk('P-256', priv, pub), format: 'jwk' });
  const nodePub = createPublicKey({ key: jwk('P-256', null, pub), format: 'jwk' });
  const nodeEcdh = createECDH('prime256v1');
  nodeEcdh.setPrivateKey(priv);
  const sig = ecdsaSign('P-256', 'sha256', priv, message);
  const digest = sha256(message);

  const priv384 = p384.utils.randomSecretKey();
  const pub384 = p384.getPublicKey(priv384, false);
  const node384 = createPublicKey({ key: jwk('P-384', null, pub384), format: 'jwk' });
  const sig384 = new Uint8Array(nodeSign('sha384', message, createPrivateKey({ key: jwk('P-384', priv384, pub384), format: 'jwk' })));

  return [
    {
      op: 'p256 public key',
      run: {
        ember: () => publicKeyP256(priv),
        noble: () => p256.getPublicKey(priv, false),
        node: () => { const e = createECDH('prime256v1'); e.setPrivateKey(priv); return e.getPublicKey(); },
      },
    },
    {
      op: 'p256 ecdh',
      run: {
        ember: () => ecdhP256(priv, peerPub),
        noble: () => p256.getSharedSecret(priv, peerPub),
        node: () => nodeEcdh.computeSecret(peerPub),
      },
    },
    {
      op: 'ecdsa-p256 sign',
      run: {
        ember: () => ecdsaSign('P-256', 'sha256', priv, message),
        noble: () => p256.sign(message, priv, { format: 'der', lowS: false }),
        node: () => nodeSign('sha256', message, nodePriv),
      },
    },
    {
      op: 'ecdsa-p256 verify',
      run: {
        ember: () => ecdsaVerify('P-256', 'sha256', pub, message, sig),
        noble: () => p256.verify(sig, digest, pub, { prehash: false, format: 'der', lowS: false }),
        node: () => nodeVerify('sha256', message, nodePub, sig),
      },
    },
    {
      op: 'ecdsa-p384 verify',
      run: {
        ember: () => ecdsaVerify('P-384', 'sha384', pub384, message, sig384),
        noble: () => p384.verify(sig384, message, pub384, { format: 'der', lowS: false }),
        node: () => nodeVerify('sha384', message, node384, sig384),
      },
    },
  ];
}

interface Row {
  op: string;
  medianMicros: Record<Impl, number>;
  /** How many times faster EmberTLS is than the comparator (comparator time / ember time). */
  speedupVsNoble: number;
  speedupVsNode: number;
}

async function measure(c: Case): Promise<Row> {
  const bench = new Bench({ time: 500, warmupTime: 100 });
  for (const impl of IMPLS) bench.add(impl, c.run[impl]);
  await bench.run();
  const medianMicros = {} as Record<Impl, number>;
  for (const task of bench.tasks) {
    const result = task.result as { latency?: { p50: number } };
    if (!result.latency) throw new Error(`${c.op} ${task.name} did not complete`);
    medianMicros[task.name as Impl] = result.latency.p50 * 1000;
  }
  return {
    op: c.op,
    medianMicros,
    speedupVsNoble: medianMicros.noble / medianMicros.ember,
    speedupVsNode: medianMicros.node / medianMicros.ember,
  };
}

const TARGETS = [
  { op: 'ecdsa-p256 verify', atLeast: 2, text: 'ECDSA-P256 verify >= 2x @noble/curves' },
  { op: 'p256 ecdh', atLeast: 2, text: 'P-256 ECDH >= 2x @noble/curves' },
] as const;

function fmt(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(us < 10 ? 2 : 1)} µs`;
}

async function main() {
  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  const cpu = cpus()[0];
  const runtime = `node ${process.version} (V8 ${process.versions.v8})`;
  const header = `# embertls ${commit} | runtime ${runtime} | cpu ${cpu.model} | median latency`;
  console.log(header);
  console.log(`${'op'.padEnd(22)}${'ember'.padStart(11)}${'@noble'.padStart(11)}${'node'.padStart(11)}   ember speed vs noble | vs node (x faster)`);
  const rows: Row[] = [];
  for (const c of cases()) {
    const row = await measure(c);
    rows.push(row);
    const m = row.medianMicros;
    console.log(
      `${row.op.padEnd(22)}${fmt(m.ember).padStart(11)}${fmt(m.noble).padStart(11)}${fmt(m.node).padStart(11)}` +
        `   ${row.speedupVsNoble.toFixed(2).padStart(6)}x | ${row.speedupVsNode.toFixed(2)}x`,
    );
  }
  const targets = TARGETS.map((t) => {
    const measured = rows.find((r) => r.op === t.op)!.speedupVsNoble;
    return { target: t.text, measured: Number(measured.toFixed(2)), met: measured >= t.atLeast };
  });
  console.log('\ntargets:');
  for (const t of targets) console.log(`  ${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: measured ${t.measured}x`);

  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/ec.json',
    JSON.stringify({
      header, date: new Date().toISOString(), commit, runtime, cpu: cpu.model,
      comparators: {
        noble: `@noble/curves ${pkg.devDependencies['@noble/curves']} (nist.js)`,
        node: `node:crypto (OpenSSL ${process.versions.openssl})`,
      },
      statistic: 'median latency per call (tinybench latency.p50), microseconds',
      rows, targets,
    }, null, 2) + '\n',
  );
  writeFileSync(
    'bench/results/ec.svg',
    renderSvg({
      title: 'EmberTLS P-256 / P-384 on V8: speed relative to @noble/curves',
      subtitle: `${runtime}, ${cpu.model}; bar = @noble time / implementation time (longer is faster)`,
      series: ['EmberTLS (wasm)', '@noble/curves', 'node:crypto'],
      rows: rows.map((r) => ({
        label: r.op,
        values: [r.speedupVsNoble, 1, r.medianMicros.noble / r.medianMicros.node],
      })),
      format: (v) => `${v.toFixed(2)}x`,
    }),
  );
  console.log('\nwrote bench/results/ec.json and bench/results/ec.svg');
}

await main();
