// Soak test (issue 7, part 4: resource limits). Not part of npm test: `npm run soak`.
//
// Against a node:tls server on 127.0.0.1 (TLS 1.3 only, self-signed ECDSA P-256
// certificate made with the openssl CLI at run time and trusted by the client):
//
// 1. Sequential handshakes (default 10,000 per variant), each one connect,
//    secureConnect, close_notify both ways, socket closed:
//    a. "fresh": connect() as shipped: a new ClientEngine, i.e. a new
//       WebAssembly.Instance of the one compiled module, per connection.
//    b. "reuse": one WebAssembly.Instance for every connection, its context
//       re-initialised in place (tlsClientInit wipes the context) with the same
//       layout ClientEngine uses. ClientEngine has no reset/reuse method, so
//       this variant drives the engine's exports directly (RawSession below).
//    Every 1,000 handshakes: the engine's state sizes, the engine instance's
//    wasm memory (memory.buffer.byteLength), the shared crypto instance's
//    (host/engine.ts) memory, and process RSS / V8 heap (after a gc when
//    node runs with --expose-gc).
// 2. Bulk: per AEAD (the server forces the suite with `ciphers`), one
//    connection; the client sends BULK bytes (engine seals) then the server
//    sends BULK bytes (engine opens); fresh random chunks, SHA-256 at both ends
//    of both directions; engine memory checked every 8 MiB.
//
// Fixed means: no engine's memory.buffer.byteLength ever differs from the
// first engine's initial one (a memory.grow would also detach the buffer the
// check holds: its byteLength would read 0), and `sizes` never changes.
// RSS is reported (drift), not asserted: V8 garbage is not the engine's.
//
// Options: --handshakes N (default 10000), --mib N (default 100 per direction
// per AEAD), --skip-handshakes, --skip-bulk. Writes bench/results/soak.json.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { connect, type TLSSocket } from '../host/tls/connect.js';
import { certificateList, type SuiteName } from '../host/tls/client-engine.js';
import { engine as cryptoEngine, engineImports, engineModule, type EngineExports } from '../host/engine.js';
import { concat } from '../host/bytes.js';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const HANDSHAKES = arg('--handshakes', 10_000);
const MIB = arg('--mib', 100);
const BULK = MIB * 1024 * 1024;
const CHUNK = 1024 * 1024;
const CHECK_EVERY = 1000;
const HOST = '127.0.0.1';
const NAME = 'localhost';
const SUITES: SuiteName[] = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];

const dir = mkdtempSync(join(tmpdir(), 'ember-soak-'));
execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-keyout', join(dir, 'key.pem'),
  '-out', join(dir, 'cert.pem'), '-days', '2', '-nodes', '-subj', `/CN=${NAME}`, '-addext', `subjectAltName=DNS:${NAME}`], { stdio: 'ignore' });
const key = readFileSync(join(dir, 'key.pem'));
const cert = readFileSync(join(dir, 'cert.pem'));
rmSync(dir, { recursive: true, force: true });

