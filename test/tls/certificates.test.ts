// The server's certificate chain in the TLS client: checked by the engine's
// X.509 validator as the Certificate message streams in (leaf first), the
// verdict taken before Finished, one alert per failure (RFC 8446 §6.2); and
// the memory claim: a ~6 KB chain through a 2 KB handshake buffer and 2 KB
// records. Peers: Node's TLS 1.3 server with a PKI made by openssl at test
// time (test/x509/pki.ts).
import type net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type ConnectOptions, type TLSSocket } from '../../host/tls/connect.js';
import { engine, engineImports, engineModule, type EngineExports } from '../../host/engine.js';
import { ERR, type TlsError } from '../../host/tls/errors.js';
import { CA_EXT, Pki, SERVER_EXT, type Cert } from '../x509/pki.js';

let pki: Pki;
let root: Cert;
let otherRoot: Cert;
let inter: Cert;
let leaf: Cert;
let expired: Cert;
/** A chain of about 6 KB: a leaf with many names under four intermediates with long names. */
let bigChain: Cert[];
let bigRoot: Cert;

beforeAll(() => {
  pki = new Pki();
  root = pki.root('Ember Test Root', pki.key('p256'));
  otherRoot = pki.root('Someone Else Root', pki.key('p256'));
  inter = pki.issue('inter', { subject: '/CN=Ember Test Intermediate', key: pki.key('p256'), issuer: root, ext: CA_EXT });
  const san = 'subjectAltName=DNS:localhost,IP:127.0.0.1';
  leaf = pki.issue('leaf', { subject: '/CN=localhost', key: pki.key('p256'), issuer: inter, ext: [...SERVER_EXT, san] });
  expired = pki.issue('expired', {
    subject: '/CN=localhost', key: pki.key('p256'), issuer: inter, ext: [...SERVER_EXT, san],
    from: '20200101000000Z', to: '20210101000000Z',
  });
  // Several OUs of 60 characters (the attribute allows 64): names appear as subject and as issuer.
  const ou = (i: number) => `/O=EmberTLS streaming test${Array.from({ length: 5 }, (_, k) => `/OU=unit ${i}.${k} with a deliberately long name for a bigger cert`).join('')}`;
  bigRoot = pki.root('Big Root', pki.key('p256'));
  let issuer = bigRoot;
  const inters: Cert[] = [];
  for (let i = 1; i <= 4; i++) {
    issuer = pki.issue(`big${i}`, { subject: `/CN=Big Intermediate ${i}${ou(i)}`, key: pki.key('p256'), issuer, ext: CA_EXT });
    inters.unshift(issuer);
  }
  const names = Array.from({ length: 24 }, (_, i) => `DNS:device-${i}.sensors.factory-floor.example.com`).join(',');
  const bigLeaf = pki.issue('bigleaf', {
    subject: '/CN=localhost', key: pki.key('p256'), issuer, ext: [...SERVER_EXT, `subjectAltName=DNS:localhost,${names}`],
  });
  bigChain = [bigLeaf, ...inters];
});
afterAll(() => pki?.dispose());

interface Outcome {
  socket: TLSSocket;
  error?: TlsError;
  /** What the server's TLS stack reported (e.g. the alert it received). */
  serverError?: string;
  echoed?: string;
}

/** Serves chain (leaf first) with Node's TLS 1.3 server and connects with options; echoes one message. */
async function attempt(chain: Cert[], options: Partial<ConnectOptions>, serverOptions: tls.TlsOptions = {}): Promise<Outcome> {
  let serverError: string | undefined;
  const server = tls.createServer({
    key: (await import('node:fs')).readFileSync(chain[0].key.file), cert: chain.map((c) => c.pem).join(''),
    minVersion: 'TLSv1.3', ...serverOptions,
  }, (s) => {
    s.on('data', (d) => s.write(d));
    s.on('error', () => {});
  });
  server.on('tlsClientError', (e) => (serverError = e.message));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ...options });
  const out: Outcome = { socket };
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 8000);
    socket.once('error', (e) => {
      out.error = e as TlsError;
      clearTimeout(timer);
      resolve();
    });
    socket.once('secureConnect', () => {
      socket.write('ping');
      socket.once('data', (d) => {
        out.echoed = d.toString();
        clearTimeout(timer);
        resolve();
      });
    });
  });
  socket.destroy();
  await new Promise((r) => setTimeout(r, 20)); // let the server read our alert
  await new Promise<void>((resolve) => server.close(() => resolve()));
  out.serverError = serverError;
  return out;
}

