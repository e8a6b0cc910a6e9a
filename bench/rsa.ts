// RSA verification benchmarks: EmberTLS on V8 beside node:crypto in one run
// (tinybench, median latency): PKCS#1 v1.5 and PSS verify at 2048, 3072 and
// 4096 bits (e = 65537, SHA-256, 64-byte message). @noble has no RSA
// (neither @noble/curves nor @noble/hashes implements it), so node:crypto is
// the only comparator. Writes bench/results/rsa.json. Run with `npx tsx bench/rsa.ts`.
import { constants, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Bench } from 'tinybench';
import { rsaVerify } from '../host/primitives/rsa.js';

type Impl = 'ember' | 'node';

interface Case {
  op: string;
  run: Record<Impl, () => unknown>;
}

function cases(): Case[] {
  const message = new Uint8Array(randomBytes(64));
  const out: Case[] = [];
  for (const bits of [2048, 3072, 4096]) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
    const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
    for (const scheme of ['pkcs1', 'pss'] as const) {
      const padding = scheme === 'pss' ? constants.RSA_PKCS1_PSS_PADDING : constants.RSA_PKCS1_PADDING;
      const saltLength = constants.RSA_PSS_SALTLEN_DIGEST;
      const sig = new Uint8Array(sign('sha256', message, { key: privateKey, padding, saltLength }));
      if (!rsaVerify({ scheme, hash: 'sha256' }, spki, message, sig)) throw new Error(`${scheme} ${bits} does not verify`);
      out.push({
        op: `rsa-${bits} ${scheme} verify`,
        run: {
          ember: () => rsaVerify({ scheme, hash: 'sha256' }, spki, message, sig),
          node: () => verify('sha256', message, { key: publicKey, padding, saltLength }, sig),
        },
      });
    }
  }
  return out;
}

interface Row {
  op: string;
  medianMicros: Record<Impl, number>;
  /** ember time / node time: how many times slower EmberTLS is (below 1: faster). */
  ratioEmberOverNode: number;
}

async function measure(c: Case): Promise<Row> {
  const bench = new Bench({ time: 500, warmupTime: 100 });
  for (const impl of ['ember', 'node'] as const) bench.add(impl, c.run[impl]);
  await bench.run();
  const medianMicros = {} as Record<Impl, number>;
  for (const task of bench.tasks) {
    const result = task.result as { latency?: { p50: number } };
    if (!result.latency) throw new Error(`${c.op} ${task.name} did not complete`);
    medianMicros[task.name as Impl] = result.latency.p50 * 1000;
  }
  return { op: c.op, medianMicros, ratioEmberOverNode: medianMicros.ember / medianMicros.node };
}

function fmt(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(us < 10 ? 2 : 1)} µs`;
}

async function main() {
  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  const cpu = cpus()[0];
  const runtime = `node ${process.version} (V8 ${process.versions.v8})`;
  const header = `# embertls ${commit} | runtime ${runtime} | cpu ${cpu.model} | median latency`;
  console.log(header);
  console.log('@noble: no RSA implementation, not compared');
  console.log(`${'op'.padEnd(24)}${'ember'.padStart(11)}${'node:crypto'.padStart(13)}   ratio (ember/node, lower is better)`);
  const rows: Row[] = [];
  for (const c of cases()) {
    const row = await measure(c);
    rows.push(row);
    const m = row.medianMicros;
    console.log(`${row.op.padEnd(24)}${fmt(m.ember).padStart(11)}${fmt(m.node).padStart(13)}   ${row.ratioEmberOverNode.toFixed(2)}`);
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/rsa.json',
    JSON.stringify({
      header, date: new Date().toISOString(), commit, runtime, cpu: cpu.model,
      comparators: { node: `node:crypto (OpenSSL ${process.versions.openssl})`, noble: 'none: @noble has no RSA' },
      statistic: 'median latency per call (tinybench latency.p50), microseconds; message 64 bytes, SHA-256, e = 65537',
      rows,
    }, null, 2) + '\n',
  );
  console.log('\nwrote bench/results/rsa.json');
}

await main();
