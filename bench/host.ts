// Host benchmarks: EmberTLS on V8 beside @noble/* and node:crypto, measured in
// one run with tinybench (median latency). Writes bench/results/host.json and
// bench/results/host.svg. Run with `npm run bench`.
import { createCipheriv, createHash, createHmac, createPrivateKey, createPublicKey, diffieHellman, randomBytes } from 'node:crypto';
import { execSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Bench } from 'tinybench';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { hmac as nobleHmac } from '@noble/hashes/hmac.js';
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { gcm } from '@noble/ciphers/aes.js';
import { x25519 as nobleX25519 } from '@noble/curves/ed25519.js';
import * as ember from '../host/crypto.js';
import { renderSvg } from './chart.js';

type Impl = 'ember' | 'noble' | 'node';
const IMPLS: Impl[] = ['ember', 'noble', 'node'];

interface Case {
  op: string;
  /** Bytes processed per call, or 0 for a fixed-size operation. */
  bytes: number;
  run: Record<Impl, () => unknown>;
}

const SIZES = [64, 1024, 16384];
const label = (n: number) => (n >= 1024 ? `${n / 1024} KiB` : `${n} B`);
const key32 = randomBytes(32);
const key16 = randomBytes(16);
const nonce = randomBytes(12);

function sizedCases(): Case[] {
  const cases: Case[] = [];
  for (const n of SIZES) {
    const data = new Uint8Array(randomBytes(n));
    cases.push(
      {
        op: `sha256 ${label(n)}`, bytes: n,
        run: {
          ember: () => ember.sha256(data),
          noble: () => nobleSha256(data),
          node: () => createHash('sha256').update(data).digest(),
        },
      },
      {
        op: `hmac-sha256 ${label(n)}`, bytes: n,
        run: {
          ember: () => ember.hmac('sha256', key32, data),
          noble: () => nobleHmac(nobleSha256, key32, data),
          node: () => createHmac('sha256', key32).update(data).digest(),
        },
      },
      {
        op: `chacha20-poly1305 ${label(n)}`, bytes: n,
        run: {
          ember: () => ember.chacha20Poly1305Seal(key32, nonce, data),
          noble: () => chacha20poly1305(key32, nonce).encrypt(data),
          node: () => nodeSeal('chacha20-poly1305', key32, data),
        },
      },
      {
        op: `aes-128-gcm ${label(n)}`, bytes: n,
        run: {
          ember: () => ember.aesGcmSeal(key16, nonce, data),
          noble: () => gcm(key16, nonce).encrypt(data),
          node: () => nodeSeal('aes-128-gcm', key16, data),
        },
      },
    );
  }
  const big = new Uint8Array(randomBytes(16384));
  cases.push({
    op: 'aes-256-gcm 16 KiB', bytes: 16384,
    run: {
      ember: () => ember.aesGcmSeal(key32, nonce, big),
      noble: () => gcm(key32, nonce).encrypt(big),
      node: () => nodeSeal('aes-256-gcm', key32, big),
    },
  });
  return cases;
}

function nodeSeal(algorithm: 'chacha20-poly1305' | 'aes-128-gcm' | 'aes-256-gcm', key: Uint8Array, data: Uint8Array) {
  const cipher = createCipheriv(algorithm as 'aes-128-gcm', key, nonce, { authTagLength: 16 });
  return Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
}

function x25519Case(): Case {
  const priv = new Uint8Array(randomBytes(32));
  const peer = ember.x25519PublicKey(new Uint8Array(randomBytes(32)));
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), priv]);
  const spki = Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), peer]);
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return {
    op: 'x25519 shared secret', bytes: 0,
    run: {
      ember: () => ember.x25519(priv, peer),
      noble: () => nobleX25519.getSharedSecret(priv, peer),
      node: () => diffieHellman({ privateKey, publicKey }),
    },
  };
}

interface Row {
  op: string;
  bytes: number;
  medianMicros: Record<Impl, number>;
  /** How many times faster EmberTLS is than the comparator (comparator time / ember time). */
  speedupVsNoble: number;
  speedupVsNode: number;
}

async function measure(c: Case): Promise<Row> {
  const bench = new Bench({ time: 400, warmupTime: 100 });
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
    bytes: c.bytes,
    medianMicros,
    speedupVsNoble: medianMicros.noble / medianMicros.ember,
    speedupVsNode: medianMicros.node / medianMicros.ember,
  };
}

const TARGETS = [
  { op: 'chacha20-poly1305 16 KiB', vs: 'noble', atLeast: 3, text: 'ChaCha20-Poly1305 16 KiB >= 3x @noble/ciphers' },
  { op: 'aes-128-gcm 16 KiB', vs: 'noble', atLeast: 2, text: 'AES-128-GCM 16 KiB >= 2x @noble/ciphers' },
  { op: 'x25519 shared secret', vs: 'noble', atLeast: 1, text: 'X25519 faster than @noble/curves' },
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
  console.log(`${'op'.padEnd(26)}${'ember'.padStart(11)}${'@noble'.padStart(11)}${'node'.padStart(11)}   ember speed vs noble | vs node (x faster)`);
  const rows: Row[] = [];
  for (const c of [...sizedCases(), x25519Case()]) {
    const row = await measure(c);
    rows.push(row);
    const m = row.medianMicros;
    const mbps = row.bytes ? `  ${(row.bytes / m.ember).toFixed(0)} MB/s` : '';
    console.log(
      `${row.op.padEnd(26)}${fmt(m.ember).padStart(11)}${fmt(m.noble).padStart(11)}${fmt(m.node).padStart(11)}` +
        `   ${row.speedupVsNoble.toFixed(2).padStart(6)}x | ${row.speedupVsNode.toFixed(2)}x${mbps}`,
    );
  }
  const moduleBytes = {
    speed: statSync('build/ember.wasm').size,
    size: statSync('build/ember-size.wasm').size,
  };
  console.log(`\nmodule size: speed profile (-O3) ${moduleBytes.speed} B, size profile (-Oz) ${moduleBytes.size} B`);
  const targets = TARGETS.map((t) => {
    const row = rows.find((r) => r.op === t.op)!;
    const measured = row.speedupVsNoble;
    return { target: t.text, measured: Number(measured.toFixed(2)), met: measured >= t.atLeast };
  });
  console.log('\ntargets:');
  for (const t of targets) console.log(`  ${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: measured ${t.measured}x`);

  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const result = {
    header,
    date: new Date().toISOString(),
    commit,
    runtime,
    cpu: cpu.model,
    comparators: {
      noble: `@noble/hashes, @noble/ciphers, @noble/curves ${pkg.devDependencies['@noble/ciphers']}`,
      node: `node:crypto (OpenSSL ${process.versions.openssl})`,
    },
    statistic: 'median latency per call (tinybench latency.p50), microseconds',
    moduleBytes,
    rows,
    targets,
  };
  writeFileSync('bench/results/host.json', JSON.stringify(result, null, 2) + '\n');
  writeFileSync(
    'bench/results/host.svg',
    renderSvg({
      title: 'EmberTLS on V8: speed relative to node:crypto (OpenSSL)',
      subtitle: `${runtime}, ${cpu.model}; bar = node:crypto time / implementation time (longer is faster)`,
      series: ['EmberTLS (wasm)', '@noble', 'node:crypto'],
      rows: rows.map((r) => ({
        label: r.op,
        values: [r.speedupVsNode, r.medianMicros.node / r.medianMicros.noble, 1],
      })),
      format: (v) => `${v.toFixed(2)}x`,
    }),
  );
  console.log('\nwrote bench/results/host.json and bench/results/host.svg');
}

await main();
