// A full TLS 1.3 handshake on the simulated boards (test/support/board-tls.ts:
// the TLS firmware under QEMU, its UART relayed to openssl s_server with
// TLS_AES_128_GCM_SHA256, x25519 and an ECDSA P-256 root -> leaf chain).
// Per board and profile: the engine's instructions for the handshake
// (ClientHello to Connected, engine calls only) and per handshake state,
// the session's painted peak stack, the RAM of the connection with 2 KiB
// records, bytes each way, the resumed handshake of the firmware's second
// connection (the session of the first one's ticket), and the flash the TLS client links
// (boards/common/footprint-tls.c). Writes bench/results/boards-tls.json.
// Run with `npm run bench:boards-tls`.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
// @ts-expect-error: plain ESM scripts, no type declarations
import * as boards from '../scripts/boards.mjs';
import { boardReport, buildTlsFirmware, makeBoardPki, runTlsSession, TLS_BOARDS } from '../test/support/board-tls.js';

/** Handshake states of embertls.h (enum ember_tls_handshake) the phases are named after. */
const STATES = ['ClientHello', 'ServerHello', 'EncryptedExtensions', 'Certificate', 'Certificate', 'CertificateVerify', 'Finished'];
/** Sessions per board and profile: the server's key share and signatures change each run. */
const RUNS = 3;

interface Result {
  board: string;
  profile: 'speed' | 'size';
  core: string;
  /** Median over the runs of the handshake's engine instructions, and the spread. */
  handshake: number;
  handshakeMin: number;
  handshakeMax: number;
  /** Instructions by what the engine was waiting for when each call began (median run). */
  phases: Record<string, number>;
  /** Instructions of the engine calls after the handshake: GET, the reply (decrypt), close_notify. */
  afterHandshake: number;
  /** Median instructions of the second connection's handshake, resuming the first one's session (no certificate). */
  resumedHandshake: number;
  stackBytes: number;
  /** Connection RAM in the engine's arena: context, receive and send buffers, handshake buffer, X.509 context, ticket buffer. */
  ram: { total: number; recordBuffer: number; sendBuffer: number; handshakeBuffer: number; verifier: number };
  bytes: { fromServer: number; toServer: number };
  /** .text + .rodata linked from libembertls.a by footprint-tls.c, and by footprint-none.c (ember_init alone). */
  flash: { tlsClient: number; initOnly: number };
  /** .data + .bss linked from libembertls.a (the engine's linear memory, EMBER_MEMORY_BYTES, included). */
  libraryRam: number;
}

async function measure(board: string, profile: 'speed' | 'size', pki: ReturnType<typeof makeBoardPki>): Promise<Result> {
  const elf = await buildTlsFirmware(board, profile, pki.ca);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await runTlsSession(board, elf, pki.leaf);
    if (run.status !== 0 || boardReport(run.output, 'error')[0] !== 0) throw new Error(`${board} ${profile}: the session failed\n${run.output}`);
    runs.push(run.output);
  }
  const handshakes = runs.map((o) => boardReport(o, 'handshake')[0]).sort((a, b) => a - b);
  const resumed = runs.map((o) => {
    const [status, instructions] = boardReport(o, 'resumed');
    if (status !== 2) throw new Error(`${board} ${profile}: the second connection did not resume (status ${status})`);
    return instructions;
  }).sort((a, b) => a - b);
  const median = runs.find((o) => boardReport(o, 'handshake')[0] === handshakes[Math.floor(RUNS / 2)])!;
  const phases: Record<string, number> = {};
  let afterHandshake = 0;
  for (const m of median.matchAll(/^tls phase ([0-9a-f]+) ([0-9a-f]+)$/gm)) {
    const state = parseInt(m[1], 16);
    const n = parseInt(m[2], 16);
    if (state < STATES.length) phases[STATES[state]] = (phases[STATES[state]] ?? 0) + n;
    else afterHandshake += n;
  }
  const [total, recordBuffer, handshakeBuffer, verifier, sendBuffer] = boardReport(median, 'ram');
  const [fromServer, toServer] = boardReport(median, 'bytes');
  const linked = (program: string) => boards.linkedLibrarySizes(boards.buildFirmware(board, profile, program)) as { flash: number; ram: number };
  const tls = linked('footprint-tls');
  return {
    board, profile, core: boards.loadProfile(board).core,
    handshake: handshakes[Math.floor(RUNS / 2)], handshakeMin: handshakes[0], handshakeMax: handshakes[RUNS - 1],
    phases, afterHandshake, resumedHandshake: resumed[Math.floor(RUNS / 2)],
    stackBytes: boardReport(median, 'stack')[0],
    ram: { total, recordBuffer, sendBuffer, handshakeBuffer, verifier },
    bytes: { fromServer, toServer },
    flash: { tlsClient: tls.flash, initOnly: linked('footprint-none').flash },
    libraryRam: tls.ram,
  };
}

