// Renders the committed benchmark results as the README's tables, each between
// its <!-- bench:NAME --> markers (host, ec, ed25519, rsa, x509, tls, boards, boards-tls).
// npm run bench, bench:boards and bench:boards-tls call it after measuring.
import { readFileSync, writeFileSync } from 'node:fs';

const load = (name) => JSON.parse(readFileSync(`bench/results/${name}.json`, 'utf8'));
const us = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} ms` : `${v.toFixed(v < 10 ? 2 : 1)} µs`);
const targetLines = (targets) => targets.map((t) => `- ${t.met ? 'met' : '**not met**'}: ${t.target} (measured ${t.measured})`);

/** One host suite of bench/harness.ts: EmberTLS beside whichever comparators ran. */
function suiteTable(name) {
  const result = load(name);
  const cell = (v) => (v === undefined ? '-' : us(v));
  const ratio = (r) => (r === null ? '-' : `${r.toFixed(2)}x`);
  const baseline = result.baseline ?? 'node:crypto';
  const lines = [
    `${result.runtime}, ${result.cpu}, commit ${result.commit}, ${result.date.slice(0, 10)}; median time per call.`,
    '"x faster" = comparator time / EmberTLS time (above 1: EmberTLS is faster).',
    '',
    `| operation | EmberTLS | @noble | ${baseline} | vs @noble | vs ${baseline} |`,
    '|---|---:|---:|---:|---:|---:|',
    ...result.rows.map((row) => {
      const m = row.medianMicros;
      return `| ${row.op} | ${cell(m.ember)} | ${cell(m.noble)} | ${cell(m.node)} | ${ratio(row.speedupVsNoble)} | ${ratio(row.speedupVsNode)} |`;
    }),
  ];
  if (result.moduleBytes) {
    lines.push('', `Module size: speed profile (-O3) ${result.moduleBytes.speed} bytes, size profile (-Oz) ${result.moduleBytes.size} bytes.`);
  }
  if (result.targets.length) lines.push('', ...targetLines(result.targets.map((t) => ({ ...t, measured: `${t.measured}x` }))));
  return lines;
}

const boardLabel = (run) => (run.board === run.core ? run.board : `${run.board} (${run.core})`);

function boardsTable() {
  const result = load('boards');
  const perByte = (run, op) => run.ops.find((o) => o.op === op && o.bytes === 16384)?.perByte.toFixed(1) ?? '-';
  const x25519 = (run) => `${(run.ops.find((o) => o.op === 'x25519').instructions / 1e6).toFixed(2)} M`;
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  return [
    `${result.unit}; commit ${result.commit}, ${result.date.slice(0, 10)}. Instructions per byte at 16 KiB;`,
    'flash = .text + .rodata a firmware links for these calls; RAM = .data + .bss including the linear memory;',
    'stack = peak, measured by painting.',
    '',
    '| board | profile | SHA-256 /B | ChaCha20-Poly1305 /B | AES-128-GCM /B | X25519 | flash | RAM | stack |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...result.results.map((run) =>
      `| ${boardLabel(run)} | ${run.profile} | ${perByte(run, 'sha256')} | ${perByte(run, 'chacha20-poly1305')} | ` +
        `${perByte(run, 'aes-128-gcm')} | ${x25519(run)} | ${kb(run.footprint.flash)} | ${kb(run.footprint.ram)} | ${run.footprint.peakStack} B |`),
    '',
    ...publicKeyTable(result),
    '',
    ...targetLines(result.targets),
  ];
}

/** Millions of instructions per public-key operation, P-256's flash and the public-key stack. */
function publicKeyTable(result) {
  const ops = ['ecdh-p256', 'ecdsa-p256-sign', 'ecdsa-p256-verify', 'ecdsa-p384-verify', 'ed25519-verify',
    'rsa2048-pkcs1-verify', 'rsa2048-pss-verify', 'rsa4096-public-op'];
  const mega = (run, op) => {
    const o = run.ops.find((x) => x.op === op);
    return o ? `${(o.instructions / 1e6).toFixed(2)} M` : '-';
  };
  const kb = (bytes) => (bytes === undefined ? '-' : `${(bytes / 1024).toFixed(1)} KB`);
  return [
    'Public-key operations, millions of instructions per call (RFC 6979, RFC 5903, RFC 8032 and Wycheproof inputs;',
    'RSA-4096 is the public operation alone). P-256 flash = what ECDH, ECDSA-P256 sign and verify add to a firmware',
    'that already links SHA-256 and HMAC.',
    '',
    '| board | profile | P-256 ECDH | ECDSA-P256 sign | ECDSA-P256 verify | ECDSA-P384 verify | Ed25519 verify | RSA-2048 PKCS#1 | RSA-2048 PSS | RSA-4096 public op | P-256 flash | stack |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...result.results.map((run) =>
      `| ${boardLabel(run)} | ${run.profile} | ${ops.map((op) => mega(run, op)).join(' | ')} | ` +
        `${kb(run.footprint.p256FlashOverHashes)} | ${run.footprint.publicKeyPeakStack ?? '-'} B |`),
  ];
}

/** The TLS 1.3 handshake on the simulated boards (bench/boards-tls.ts). */
function boardsTlsTable() {
  const result = load('boards-tls');
  const mega = (n) => (n === undefined ? '-' : `${(n / 1e6).toFixed(2)} M`);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const phases = ['ClientHello', 'ServerHello', 'Certificate', 'CertificateVerify', 'Finished'];
  return [
    `${result.unit}; commit ${result.commit}, ${result.date.slice(0, 10)}.`,
    `${result.configuration}. Each phase is the engine's work while it waited for that message`,
    '(ClientHello: our key share; ServerHello: the shared secret and handshake keys; Certificate: the chain check;',
    'Finished: its check, the application keys and our Finished). Flash = what a firmware making only the',
    'ember_tls_* calls links from libembertls.a; RAM = the connection in the engine\'s arena; stack = painted peak of the session.',
    '',
    'Resumed = the firmware\'s second connection, resuming the session of the first one\'s ticket (no certificate).',
    '',
    `| board | profile | handshake | ${phases.join(' | ')} | resumed | flash | RAM | stack |`,
    `|---|---|---:|${phases.map(() => '---:').join('|')}|---:|---:|---:|---:|`,
    ...result.results.map((run) =>
      `| ${boardLabel(run)} | ${run.profile} | ${mega(run.handshake)} | ${phases.map((p) => mega(run.phases[p])).join(' | ')} | ` +
        `${mega(run.resumedHandshake)} | ${kb(run.flash.tlsClient)} | ${kb(run.ram.total)} | ${run.stackBytes} B |`),
    '',
    ...targetLines(result.targets),
  ];
}

let readme = readFileSync('README.md', 'utf8');
const tables = [
  ...['host', 'ec', 'ed25519', 'rsa', 'x509', 'tls'].map((name) => [name, suiteTable(name)]),
  ['boards', boardsTable()],
  ['boards-tls', boardsTlsTable()],
];
for (const [name, lines] of tables) {
  readme = readme.replace(
    new RegExp(`<!-- bench:${name} -->\\n[\\s\\S]*?<!-- /bench:${name} -->\\n`),
    `<!-- bench:${name} -->\n${lines.join('\n')}\n<!-- /bench:${name} -->\n`,
  );
}
writeFileSync('README.md', readme);
console.log('README.md benchmark tables updated');
