// TLS 1.3 over loopback: EmberTLS's connect() beside Node's own tls.connect
// client, in one run, against one Node tls server (issue 6, "Targets": host
// handshakes per second and bulk MB/s beside Node's own tls client).
//
// Server: node:tls on 127.0.0.1, TLS 1.3 only, X25519, an ECDSA P-256
// certificate made with the openssl CLI at bench time (both clients trust it,
// so each handshake includes the chain check).
//   handshake             connect, secureConnect, close (close_notify both ways, socket closed)
//   resumed handshake     the same with a session from an earlier ticket (PSK with X25519, no certificate)
//   receive 4 MiB <suite>  on one open connection: ask with one byte, wait for 4 MiB of application data
// Both clients talk to the same server process, so its (OpenSSL) cost is in
// both columns. Writes bench/results/tls.json and tls.svg (npm run bench).
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { connect } from '../host/index.js';
import type { SuiteName } from '../host/tls/client-engine.js';
import { runSuite, type Case } from './harness.js';

const BULK = 4 * 1024 * 1024;
const HOST = '127.0.0.1';
const NAME = 'localhost';

const dir = mkdtempSync(join(tmpdir(), 'ember-bench-tls-'));
execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-keyout', join(dir, 'key.pem'),
  '-out', join(dir, 'cert.pem'), '-days', '2', '-nodes', '-subj', `/CN=${NAME}`, '-addext', `subjectAltName=DNS:${NAME}`], { stdio: 'ignore' });
const key = readFileSync(join(dir, 'key.pem'));
const cert = readFileSync(join(dir, 'cert.pem'));
rmSync(dir, { recursive: true, force: true });

const payload = Buffer.alloc(BULK, 0x5a);

/** A TLS 1.3 server with one cipher suite; each byte a client sends asks for 4 MiB back. */
async function server(suite: SuiteName): Promise<{ port: number; close: () => void }> {
  const s = tls.createServer({ key, cert, minVersion: 'TLSv1.3', ecdhCurve: 'X25519', ciphers: suite }, (sock) => {
    sock.on('error', () => {});
    sock.on('data', (d: Buffer) => {
      for (let i = 0; i < d.length; i++) sock.write(payload);
    });
    sock.on('end', () => sock.end());
  });
  await new Promise<void>((resolve) => s.listen(0, HOST, resolve));
  return { port: (s.address() as net.AddressInfo).port, close: () => s.close() };
}

type Socket = net.Socket | tls.TLSSocket | ReturnType<typeof connect>;

function emberConnect(port: number, suite: SuiteName, session?: Buffer): Socket {
  return connect({ host: HOST, port, servername: NAME, ca: cert, suites: [suite], groups: ['x25519'], session });
}

function nodeConnect(port: number, suite: SuiteName, session?: Buffer): Socket {
  return tls.connect({ host: HOST, port, servername: NAME, ca: cert, minVersion: 'TLSv1.3', ecdhCurve: 'X25519', ciphers: suite, session });
}

/** The session from a connection's first ticket; the server's stateless tickets can be used again and again. */
async function ticket(s: Socket): Promise<Buffer> {
  const session = await new Promise<Buffer>((resolve, reject) => {
    s.once('session', resolve);
    s.once('error', reject);
  });
  s.destroy();
  return session;
}

/** Fails the bench if a "resumed" connection was in fact a full handshake. */
async function expectResumed(s: Socket): Promise<void> {
  await secure(s);
  const reused = (s as tls.TLSSocket).isSessionReused();
  s.destroy();
  if (!reused) throw new Error('the resumed-handshake case did not resume');
}

async function secure(s: Socket): Promise<Socket> {
  await new Promise<void>((resolve, reject) => {
    s.once('secureConnect', resolve);
    s.once('error', reject);
  });
  return s;
}

/** One full handshake: connect, secureConnect, then close_notify both ways and the socket closed. */
async function handshake(open: () => Socket): Promise<void> {
  const s = await secure(open());
  s.resume();
  const closed = once(s, 'close');
  s.end();
  await closed;
}