const gc = (globalThis as { gc?: () => void }).gc;
const MB = (n: number) => Math.round((n / 1048576) * 10) / 10;
function proc() {
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

const problems: string[] = [];
function fail(msg: string): void {
  problems.push(msg);
  console.error(`GROWTH/FAILURE: ${msg}`);
}

// ---- the engine memory watch --------------------------------------------------
// ClientEngine keeps its instance private; its `random` option is handed a view
// of the instance's memory (engineImports), which gives the check the buffer.
let baselineEngineMemory = -1;
const cryptoMemory0 = cryptoEngine.memory.buffer.byteLength;
class MemoryWatch {
  buffer: ArrayBufferLike | undefined;
  readonly random = (out: Uint8Array) => {
    randomFillSync(out);
    this.buffer = out.buffer;
  };
  check(where: string): number {
    const n = this.buffer?.byteLength ?? -1;
    if (n < 0) fail(`${where}: the engine memory was never seen`);
    else if (baselineEngineMemory < 0) baselineEngineMemory = n;
    else if (n !== baselineEngineMemory) fail(`${where}: engine memory ${n} bytes, was ${baselineEngineMemory}`);
    const c = cryptoEngine.memory.buffer.byteLength;
    if (c !== cryptoMemory0) fail(`${where}: shared crypto instance memory ${c} bytes, was ${cryptoMemory0}`);
    return n;
  }
}

// ---- the servers ---------------------------------------------------------------
async function listen(server: tls.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  return (server.address() as net.AddressInfo).port;
}

let serverErrors = 0;
const hsServer = tls.createServer({ key, cert, minVersion: 'TLSv1.3' }, (s) => {
  s.on('error', () => serverErrors++);
  s.resume();
  s.on('end', () => s.end());
});
hsServer.on('tlsClientError', () => serverErrors++);
const hsPort = await listen(hsServer);

// ---- 1a: connect(), a ClientEngine (instance) per connection --------------------
let sizes0: string | undefined;
async function freshHandshake(i: number, watch: MemoryWatch): Promise<void> {
  const s = connect({ host: HOST, port: hsPort, servername: NAME, ca: cert, random: watch.random });
  await new Promise<void>((resolve, reject) => {
    s.once('secureConnect', resolve);
    s.once('error', reject);
  });
  const sz = JSON.stringify(s.engine.sizes);
  if (sizes0 === undefined) sizes0 = sz;
  else if (sz !== sizes0) fail(`handshake ${i}: engine sizes ${sz}, were ${sizes0}`);
  s.resume();
  const closed = once(s, 'close');
  s.end();
  await closed;
  if (s.engine.error) throw s.engine.error;
}

// ---- 1b: one instance, the context re-initialised for each connection ----------
const SENDREC = 1, RECVREC = 2, SENDAPP = 4, RECVAPP = 8, CLOSED = 16;
const CONNECTED = 7;
class RawEngine {
  readonly e: EngineExports;
  readonly ctx: number;
  readonly recv: number;
  readonly send: number;
  readonly hs: number;
  readonly x509: number;
  readonly leaf: number;
  readonly recordBuffer = 16384 + 256 + 5;
  readonly handshakeBuffer = 16384;
  readonly verifier: number;
  readonly anchors = certificateList(cert, 'ca');
  readonly name = new TextEncoder().encode(NAME);
  readonly watch = new MemoryWatch();
  constructor() {
    let ref: EngineExports | undefined;
    const instance = new WebAssembly.Instance(engineModule, engineImports(() => ref!.memory, undefined, this.watch.random));
    this.e = ref = instance.exports as unknown as EngineExports;
    (this.e as { _initialize?: () => void })._initialize?.();
    const align = (n: number) => (n + 15) & ~15;
    this.verifier = this.e.x509CtxSize();
    this.ctx = this.e.arenaPtr();
    this.recv = this.ctx + align(this.e.tlsClientCtxSize());
    this.send = this.recv + align(this.recordBuffer);
    this.hs = this.send + align(this.recordBuffer);
    this.x509 = this.hs + align(this.handshakeBuffer);
    this.leaf = this.x509 + align(this.verifier);
    this.watch.buffer = this.e.memory.buffer;
  }
  get sizes() {
    const context = this.e.tlsClientCtxSize();
    return { context, recordBuffer: this.recordBuffer, handshakeBuffer: this.handshakeBuffer, verifier: this.verifier,
      total: context + 2 * this.recordBuffer + this.handshakeBuffer + this.verifier };
  }
  #ok(code: number, what: string): void {
    if (code !== 0) throw new Error(`${what}: engine error ${code}`);
  }
  /** Re-initialises the one context: what `new ClientEngine({servername, ca})` configures. */
  reset(): void {
    const { e, ctx } = this;
    this.#ok(e.tlsClientInit(ctx, this.recv, this.recordBuffer, this.send, this.recordBuffer, this.hs, this.handshakeBuffer), 'init');
    const mem = new Uint8Array(e.memory.buffer);
    mem.set(this.name, this.leaf);
    this.#ok(e.tlsClientSetServerName(ctx, this.leaf, this.name.length), 'server name');
    mem.set(this.name, this.leaf);
    this.#ok(e.tlsClientSetVerifier(ctx, this.x509, this.verifier, this.leaf, this.name.length, this.leaf + 512, 0, 1), 'verifier');
    for (const der of this.anchors) {
      mem.set(der, this.leaf);
      this.#ok(e.tlsClientAddTrustAnchor(ctx, this.leaf, der.length), 'anchor');
    }
    this.#ok(e.tlsClientSetLeafBuffer(ctx, this.leaf, 16384), 'leaf buffer');
  }
  /** Moves bytes in and out (ClientEngine's pump); returns the records to send. */
  pump(input: Uint8Array[]): Uint8Array {
    const { e, ctx } = this;
    const out: Uint8Array[] = [];
    for (;;) {
      const st = e.tlsEngineState(ctx);
      const mem = new Uint8Array(e.memory.buffer);
      if (st & SENDREC) {
        const n = e.tlsSendrecLen(ctx);
        const at = e.tlsSendrecBuf(ctx);
        out.push(mem.slice(at, at + n));
        e.tlsSendrecAck(ctx, n);
        continue;
      }
      if (st & RECVAPP) {
        e.tlsRecvappAck(ctx, e.tlsRecvappLen(ctx));
        continue;
      }
      if (st & RECVREC && input.length) {
        const chunk = input[0];
        const n = Math.min(e.tlsRecvrecLen(ctx), chunk.length);
        mem.set(chunk.subarray(0, n), e.tlsRecvrecBuf(ctx));
        e.tlsRecvrecAck(ctx, n);
        if (n === chunk.length) input.shift();
        else input[0] = chunk.subarray(n);
        continue;
      }
      break;
    }
    void SENDAPP;
    return concat(out);
  }
  get error(): number {
    return this.e.tlsLastError(this.ctx);
  }
}

