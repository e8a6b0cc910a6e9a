// `embertls start` (npm start): the main job on an embedded default. A local
// TLS 1.3 server (Node's tls, with a demo CA made at first run), an EmberTLS
// client with 2 KiB record buffers connecting to it with the trace on, a
// message each way, a resumed connection with the server's ticket, and what
// the handshake costs: its RAM, and its instructions on a simulated board,
// where the same engine carried to C connects to the same server (when the
// board toolchain is installed; else the last bench:boards-tls figures).
import { X509Certificate } from 'node:crypto';
import type net from 'node:net';
import tls from 'node:tls';
import { benchBoardHandshakes, canRunBoard, engineRam, LIVE_BOARD, measureBoardHandshake, type BoardHandshake } from './cost.js';
import { demoPki, type DemoPki } from './demo-pki.js';
import { summary, explainFailure } from './connect.js';
import type { ClientEngine } from '../tls/client-engine.js';
import type { TLSSocket } from '../tls/connect.js';
import { openSession } from './session.js';
import { styleFor } from './style.js';
import { Tracer } from './trace.js';

/**
 * The embedded default: 2 KiB records in (RFC 8449 limit 2027), 1 KiB out
 * (our flights are small), a 1 KiB handshake buffer (the demo's P-256
 * certificates are about 500 bytes each and stream through it one by one;
 * `embertls doctor` finds the smallest for any server).
 */
export const DEMO_RECORD_BUFFER = 2048;
export const DEMO_SEND_BUFFER = 1024;
export const DEMO_HANDSHAKE_BUFFER = 1024;
/** The smallest X.509 validator context the engine takes (x509CtxMinSize): 3 server certificates, 2 anchors, a P-256 chain. */
export const DEMO_VERIFIER = 2452;

