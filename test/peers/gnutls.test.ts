// EmberTLS's connect() against GnuTLS's gnutls-serv in echo mode: a TLS 1.3
// handshake with an ECDSA certificate and data both ways, a HelloRetryRequest
// to P-256, and small records: GnuTLS honours record_size_limit (RFC 8449),
// so a device with 600-byte record buffers can talk to it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../support/tools.js';
import { exchange } from './support/exchange.js';
import { startPeer, type Peer } from './support/peer.js';
import { makePeerPki, type PeerPki } from './support/peer-pki.js';

const HAVE_GNUTLS = hasTool('gnutls-serv', 'gnutls-bin') && hasTool('openssl', 'openssl');
let pki: PeerPki;
const peers: Peer[] = [];

beforeAll(() => {
  if (HAVE_GNUTLS) pki = makePeerPki();
});
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.stop()));
});
afterAll(() => pki?.pki.dispose());

const TLS13_ONLY = 'NORMAL:-VERS-ALL:+VERS-TLS1.3';

async function gnutlsServ(priority = TLS13_ONLY): Promise<Peer> {
  const peer = await startPeer('gnutls-serv', (port) => [
    '--port', String(port), '--echo', '--x509certfile', pki.ecdsa.file, '--x509keyfile', pki.ecdsa.key.file, '--priority', priority,
  ], { ready: /listening on IPv4 .* port \d+\.\.\.done/ });
  peers.push(peer);
  return peer;
}

const echo = (text: string) => ({ send: text, until: (got: string) => got.length >= text.length });
const trusted = () => ({ trust: { ca: pki.ca.pem } });

describe.runIf(HAVE_GNUTLS)('GnuTLS gnutls-serv --echo', () => {
  it('completes a TLS 1.3 handshake with an ECDSA P-256 certificate and echoes our line back', async () => {
    const peer = await gnutlsServ();
    const r = await exchange(peer.port, trusted(), echo('hello gnutls\n'));
    expect(r.error).toBeUndefined();
    expect(r.received).toBe('hello gnutls\n');
    expect(r.signatureScheme).toBe('ecdsa_secp256r1_sha256');
    expect(peer.output()).toMatch(/Version: TLS1\.3/);
  });

  it('resumes a session with the ticket gnutls-serv gave (psk_dhe_ke): no certificate the second time', async () => {
    const peer = await gnutlsServ();
    const first = await exchange(peer.port, trusted(), echo('first\n'));
    expect(first.error).toBeUndefined();
    expect(first.sessions.length).toBeGreaterThan(0);
    const second = await exchange(peer.port, { ...trusted(), session: first.sessions.at(-1) }, echo('second\n'));
    expect(second.error).toBeUndefined();
    expect(second.received).toBe('second\n');
    expect(second.resumed).toBe(true);
    expect(second.socket.engine.signatureScheme).toBeUndefined();
  });

  it('answers a HelloRetryRequest when the server takes only SECP256R1', async () => {
    const peer = await gnutlsServ(`${TLS13_ONLY}:-GROUP-ALL:+GROUP-SECP256R1`);
    const r = await exchange(peer.port, trusted(), echo('after the retry\n'));
    expect(r.error).toBeUndefined();
    expect(r.group).toBe('P-256');
    expect(r.received).toBe('after the retry\n');
  });

  it('talks ChaCha20-Poly1305 when that is the only cipher the server allows', async () => {
    const peer = await gnutlsServ(`${TLS13_ONLY}:-CIPHER-ALL:+CHACHA20-POLY1305`);
    const r = await exchange(peer.port, trusted(), echo('chacha\n'));
    expect(r.error).toBeUndefined();
    expect(r.cipher).toBe('TLS_CHACHA20_POLY1305_SHA256');
  });

  it('honours our record_size_limit: 600-byte record buffers carry a 4000-byte echo', async () => {
    const peer = await gnutlsServ();
    const line = `${'0123456789abcdef'.repeat(250)}\n`;
    const r = await exchange(peer.port, { ...trusted(), recordBuffer: 600 }, echo(line));
    expect(r.error).toBeUndefined();
    expect(r.received).toBe(line);
    const limit = r.socket.engine.recordSizeLimit;
    expect(limit.sent).toBe(600 - 5 - 16);
    expect(limit.peer).toBeGreaterThan(0);
  });

  // Unlike OpenSSL (protocol_version), GnuTLS looks for a TLS 1.2 suite among
  // ours, finds only TLS 1.3 ones and says handshake_failure.
  it('a server offering only TLS 1.2 refuses us with a handshake_failure alert', async () => {
    const peer = await gnutlsServ('NORMAL:-VERS-ALL:+VERS-TLS1.2');
    const r = await exchange(peer.port, trusted(), echo('x\n'));
    expect(r.connected).toBe(false);
    expect(r.error?.codeName).toBe('PeerAlert(handshake_failure)');
  });
});