async function reuseHandshake(i: number, raw: RawEngine): Promise<void> {
  raw.reset();
  const sz = JSON.stringify(raw.sizes);
  if (sizes0 === undefined) sizes0 = sz;
  else if (sz !== sizes0) fail(`reuse handshake ${i}: engine sizes ${sz}, were ${sizes0}`);
  const sock = net.connect(hsPort, HOST);
  const input: Uint8Array[] = [];
  let closing = false;
  let connected = false;
  const send = (b: Uint8Array) => {
    if (b.length && !sock.destroyed) sock.write(b);
  };
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', () => {
      raw.e.tlsClientStart(raw.ctx);
      send(raw.pump(input));
    });
    sock.on('data', (d: Buffer) => {
      input.push(d);
      send(raw.pump(input));
      if (raw.error) return reject(new Error(`reuse handshake ${i}: engine error ${raw.error}`));
      if (!closing && raw.e.tlsHandshakeState(raw.ctx) === CONNECTED) {
        connected = true;
        closing = true;
        raw.e.tlsClientClose(raw.ctx);
        send(raw.pump(input));
        sock.end();
      }
    });
    sock.on('end', () => {
      raw.e.tlsClientEof(raw.ctx);
      raw.pump(input);
    });
    sock.on('error', reject);
    sock.on('close', () => (connected ? resolve() : reject(new Error(`reuse handshake ${i}: closed before Connected`))));
  });
  void CLOSED;
  if (raw.error) throw new Error(`reuse handshake ${i}: engine error ${raw.error}`);
}