/** Asks an open connection for 4 MiB and resolves when all of it has been decrypted. */
function receiver(s: Socket): () => Promise<void> {
  let want = 0;
  let done: () => void = () => {};
  s.on('data', (d: Buffer) => {
    want -= d.length;
    if (want <= 0) done();
  });
  return () => new Promise<void>((resolve) => {
    want = BULK;
    done = resolve;
    s.write('g');
  });
}

const aes = await server('TLS_AES_128_GCM_SHA256');
const chacha = await server('TLS_CHACHA20_POLY1305_SHA256');
const open: Socket[] = [];
const bulk = async (port: number, suite: SuiteName) => {
  const e = await secure(emberConnect(port, suite));
  const n = await secure(nodeConnect(port, suite));
  open.push(e, n);
  return { ember: receiver(e), node: receiver(n) };
};
const aesBulk = await bulk(aes.port, 'TLS_AES_128_GCM_SHA256');
const emberSession = await ticket(emberConnect(aes.port, 'TLS_AES_128_GCM_SHA256'));
const nodeSession = await ticket(nodeConnect(aes.port, 'TLS_AES_128_GCM_SHA256'));
await expectResumed(emberConnect(aes.port, 'TLS_AES_128_GCM_SHA256', emberSession));
await expectResumed(nodeConnect(aes.port, 'TLS_AES_128_GCM_SHA256', nodeSession));
const chachaBulk = await bulk(chacha.port, 'TLS_CHACHA20_POLY1305_SHA256');

const cases: Case[] = [
  {
    op: 'handshake aes-128-gcm',
    run: {
      ember: () => handshake(() => emberConnect(aes.port, 'TLS_AES_128_GCM_SHA256')),
      node: () => handshake(() => nodeConnect(aes.port, 'TLS_AES_128_GCM_SHA256')),
    },
  },
  {
    op: 'resumed handshake aes-128-gcm',
    run: {
      ember: () => handshake(() => emberConnect(aes.port, 'TLS_AES_128_GCM_SHA256', emberSession)),
      node: () => handshake(() => nodeConnect(aes.port, 'TLS_AES_128_GCM_SHA256', nodeSession)),
    },
  },
  { op: 'receive 4 MiB aes-128-gcm', bytes: BULK, run: aesBulk },
  { op: 'receive 4 MiB chacha20', bytes: BULK, run: chachaBulk },
];

await runSuite({
  name: 'tls',
  title: 'TLS 1.3 client over loopback (X25519, ECDSA P-256 certificate)',
  comparators: { node: `node:tls client (OpenSSL ${process.versions.openssl})` },
  baseline: "Node's tls client",
  cases,
  targets: [],
  extra: {
    server: `node:tls server on ${HOST}, TLS 1.3, X25519, self-signed ECDSA P-256 certificate trusted by both clients`,
    ops: {
      handshake: 'connect, secureConnect, end() with close_notify, socket closed (a fresh TCP connection each time)',
      'resumed handshake': 'the same, offering a session from an earlier ticket of the same server (psk_dhe_ke: X25519, no certificate)',
      receive: `${BULK} bytes of application data on one open connection, asked for with one byte`,
    },
  },
});

// The same medians as rates, the way the issue states the target.
const result = JSON.parse(readFileSync('bench/results/tls.json', 'utf8')) as { rows: Array<{ op: string; bytes: number; medianMicros: Record<string, number> }> };
for (const row of result.rows) {
  const rate = (us: number) => (row.bytes ? `${(row.bytes / us).toFixed(1)} MB/s` : `${(1e6 / us).toFixed(0)} handshakes/s`);
  console.log(`${row.op.padEnd(34)} ember ${rate(row.medianMicros.ember).padStart(18)}   node ${rate(row.medianMicros.node).padStart(18)}`);
}

for (const s of open) s.destroy();
aes.close();
chacha.close();
