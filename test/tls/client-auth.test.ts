// Client certificates (RFC 8446 §4.3.2, §4.4.2, §4.4.3): the server sends
// CertificateRequest, the client answers with its chain, a CertificateVerify
// signed with ECDSA P-256 / SHA-256, and Finished. Peer: Node's TLS 1.3 server
// with requestCert and rejectUnauthorized against a client CA made by openssl
// at test time (test/x509/pki.ts).
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type ConnectOptions } from '../../host/tls/connect.js';
import { ERR, type TlsError } from '../../host/tls/errors.js';
import { CA_EXT, Pki, SERVER_EXT, type Cert } from '../x509/pki.js';

let pki: Pki;
let serverRoot: Cert;
let server: Cert;
let clientRoot: Cert;
let clientInter: Cert;
let client: Cert;
let clientDirect: Cert;
let stranger: Cert;
const CLIENT_EXT = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=clientAuth'];

beforeAll(() => {
  pki = new Pki();
  serverRoot = pki.root('Server Root', pki.key('p256'));
  server = pki.issue('server', {
    subject: '/CN=localhost', key: pki.key('p256'), issuer: serverRoot, ext: [...SERVER_EXT, 'subjectAltName=DNS:localhost'],
  });
  clientRoot = pki.root('Device Root', pki.key('p256'));
  clientInter = pki.issue('device-ca', { subject: '/CN=Device Fleet CA', key: pki.key('p256'), issuer: clientRoot, ext: CA_EXT });
  client = pki.issue('device', { subject: '/CN=sensor-0042', key: pki.key('p256'), issuer: clientInter, ext: CLIENT_EXT });
  clientDirect = pki.issue('device2', { subject: '/CN=sensor-0043', key: pki.key('p256'), issuer: clientRoot, ext: CLIENT_EXT });
  const otherRoot = pki.root('Not The Device Root', pki.key('p256'));
  stranger = pki.issue('stranger', { subject: '/CN=stranger', key: pki.key('p256'), issuer: otherRoot, ext: CLIENT_EXT });
});
afterAll(() => pki?.dispose());

interface Outcome {
  error?: TlsError;
  /** The server's view of the client: authorized, and the CN it saw. */
  server: { authorized?: boolean; cn?: string; error?: string };
  echoed?: string;
  clientAuth?: { requested: boolean; sent: boolean };
}

async function attempt(options: Partial<ConnectOptions>, serverOptions: tls.TlsOptions = {}): Promise<Outcome> {
  const seen: Outcome['server'] = {};
  const srv = tls.createServer({
    key: readFileSync(server.key.file), cert: server.pem, minVersion: 'TLSv1.3',
    requestCert: true, rejectUnauthorized: true, ca: clientRoot.pem, ...serverOptions,
  }, (s) => {
    seen.authorized = s.authorized;
    seen.cn = (s.getPeerCertificate() as any)?.subject?.CN;
    s.on('data', (d) => s.write(d));
    s.on('error', (e) => (seen.error = e.message));
  });
  srv.on('tlsClientError', (e) => (seen.error = e.message));
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: serverRoot.pem, ...options });
  const out: Outcome = { server: seen };
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 8000);
    socket.once('error', (e) => {
      out.error = e as TlsError;
      clearTimeout(timer);
      resolve();
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    // TLS 1.3: the server checks our certificate after our Finished, so an
    // answer to data is the proof that it accepted it.
    socket.once('secureConnect', () => {
      socket.write('ping');
      socket.once('data', (d) => {
        out.echoed = d.toString();
        clearTimeout(timer);
        resolve();
      });
    });
  });
  out.clientAuth = socket.engine.clientAuth;
  socket.destroy();
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return out;
}

const pkcs8 = (c: Cert) => createPrivateKey(readFileSync(c.key.file)).export({ type: 'pkcs8', format: 'pem' }) as string;

describe('client certificates (mutual TLS)', () => {
  it('sends its chain and an ECDSA P-256 CertificateVerify; the server authorizes it (PKCS#8 key)', async () => {
    const r = await attempt({ cert: client.pem + clientInter.pem, key: pkcs8(client) });
    expect(r.error).toBeUndefined();
    expect(r.echoed).toBe('ping');
    expect(r.server.authorized).toBe(true);
    expect(r.server.cn).toBe('sensor-0042');
    expect(r.clientAuth).toEqual({ requested: true, sent: true });
  });

  it('takes a SEC1 "EC PRIVATE KEY" and a Buffer of PEM, as node:tls does', async () => {
    const sec1 = readFileSync(clientDirect.key.file);
    expect(sec1.toString()).toMatch(/BEGIN EC PRIVATE KEY/);
    const r = await attempt({ cert: Buffer.from(clientDirect.pem), key: sec1 });
    expect(r.error).toBeUndefined();
    expect(r.server.cn).toBe('sensor-0043');
  });

  it('fits the whole client flight in 2 KB record buffers (max_fragment_length 2^11)', async () => {
    const r = await attempt({ cert: client.pem + clientInter.pem, key: pkcs8(client), recordBuffer: 2048 + 22, handshakeBuffer: 2048 });
    expect(r.error).toBeUndefined();
    expect(r.echoed).toBe('ping');
  });

  it('without a certificate sends an empty one and the server ends with certificate_required (116)', async () => {
    const r = await attempt({});
    expect(r.echoed).toBeUndefined();
    expect(r.clientAuth).toEqual({ requested: true, sent: false });
    expect(r.error?.origin).toBe('peer');
    expect(r.error?.alertName).toBe('certificate_required');
  });

  it('a certificate from a CA the server does not trust is refused: Node drops the connection (no alert)', async () => {
    // Node's server checks the client's chain after the handshake, in
    // JavaScript, and destroys the socket; OpenSSL s_server -Verify answers
    // with an alert instead (left to the real-peer tests).
    const r = await attempt({ cert: stranger.pem, key: readFileSync(stranger.key.file) });
    expect(r.echoed).toBeUndefined();
    expect(r.clientAuth).toEqual({ requested: true, sent: true });
    expect(r.error?.code).toBe(ERR.ConnectionClosed);
  });

  it('a server that asks but does not require still talks to a client without a certificate', async () => {
    const r = await attempt({}, { rejectUnauthorized: false });
    expect(r.error).toBeUndefined();
    expect(r.echoed).toBe('ping');
    expect(r.server.authorized).toBe(false);
  });

  it('refuses cert without key (TypeError), and a key that is not P-256 (RangeError)', () => {
    expect(() => connect({ port: 1, cert: client.pem } as ConnectOptions)).toThrow(TypeError);
    expect(() => connect({ port: 1, cert: client.pem, key: readFileSync(pki.key('p384').file) })).toThrow(/P-256/);
  });
});