interface Checkpoint { n: number; seconds: number; engineMemory: number; cryptoMemory: number; rss: number; heapUsed: number }
async function handshakes(variant: 'fresh' | 'reuse') {
  const raw = variant === 'reuse' ? new RawEngine() : undefined;
  const before = proc();
  const checkpoints: Checkpoint[] = [];
  const t0 = performance.now();
  let done = 0;
  let error: string | undefined;
  try {
    for (let i = 1; i <= HANDSHAKES; i++) {
      if (raw) {
        await reuseHandshake(i, raw);
      } else {
        const watch = new MemoryWatch();
        await freshHandshake(i, watch);
        watch.check(`fresh handshake ${i}`);
      }
      done = i;
      if (i % CHECK_EVERY === 0 || i === HANDSHAKES) {
        const engineMemory = raw ? raw.watch.check(`reuse handshake ${i}`) : baselineEngineMemory;
        const p = proc();
        const c: Checkpoint = { n: i, seconds: (performance.now() - t0) / 1000, engineMemory, cryptoMemory: cryptoEngine.memory.buffer.byteLength, rss: p.rss, heapUsed: p.heapUsed };
        checkpoints.push(c);
        console.log(`  ${variant} ${String(i).padStart(6)}  ${c.seconds.toFixed(1)} s  engine mem ${engineMemory}  crypto mem ${c.cryptoMemory}  rss ${MB(p.rss)} MiB  heap ${MB(p.heapUsed)} MiB`);
      }
    }
  } catch (e) {
    error = String(e);
    fail(`${variant} handshakes stopped at ${done}: ${error}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const after = proc();
  return {
    variant, requested: HANDSHAKES, completed: done, seconds, perSecond: done / seconds, error,
    sizes: raw ? raw.sizes : sizes0 ? JSON.parse(sizes0) : undefined,
    engineMemory: { before: baselineEngineMemory, after: raw ? raw.watch.buffer?.byteLength : baselineEngineMemory },
    cryptoMemory: { before: cryptoMemory0, after: cryptoEngine.memory.buffer.byteLength },
    process: { before, after, rssDrift: after.rss - before.rss, heapDrift: after.heapUsed - before.heapUsed },
    checkpoints,
  };
}

// ---- 2: bulk per AEAD --------------------------------------------------------------
async function bulk(suite: SuiteName) {
  const serverIn = createHash('sha256');
  const serverOut = createHash('sha256');
  let serverGot = 0;
  let serverCipher: string | undefined;
  let sendToClient: () => Promise<void> = async () => {};
  let serverReceived: () => void = () => {};
  const serverDone = new Promise<void>((r) => (serverReceived = r));
  const server = tls.createServer({ key, cert, minVersion: 'TLSv1.3', ciphers: suite }, (s) => {
    serverCipher = s.getCipher()?.standardName;
    s.on('error', (e) => fail(`${suite}: server socket: ${e.message}`));
    s.on('data', (d: Buffer) => {
      serverIn.update(d);
      serverGot += d.length;
      if (serverGot >= BULK) serverReceived();
    });
    s.on('end', () => s.end());
    sendToClient = async () => {
      for (let sent = 0; sent < BULK; sent += CHUNK) {
        const chunk = randomBytes(Math.min(CHUNK, BULK - sent));
        serverOut.update(chunk);
        if (!s.write(chunk)) await once(s, 'drain');
      }
    };
  });
  const port = await listen(server);
  const watch = new MemoryWatch();
  const s: TLSSocket = connect({ host: HOST, port, servername: NAME, ca: cert, random: watch.random });
  await new Promise<void>((resolve, reject) => {
    s.once('secureConnect', resolve);
    s.once('error', reject);
  });
  const memBefore = watch.check(`${suite} start`);
  const sizes = s.engine.sizes;
  const clientOut = createHash('sha256');
  const clientIn = createHash('sha256');
  let clientGot = 0;
  let nextCheck = 8 * CHUNK;
  let clientReceived: () => void = () => {};
  const clientDone = new Promise<void>((r) => (clientReceived = r));
  s.on('data', (d: Buffer) => {
    clientIn.update(d);
    clientGot += d.length;
    if (clientGot >= nextCheck) {
      watch.check(`${suite} received ${clientGot}`);
      nextCheck += 8 * CHUNK;
    }
    if (clientGot >= BULK) clientReceived();
  });
  const procBefore = proc();
  // Client -> server: the engine seals.
  const t0 = performance.now();
  for (let sent = 0; sent < BULK; sent += CHUNK) {
    const chunk = randomBytes(Math.min(CHUNK, BULK - sent));
    clientOut.update(chunk);
    await new Promise<void>((resolve, reject) => s.write(chunk, (e) => (e ? reject(e) : resolve())));
    if (s.socket.writableLength > 4 * CHUNK) await once(s.socket, 'drain');
    if ((sent / CHUNK) % 8 === 7) watch.check(`${suite} sent ${sent + CHUNK}`);
  }
  await serverDone;
  const sealSeconds = (performance.now() - t0) / 1000;
  // Server -> client: the engine opens.
  const t1 = performance.now();
  await sendToClient();
  await clientDone;
  const openSeconds = (performance.now() - t1) / 1000;
  const memAfter = watch.check(`${suite} end`);
  const sizesAfter = s.engine.sizes;
  if (JSON.stringify(sizes) !== JSON.stringify(sizesAfter)) fail(`${suite}: engine sizes changed`);
  const closed = once(s, 'close');
  s.end();
  await closed;
  server.close();
  const procAfter = proc();
  const up = { sent: clientOut.digest('hex'), received: serverIn.digest('hex') };
  const down = { sent: serverOut.digest('hex'), received: clientIn.digest('hex') };
  const intact = up.sent === up.received && down.sent === down.received && serverGot === BULK && clientGot === BULK;
  if (!intact) fail(`${suite}: data integrity: up ${JSON.stringify(up)} (${serverGot} bytes), down ${JSON.stringify(down)} (${clientGot} bytes)`);
  if (s.engine.cipher !== suite || serverCipher !== suite) fail(`${suite}: negotiated ${s.engine.cipher} / server ${serverCipher}`);
  if (s.engine.error) fail(`${suite}: engine error ${s.engine.error.message}`);
  const r = {
    suite, negotiated: { client: s.engine.cipher, server: serverCipher }, bytesEachWay: BULK,
    clientToServer: { bytes: serverGot, seconds: sealSeconds, MBps: BULK / 1e6 / sealSeconds, sha256: up },
    serverToClient: { bytes: clientGot, seconds: openSeconds, MBps: BULK / 1e6 / openSeconds, sha256: down },
    intact, sizes, engineMemory: { before: memBefore, after: memAfter },
    cryptoMemory: { before: cryptoMemory0, after: cryptoEngine.memory.buffer.byteLength },
    process: { before: procBefore, after: procAfter, rssDrift: procAfter.rss - procBefore.rss },
  };
  console.log(`  ${suite}: ${MIB} MiB up ${sealSeconds.toFixed(2)} s (${r.clientToServer.MBps.toFixed(1)} MB/s), down ${openSeconds.toFixed(2)} s (${r.serverToClient.MBps.toFixed(1)} MB/s), intact ${intact}, engine mem ${memBefore} -> ${memAfter}, rss ${MB(procBefore.rss)} -> ${MB(procAfter.rss)} MiB`);
  return r;
}

// ---- run -------------------------------------------------------------------------------
const started = new Date();
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
})();
console.log(`soak: ${HANDSHAKES} handshakes per variant, ${MIB} MiB each way per AEAD; gc ${gc ? 'exposed' : 'NOT exposed (RSS figures include garbage)'}`);
const processStart = proc();
const handshakeResults = [];
if (!argv.includes('--skip-handshakes')) {
  console.log('handshakes: a ClientEngine (WebAssembly.Instance) per connection, as connect() does');
  handshakeResults.push(await handshakes('fresh'));
  console.log('handshakes: one instance, context re-initialised per connection');
  handshakeResults.push(await handshakes('reuse'));
}
hsServer.close();
const bulkResults = [];
if (!argv.includes('--skip-bulk')) {
  console.log('bulk: one connection per AEAD');
  for (const suite of SUITES) bulkResults.push(await bulk(suite));
}
const processEnd = proc();
const result = {
  date: started.toISOString(), finished: new Date().toISOString(), commit,
  runtime: `node ${process.version}`, gcExposed: Boolean(gc),
  server: 'node:tls on 127.0.0.1, TLS 1.3 only, self-signed ECDSA P-256 certificate (trusted by the client)',
  fixedMeans: 'engine wasm memory.buffer.byteLength identical for every engine at every check, sizes unchanged, shared crypto instance memory unchanged; RSS reported, not asserted',
  handshakes: handshakeResults, bulk: bulkResults, serverErrors,
  process: { start: processStart, end: processEnd, rssDrift: processEnd.rss - processStart.rss },
  problems,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/soak.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
console.log(`\nengine memory ${baselineEngineMemory} bytes (every engine, every check); shared crypto memory ${cryptoMemory0} -> ${cryptoEngine.memory.buffer.byteLength}`);
console.log(`process RSS ${MB(processStart.rss)} -> ${MB(processEnd.rss)} MiB; problems: ${problems.length ? problems.join('; ') : 'none'}`);
console.log('wrote bench/results/soak.json');
process.exit(problems.length ? 1 : 0);