export async function startCommand(): Promise<number> {
  const st = styleFor(process.stdout);
  const say = (line = '') => process.stdout.write(`${line}\n`);
  const pki = demoPki();
  say(st.bold('EmberTLS: a TLS 1.3 handshake the way a device does it'));
  say(`${pki.created ? 'made' : 'using'} a demo CA and a localhost certificate (ECDSA P-256) in ${pki.dir}`);

  // One message each way, then the server closes (close_notify), as a device's request ends.
  const server = tls.createServer({ key: pki.keyPem, cert: pki.certPem, minVersion: 'TLSv1.3' }, (s) => {
    s.once('data', (d: Buffer) => s.end(`hello device, the server got your ${d.length} bytes: ${d.toString().trim()}\n`));
    s.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  say(`started a local TLS 1.3 server (Node ${process.version}'s tls) on 127.0.0.1:${port}`);
  say();
  say(st.bold(`EmberTLS connects, with a ${DEMO_RECORD_BUFFER}-byte receive buffer, a ${DEMO_SEND_BUFFER}-byte send buffer and a ${DEMO_HANDSHAKE_BUFFER}-byte handshake buffer:`));
  try {
    const session = openSession({
      host: '127.0.0.1', port, servername: 'localhost', caFile: pki.caFile,
      recordBuffer: DEMO_RECORD_BUFFER, sendBuffer: DEMO_SEND_BUFFER, handshakeBuffer: DEMO_HANDSHAKE_BUFFER, verifierSize: DEMO_VERIFIER,
    });
    new Tracer(session, say, st);
    let saved: Buffer | undefined;
    session.socket.on('session', (ticket: Buffer) => (saved = ticket));
    const error = await session.handshake;
    if (error) {
      explainFailure(error, session, st, say);
      return 1;
    }
    say();
    for (const line of summary(session, st)) say(line);
    say();
    const text = 'hello from an EmberTLS device';
    say(`${st.dim('->')} ${st.bold('application data')}: "${text}"`);
    await exchange(session.socket, text, (reply) => say(`${st.dim('<-')} ${st.bold('application data')}: "${reply.trim()}"`));
    say();
    printRam(session.socket.engine, say, st.bold);
    if (saved) {
      say();
      say(st.bold('The device comes back later with the ticket the server gave it (session resumption):'));
      const again = openSession({
        host: '127.0.0.1', port, servername: 'localhost', caFile: pki.caFile, session: saved,
        recordBuffer: DEMO_RECORD_BUFFER, sendBuffer: DEMO_SEND_BUFFER, handshakeBuffer: DEMO_HANDSHAKE_BUFFER, verifierSize: DEMO_VERIFIER,
      });
      new Tracer(again, say, st);
      const failed = await again.handshake;
      if (failed) {
        explainFailure(failed, again, st, say);
        return 1;
      }
      await exchange(again.socket, 'back again', () => {});
      say(`   resumed: ${again.socket.isSessionReused() ? 'yes: no certificate was sent or checked, and no signature verified (two fewer ECDSA verifications than the first handshake)' : 'no: the server declined, a full handshake was done'}`);
    }
    say();
    await printBoardCost(port, pki, say, st.bold);
    return 0;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Sends a line, hands the reply line to onReply, closes with close_notify and resolves once closed. */
function exchange(socket: TLSSocket, text: string, onReply: (reply: string) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let got = '';
    socket.on('data', (d: Buffer) => {
      got += d.toString();
      if (got.endsWith('\n')) {
        onReply(got);
        socket.end();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.write(`${text}\n`);
  });
}

function printRam(engine: ClientEngine, say: (line?: string) => void, bold: (s: string) => string): void {
  const ram = engineRam(engine);
  say(bold('what this handshake costs a device'));
  say(`  RAM: ${ram.total} bytes (${(ram.total / 1024).toFixed(1)} KiB) = ${ram.parts.map(([k, v]) => `${k} ${v}`).join(' + ')}`);
  say(`       (targets, issue 6: state <= 4096: ${ram.parts[0][1] <= 4096 ? 'met' : 'NOT met'}; total with 2 KiB records <= 8192: ${ram.total <= 8192 ? 'met' : 'NOT met'})`);
}

/** The same handshake from a simulated board (live when the toolchain is here), in instructions. */
async function printBoardCost(port: number, pki: DemoPki, say: (line?: string) => void, bold: (s: string) => string): Promise<void> {
  say(bold('the same handshake on a simulated board: the engine carried to C by wasm2c, under QEMU, instructions counted exactly'));
  let rows: BoardHandshake[];
  if (await canRunBoard()) {
    say(`  building the TLS firmware for ${LIVE_BOARD} (speed profile; the first time takes a minute or two), then connecting to the server above twice...`);
    // The boards have no clock: the firmware checks the certificate an hour into its validity.
    const time = Math.floor(new Date(new X509Certificate(pki.certPem).validFrom).getTime() / 1000) + 3600;
    const der = new Uint8Array(new X509Certificate(pki.caPem).raw);
    try {
      rows = [await measureBoardHandshake(port, { name: 'demo', der, time })];
    } catch (e) {
      say(`  the board run failed: ${(e as Error).message}`);
      return;
    }
  } else {
    say(`  the board toolchain is not installed (npm run setup:system installs it): the figures of the last npm run bench:boards-tls instead`);
    rows = benchBoardHandshakes();
    if (rows.length === 0) return;
  }
  say(`  ${'board'.padEnd(13)} ${'core'.padEnd(10)} ${'profile'.padEnd(7)} ${'full'.padStart(9)} ${'resumed'.padStart(9)} ${'stack'.padStart(7)}`);
  for (const r of rows) {
    const m = (n: number) => `${(n / 1e6).toFixed(1)} M`;
    say(`  ${r.board.padEnd(13)} ${r.core.padEnd(10)} ${r.profile.padEnd(7)} ${m(r.full).padStart(9)} ${m(r.resumed).padStart(9)} ${`${r.stackBytes} B`.padStart(7)}`);
  }
  say(`  (${rows[0].source}; engine instructions only, I/O waits excluded; target, issue 6: a full handshake <= 20 M on rv32imc)`);
}