/** The issue's targets (issue 6 part 8). */
const TARGETS = [
  { board: 'esp32c3-sim', profile: 'speed', of: (r: Result) => r.handshake, atMost: 20_000_000, text: 'rv32imc full handshake (speed profile) <= 20 M instructions' },
  { board: 'esp32c3-sim', profile: 'size', of: (r: Result) => r.handshake, atMost: 20_000_000, text: 'rv32imc full handshake (size profile) <= 20 M instructions' },
  { board: 'esp32c3-sim', profile: 'speed', of: (r: Result) => r.resumedHandshake, atMost: 20_000_000, text: 'rv32imc resumed handshake (speed profile; not an issue target, the same bound for comparison) <= 20 M instructions' },
  ...Object.keys(TLS_BOARDS).flatMap((board) => (['speed', 'size'] as const).map((profile) => (
    { board, profile, of: (r: Result) => r.stackBytes, atMost: 3072, text: `${board} ${profile} handshake peak stack <= 3 KB` }))),
  { board: 'cortex-m4', profile: 'size', of: (r: Result) => r.flash.tlsClient, atMost: 48 * 1024, text: 'Cortex-M4 TLS client flash (size profile) <= 48 KB' },
];

async function main() {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  const pki = makeBoardPki();
  const results: Result[] = [];
  try {
    for (const board of Object.keys(TLS_BOARDS)) {
      for (const profile of ['speed', 'size'] as const) {
        const r = await measure(board, profile, pki);
        results.push(r);
        const m = (n: number) => `${(n / 1e6).toFixed(2)} M`;
        console.log(`\n# ${board} (${r.core}) ${profile}: handshake ${m(r.handshake)} instructions (${m(r.handshakeMin)}..${m(r.handshakeMax)} over ${RUNS} runs)`);
        console.log(`  ${Object.entries(r.phases).map(([k, v]) => `${k} ${m(v)}`).join(', ')}; after the handshake ${m(r.afterHandshake)}`);
        console.log(`  resumed handshake (session of the first connection's ticket) ${m(r.resumedHandshake)}`);
        console.log(`  stack ${r.stackBytes} B; connection RAM ${r.ram.total} B; TLS client flash ${r.flash.tlsClient} B (ember_init alone ${r.flash.initOnly} B); bytes in ${r.bytes.fromServer}, out ${r.bytes.toServer}`);
      }
    }
  } finally {
    pki.pki.dispose();
  }
  const targets = TARGETS.map((t) => {
    const r = results.find((x) => x.board === t.board && x.profile === t.profile);
    const measured = r ? t.of(r) : null;
    return { target: t.text, atMost: t.atMost, measured, met: measured !== null && measured <= t.atMost };
  });
  console.log('\ntargets:');
  for (const t of targets) console.log(`  ${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: measured ${t.measured ?? 'not measured'}`);
  writeFileSync('bench/results/boards-tls.json', JSON.stringify({
    commit, date: new Date().toISOString(),
    unit: 'instructions retired (QEMU -icount shift=0), engine calls only',
    configuration: 'openssl s_server -tls1_3 -www, TLS_AES_128_GCM_SHA256, X25519, ECDSA P-256 root -> leaf; 2,070-byte receive buffer (max_fragment_length 2048), 1,024-byte send buffer, 1,024-byte handshake buffer, 2,452-byte X.509 context (the smallest), 512-byte ticket buffer',
    results, targets,
  }, null, 2) + '\n');
  console.log('\nwrote bench/results/boards-tls.json');
}

await main();
