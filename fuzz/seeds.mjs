// Makes the fuzz targets' fixed inputs and seed corpora (run by hand, output
// committed):
//   fuzz/pki/*.der          a small PKI made with openssl: root (the x509
//                           target's trust anchor), intermediate, leaves
//   fuzz/sessions/*.bin     the server's bytes of real TLS 1.3 sessions with
//                           Node's tls server, recorded by a client that is
//                           the engine driven exactly as fuzz/client_flight.c
//                           drives it (same configuration, same counter-stream
//                           randomness, same time)
//   fuzz/seeds/<target>/    seed inputs, merged into fuzz/corpus/<target>
//                           by `npm run fuzz -- TARGET --merge-seeds`
//
// Why the recorded flights replay in full: the client's randomness is the
// same counter stream here and in the harness, so its ClientHello (random,
// session id, key-share private key) is byte for byte the same; the server's
// key share is in the recorded ServerHello, so the client derives the same
// (EC)DHE secret and transcript, and every recorded record decrypts. Nothing
// of the server side needs fixing.
//
// Usage: node fuzz/seeds.mjs   (needs openssl and build/ember.wasm)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fuzz = join(root, 'fuzz');

/** Must match fuzz/fuzz.h: FUZZ_TIME and FUZZ_HOST. */
export const FUZZ_TIME = 1800000000n; // 2027-01-15T08:00:00Z
export const FUZZ_HOST = 'fuzz.example';

// ---- PKI ------------------------------------------------------------------

function makePki() {
  const dir = join(fuzz, 'pki');
  if (existsSync(join(dir, 'root.der'))) return dir;
  mkdirSync(dir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'ember-fuzz-pki-'));
  const ossl = (...args) => execFileSync('openssl', args, { cwd: tmp, stdio: ['ignore', 'ignore', 'pipe'] });
  const ext = (name, text) => writeFileSync(join(tmp, name), text);
  ext('ca.ext', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
  ext('leaf.ext', `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:${FUZZ_HOST},DNS:*.${FUZZ_HOST},IP:127.0.0.1\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n`);
  const days = '36500'; // valid at FUZZ_TIME for a century
  ossl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'root.key', '-out', 'root.pem',
    '-days', days, '-subj', '/CN=EmberTLS fuzz root', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  const issue = (name, keyArgs, subject, issuer, extFile) => {
    ossl('req', '-new', '-newkey', ...keyArgs, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    ossl('x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-CAcreateserial', '-out', `${name}.pem`,
      '-days', days, '-sha256', '-extfile', extFile);
  };
  issue('int', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-384'], '/CN=EmberTLS fuzz intermediate', 'root', 'ca.ext');
  issue('leaf-p256', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], `/CN=${FUZZ_HOST}`, 'int', 'leaf.ext');
  issue('leaf-rsa', ['rsa:2048'], `/CN=${FUZZ_HOST}`, 'int', 'leaf.ext');
  issue('leaf-ed25519', ['ed25519'], `/CN=${FUZZ_HOST}`, 'int', 'leaf.ext');
  for (const name of ['root', 'int', 'leaf-p256', 'leaf-rsa', 'leaf-ed25519']) {
    ossl('x509', '-in', `${name}.pem`, '-outform', 'DER', '-out', join(dir, `${name}.der`));
    if (name !== 'root') writeFileSync(join(dir, `${name}.key.pem`), readFileSync(join(tmp, `${name}.key`)));
  }
  rmSync(tmp, { recursive: true, force: true });
  return dir;
}

// ---- The engine, driven as fuzz/client_flight.c drives it -----------------

const SENDREC = 1, RECVREC = 2, RECVAPP = 8, CLOSED = 16;

/** A fresh engine instance whose env.random is the harness's counter stream. */
function clientEngine() {
  let counter = 0;
  let e;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(root, 'build', 'ember.wasm'))), {
    env: {
      random: (ptr, len) => {
        const m = new Uint8Array(e.memory.buffer, ptr, len);
        for (let i = 0; i < len; i++) m[i] = counter++ & 0xff;
      },
      time: () => FUZZ_TIME,
      trace: () => {},
    },
  });
  e = instance.exports;
  e._initialize?.();
  // fuzz.h: the same buffers (sizes matter for record_size_limit, not addresses).
  const align = (n) => (n + 15) & ~15;
  const ctx = align(e.arenaPtr());
  const recv = ctx + align(e.tlsClientCtxSize());
  const send = recv + align(16645);
  const hs = send + align(16645);
  if (e.tlsClientInit(ctx, recv, 16645, send, 16645, hs, 32768) !== 0) throw new Error('tlsClientInit');
  const name = Buffer.from(FUZZ_HOST);
  new Uint8Array(e.memory.buffer).set(name, hs);
  if (e.tlsClientSetServerName(ctx, hs, name.length) !== 0) throw new Error('tlsClientSetServerName');
  if (e.tlsClientSetTime(ctx, Number(FUZZ_TIME & 0xffffffffn), Number(FUZZ_TIME >> 32n)) !== 0) throw new Error('tlsClientSetTime');
  e.tlsClientStart(ctx);
  const mem = () => new Uint8Array(e.memory.buffer);
  return {
    /** Records the engine wants sent. */
    take() {
      const out = [];
      while (e.tlsEngineState(ctx) & SENDREC) {
        const n = e.tlsSendrecLen(ctx);
        out.push(Buffer.from(mem().slice(e.tlsSendrecBuf(ctx), e.tlsSendrecBuf(ctx) + n)));
        e.tlsSendrecAck(ctx, n);
      }
      return Buffer.concat(out);
    },
    /** Feeds received bytes; returns plaintext received. */
    feed(bytes) {
      const plain = [];
      let at = 0;
      for (;;) {
        const st = e.tlsEngineState(ctx);
        if (st & RECVAPP) {
          const n = e.tlsRecvappLen(ctx);
          plain.push(Buffer.from(mem().slice(e.tlsRecvappBuf(ctx), e.tlsRecvappBuf(ctx) + n)));
          e.tlsRecvappAck(ctx, n);
          continue;
        }
        if (st & SENDREC || !(st & RECVREC) || at === bytes.length) break;
        const n = Math.min(e.tlsRecvrecLen(ctx), bytes.length - at);
        mem().set(bytes.subarray(at, at + n), e.tlsRecvrecBuf(ctx));
        e.tlsRecvrecAck(ctx, n);
        at += n;
      }
      return { used: at, plain: Buffer.concat(plain) };
    },
    get state() { return e.tlsHandshakeState(ctx); },
    get error() { return e.tlsLastError(ctx); },
    get closed() { return (e.tlsEngineState(ctx) & CLOSED) !== 0; },
    get suite() { return e.tlsSuite(ctx); },
  };
}