describe('server certificate validation (RFC 8446 §4.4.2, RFC 5280 §6)', () => {
  it('accepts a chain that leads to the given CA and shows the leaf through getPeerCertificate()', async () => {
    const r = await attempt([leaf, inter], { ca: root.pem });
    expect(r.error).toBeUndefined();
    expect(r.echoed).toBe('ping');
    expect(r.socket.authorized).toBe(true);
    expect(r.socket.engine.verdict?.code).toBe('OK');
    const peer = r.socket.getPeerCertificate() as any;
    expect(peer.subject.CN).toBe('localhost');
    expect(peer.issuer.CN).toBe('Ember Test Intermediate');
    expect(peer.subjectaltname).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect(new Date(peer.valid_from).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(new Date(peer.valid_to).toISOString()).toBe('2034-01-01T00:00:00.000Z');
    expect(new Uint8Array(peer.raw)).toEqual(leaf.der);
  });

  it('takes ca as a Buffer of PEM, DER bytes or a list, as node:tls does', async () => {
    for (const ca of [Buffer.from(root.pem), root.der, [otherRoot.pem, root.der]]) {
      const r = await attempt([leaf, inter], { ca });
      expect(r.error).toBeUndefined();
      expect(r.socket.authorized).toBe(true);
    }
  });

  it('checks an IP address against the iPAddress names when connecting by address without a servername', async () => {
    const r = await attempt([leaf, inter], { ca: root.pem, servername: undefined });
    expect(r.error).toBeUndefined();
    expect(r.socket.authorized).toBe(true);
  });

  it('refuses a chain from another CA with unknown_ca (48), and says which issuer was missing', async () => {
    const r = await attempt([leaf, inter], { ca: otherRoot.pem });
    expect(r.error?.code).toBe(ERR.ChainUnknownCa);
    expect(r.error?.alertName).toBe('unknown_ca');
    expect(r.error?.verdict?.code).toBe('UNKNOWN_ISSUER');
    expect(r.error?.message).toMatch(/UNKNOWN_ISSUER/);
    expect(r.serverError).toMatch(/unknown ca/);
  });

  it('refuses every chain when no CA was given (nothing is trusted by default)', async () => {
    const r = await attempt([leaf, inter], {});
    expect(r.error?.code).toBe(ERR.ChainUnknownCa);
    expect(r.error?.message).toMatch(/no trust anchor was configured/);
  });

  it('refuses a certificate for another host with bad_certificate (42), naming HOSTNAME_MISMATCH and the names it has', async () => {
    const r = await attempt([leaf, inter], { ca: root.pem, servername: 'example.com' });
    expect(r.error?.code).toBe(ERR.ChainHostnameMismatch);
    expect(r.error?.alertName).toBe('bad_certificate');
    expect(r.error?.message).toMatch(/HOSTNAME_MISMATCH.*example\.com.*DNS:localhost/);
    expect(r.serverError).toMatch(/bad certificate/);
  });

  it('refuses an expired certificate with certificate_expired (45), giving its date and the clock', async () => {
    const r = await attempt([expired, inter], { ca: root.pem });
    expect(r.error?.code).toBe(ERR.ChainExpired);
    expect(r.error?.alertName).toBe('certificate_expired');
    expect(r.error?.message).toMatch(/EXPIRED.*expired at 2021-01-01T00:00:00Z/);
    expect(r.serverError).toMatch(/certificate expired/);
  });

  it('checks validity at the time it is given: in mid-2020 the intermediate (from 2024) is not yet valid', async () => {
    const r = await attempt([expired, inter], { ca: root.pem, time: new Date('2020-06-01T00:00:00Z') });
    expect(r.error?.code).toBe(ERR.ChainNotYetValid);
    expect(r.error?.alertName).toBe('certificate_expired');
    expect(r.error?.message).toMatch(/NOT_YET_VALID.*certificate #1.*2024-01-01T00:00:00Z.*2020-06-01T00:00:00Z/);
  });

  it('refuses a server that omits the intermediate with unknown_ca', async () => {
    const r = await attempt([leaf], { ca: root.pem });
    expect(r.error?.code).toBe(ERR.ChainUnknownCa);
  });

  it('with rejectUnauthorized: false connects anyway and still reports the verdict', async () => {
    const r = await attempt([leaf, inter], { ca: otherRoot.pem, rejectUnauthorized: false });
    expect(r.error).toBeUndefined();
    expect(r.echoed).toBe('ping');
    expect(r.socket.authorized).toBe(false);
    expect((r.socket.authorizationError as any).x509Code).toBe('UNKNOWN_ISSUER');
    expect(r.socket.engine.verdict?.code).toBe('UNKNOWN_ISSUER');
  });

  it('an engine without a validator refuses to start and sends nothing (it never runs unauthenticated)', () => {
    // ClientEngine always configures one; firmware calls the exports directly.
    let ref: EngineExports | undefined;
    const e = new WebAssembly.Instance(engineModule, engineImports(() => ref!.memory)).exports as unknown as EngineExports;
    ref = e;
    const ctx = e.arenaPtr();
    const recv = ctx + 4096;
    expect(e.tlsClientInit(ctx, recv, 2048, recv + 2048, 2048, recv + 4096, 2048)).toBe(0);
    e.tlsClientStart(ctx);
    expect(e.tlsLastError(ctx)).toBe(ERR.NoVerifier);
    expect(e.tlsSendrecLen(ctx)).toBe(0);
    expect(e.tlsChainVerdict(ctx)).toBe(255);
  });

  it('refuses name and time changes once the validator has taken them', () => {
    let ref: EngineExports | undefined;
    const e = new WebAssembly.Instance(engineModule, engineImports(() => ref!.memory)).exports as unknown as EngineExports;
    ref = e;
    const ctx = e.arenaPtr();
    const recv = ctx + 4096;
    const x509 = recv + 8192;
    e.tlsClientInit(ctx, recv, 2048, recv + 2048, 2048, recv + 4096, 2048);
    expect(e.tlsClientSetVerifier(ctx, x509, e.x509CtxMinSize() - 1, 0, 0, 0, 0, 1)).toBe(ERR.BadConfiguration);
    expect(e.tlsClientSetVerifier(ctx, x509, e.x509CtxMinSize(), 0, 0, 0, 0, 3)).toBe(ERR.BadConfiguration);
    expect(e.tlsClientSetVerifier(ctx, x509, e.x509CtxMinSize(), 0, 0, 0, 0, 1)).toBe(0);
    expect(e.tlsClientSetServerName(ctx, recv, 4)).toBe(ERR.BadConfiguration);
    expect(e.tlsClientSetTime(ctx, 1, 0)).toBe(ERR.BadConfiguration);
    expect(e.tlsClientAddTrustAnchor(ctx, recv, 10)).toBe(ERR.BadConfiguration); // not a certificate
  });
});

describe('the smallest validator context (x509CtxMinSize(): 3 of the server\'s certificates, 2 trust anchors)', () => {
  it('verifies a chain of 3 (leaf, intermediate, root) and connects', async () => {
    const r = await attempt([leaf, inter], { ca: root.pem, verifierSize: engine.x509CtxMinSize() });
    expect(r.error).toBeUndefined();
    expect(r.echoed).toBe('ping');
    expect(r.socket.authorized).toBe(true);
  });

  it('refuses a server that sends 5 certificates with PATH_TOO_LONG, naming the budget of 3', async () => {
    const r = await attempt(bigChain, { ca: bigRoot.pem, handshakeBuffer: 2048, verifierSize: engine.x509CtxMinSize() });
    expect(r.error?.code).toBe(ERR.ChainPathTooLong);
    expect(r.error?.message).toMatch(/PATH_TOO_LONG.*budget \(3 certificates/);
  });

  it('with rejectUnauthorized: false, a leaf the context cannot keep (RSA-2048 key and signature, over its 512-byte pool) ends in LeafKeyNotKept: no key, no CertificateVerify', async () => {
    const rsaRoot = pki.root('RSA Root', pki.key('rsa2048'));
    const rsaLeaf = pki.issue('rsaleaf', {
      subject: '/CN=localhost', key: pki.key('rsa2048'), issuer: rsaRoot, ext: [...SERVER_EXT, 'subjectAltName=DNS:localhost'],
    });
    const tight = await attempt([rsaLeaf], { rejectUnauthorized: false, verifierSize: engine.x509CtxMinSize() });
    expect(tight.error?.codeName).toBe('LeafKeyNotKept');
    const roomy = await attempt([rsaLeaf], { ca: rsaRoot.pem, verifierSize: 4096 });
    expect(roomy.error).toBeUndefined();
    expect(roomy.socket.authorized).toBe(true);
  });

  it('refuses a third trust anchor at configuration, saying that 2 fit', () => {
    const ca = [root.pem, otherRoot.pem, bigRoot.pem];
    expect(() => connect({ host: '127.0.0.1', port: 1, ca, verifierSize: engine.x509CtxMinSize() })).toThrow(/at most 2 anchors/);
  });
});

describe('a ~6 KB chain through a 2 KB handshake buffer (certificates streamed one by one)', () => {
  it('the test chain is about 6 KB and each certificate is under 2 KB', () => {
    const total = bigChain.reduce((n, c) => n + c.der.length, 0);
    expect(total).toBeGreaterThan(5500);
    for (const c of bigChain) expect(c.der.length).toBeLessThan(2048 - 5);
  });

  it('passes with hs = 2048 and the default record buffers', async () => {
    const r = await attempt(bigChain, { ca: bigRoot.pem, handshakeBuffer: 2048 });
    expect(r.error).toBeUndefined();
    expect(r.socket.authorized).toBe(true);
  });

  it('passes with hs = 2048 and 2 KB records: Node (OpenSSL 3.0, no RFC 8449) honours max_fragment_length 2^11', async () => {
    const r = await attempt(bigChain, { ca: bigRoot.pem, handshakeBuffer: 2048, recordBuffer: 2048 + 22 });
    expect(r.error).toBeUndefined();
    expect(r.echoed).toBe('ping');
    expect(r.socket.engine.recordSizeLimit.peer).toBe(2049); // 2^11 content + the type byte, from MFL
    expect(r.socket.engine.maxFragment).toEqual({ sent: 2048, acked: true });
  });

  it('passes with 512-byte records (max_fragment_length 2^9): entries split across records at many offsets', async () => {
    const r = await attempt(bigChain, { ca: bigRoot.pem, handshakeBuffer: 2048, recordBuffer: 512 + 22 });
    expect(r.error).toBeUndefined();
    expect(r.echoed).toBe('ping');
    expect(r.socket.engine.maxFragment).toEqual({ sent: 512, acked: true });
  });

  it('fails with HandshakeTooLarge when one certificate is larger than the handshake buffer (hs = 1024)', async () => {
    const r = await attempt(bigChain, { ca: bigRoot.pem, handshakeBuffer: 1024 });
    expect(r.error?.code).toBe(ERR.HandshakeTooLarge);
  });
});