/**
 * One session against node:tls with serverOptions: returns every byte the
 * server sent, and the engine's verdict replaying them.
 */
async function record(pki, serverOptions, leaf) {
  const key = readFileSync(join(pki, `${leaf}.key.pem`));
  const toPem = (der) => `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`;
  const cert = toPem(readFileSync(join(pki, `${leaf}.der`))) + toPem(readFileSync(join(pki, 'int.der')));
  const server = tls.createServer({ key, cert, minVersion: 'TLSv1.3', ...serverOptions }, (s) => {
    s.on('error', () => {});
    s.write('hello from the fuzz seed server\n');
    s.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const engine = clientEngine();
  const fromServer = [];
  let pending = Buffer.alloc(0);
  await new Promise((done, fail) => {
    const sock = net.connect(server.address().port, '127.0.0.1');
    sock.on('error', fail);
    sock.on('connect', () => sock.write(engine.take()));
    sock.on('data', (d) => {
      fromServer.push(d);
      pending = Buffer.concat([pending, d]);
      const { used } = engine.feed(pending);
      pending = pending.subarray(used);
      const out = engine.take();
      if (out.length) sock.write(out);
    });
    sock.on('close', done);
  });
  server.close();
  const bytes = Buffer.concat(fromServer);
  // Replay on a fresh engine: the same fixed randomness must take it as far.
  const replay = clientEngine();
  replay.take();
  let rest = bytes;
  const plain = [];
  for (;;) {
    const r = replay.feed(rest);
    plain.push(r.plain);
    rest = rest.subarray(r.used);
    if (!replay.take().length && r.used === 0) break;
  }
  // Where the handshake ends: the record after which a fresh replay is Connected.
  const step = clientEngine();
  step.take();
  let at = 0;
  while (step.state !== 7 && at < bytes.length) {
    const len = 5 + bytes.readUInt16BE(at + 3);
    step.feed(bytes.subarray(at, at + len));
    step.take();
    at += len;
  }
  return { bytes, handshakeEnd: at, state: replay.state, error: replay.error, suite: replay.suite, plain: Buffer.concat(plain).toString() };
}

const pki = makePki();
const sessions = join(fuzz, 'sessions');
mkdirSync(sessions, { recursive: true });
const runs = {
  'aes128-x25519-p256': [{ ciphers: 'TLS_AES_128_GCM_SHA256' }, 'leaf-p256'],
  'chacha-x25519-p256': [{ ciphers: 'TLS_CHACHA20_POLY1305_SHA256' }, 'leaf-p256'],
  'aes256-hrr-p256-rsa': [{ ciphers: 'TLS_AES_256_GCM_SHA384', ecdhCurve: 'P-256' }, 'leaf-rsa'],
  'chacha-x25519-ed25519': [{ ciphers: 'TLS_CHACHA20_POLY1305_SHA256' }, 'leaf-ed25519'],
};
const seeds = (t) => { const d = join(fuzz, 'seeds', t); mkdirSync(d, { recursive: true }); return d; };
for (const [name, [options, leaf]] of Object.entries(runs)) {
  const r = await record(pki, options, leaf);
  console.log(`${name}: ${r.bytes.length} bytes from the server; replay: state ${r.state}, error ${r.error}, suite 0x${r.suite.toString(16)}, app data ${JSON.stringify(r.plain)}`);
  writeFileSync(join(sessions, `${name}.bin`), r.bytes);
  // client_flight: byte 0 = 0 (feed what recvrec asks for), then the flight.
  writeFileSync(join(seeds('client_flight'), name), Buffer.concat([Buffer.from([0]), r.bytes]));
  writeFileSync(join(seeds('client_flight'), `${name}-split7`), Buffer.concat([Buffer.from([7]), r.bytes]));
  // record (fuzz/record.c): the post-handshake records of the two sessions it replays, as recorded.
  const session = { 'aes128-x25519-p256': 0, 'chacha-x25519-p256': 1 }[name];
  if (session !== undefined) {
    writeFileSync(join(seeds('record'), `${name}-after-handshake`), Buffer.concat([Buffer.from([session]), r.bytes.subarray(r.handshakeEnd)]));
  }
}

// record, seal mode (byte 0 bit 1): the harness seals each record's body
// (TLSInnerPlaintext, the last 16 bytes are room for the tag) with the
// session's server key, so the fuzzer reaches what follows decryption.
const inner = (type, content, padding = 0) => {
  const body = Buffer.concat([content, Buffer.from([type]), Buffer.alloc(padding), Buffer.alloc(16)]);
  return Buffer.concat([Buffer.from([23, 3, 3, body.length >> 8, body.length & 0xff]), body]);
};
const sealed = {
  'appdata': [inner(23, Buffer.from('hello, record layer'))],
  'appdata-padded': [inner(23, Buffer.from('padded'), 40)],
  'appdata-empty': [inner(23, Buffer.alloc(0))],
  'keyupdate': [inner(22, Buffer.from([24, 0, 0, 1, 0])), inner(23, Buffer.from('after the update'))],
  'keyupdate-requested': [inner(22, Buffer.from([24, 0, 0, 1, 1]))],
  'ticket': [inner(22, Buffer.from([4, 0, 0, 13, 0, 0, 0x0e, 0x10, 1, 2, 3, 4, 0, 0, 1, 0xaa, 0, 0]))],
  'close-notify': [inner(21, Buffer.from([1, 0]))],
  'alert-fatal': [inner(21, Buffer.from([2, 40]))],
  'all-zero-inner': [inner(0, Buffer.alloc(0), 8)],
  'two-records': [inner(23, Buffer.from('one')), inner(23, Buffer.from('two'))],
};
for (const [name, records] of Object.entries(sealed)) {
  for (const session of [0, 1]) {
    writeFileSync(join(seeds('record'), `sealed-${name}-${session ? 'chacha' : 'aes128'}`), Buffer.concat([Buffer.from([2 | session]), ...records]));
  }
}

// x509: see fuzz/x509.c for the framing (count byte, 2-byte lengths, last one takes the rest).
const der = (n) => readFileSync(join(pki, `${n}.der`));
const frame = (certs) => {
  const parts = [Buffer.from([certs.length - 1])];
  certs.forEach((c, i) => {
    if (i < certs.length - 1) parts.push(Buffer.from([c.length >> 8, c.length & 0xff]));
    parts.push(c);
  });
  return Buffer.concat(parts);
};
for (const leaf of ['leaf-p256', 'leaf-rsa', 'leaf-ed25519']) {
  writeFileSync(join(seeds('x509'), `${leaf}+int`), frame([der(leaf), der('int')]));
  writeFileSync(join(seeds('x509'), `${leaf}+int+root`), frame([der(leaf), der('int'), der('root')]));
  writeFileSync(join(seeds('x509'), `${leaf}-alone`), frame([der(leaf)]));
}
writeFileSync(join(seeds('x509'), 'int-alone'), frame([der('int')]));
console.log('seeds written under fuzz/seeds');
