// EmberTLS's connect() against OpenSSL's s_server on 127.0.0.1: every cipher
// suite, every group, a HelloRetryRequest, RSA and ECDSA certificates,
// KeyUpdate in both directions, small records, and the failures a device
// meets in the field, each with the error EmberTLS must give.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectOptions } from '../../host/index.js';
import { SUITES, type SuiteName } from '../../host/tls/client-engine.js';
import { hasTool } from '../support/tools.js';
import { exchange } from './support/exchange.js';
import { startPeer, type Peer } from './support/peer.js';
import { makePeerPki, type PeerPki } from './support/peer-pki.js';
import { VALIDATE } from './support/trust.js';

const HAVE_OPENSSL = hasTool('openssl', 'openssl');
let pki: PeerPki;
const peers: Peer[] = [];

beforeAll(() => {
  if (HAVE_OPENSSL) pki = makePeerPki();
});
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.stop()));
});
afterAll(() => pki?.pki.dispose());

/** s_server with a certificate (default: ECDSA P-256 from the test CA), TLS 1.3 unless args say otherwise. */
async function sServer(args: string[], cert = pki.ecdsa, version = '-tls1_3'): Promise<Peer> {
  const peer = await startPeer('openssl', (port) => [
    's_server', version, '-accept', `127.0.0.1:${port}`, '-cert', cert.file, '-key', cert.key.file, '-naccept', '1', ...args,
  ], { ready: /^ACCEPT$/m });
  peers.push(peer);
  return peer;
}

const get = { send: 'GET / HTTP/1.0\r\n\r\n', until: (r: string) => r.includes('</HTML>') || r.includes('</BODY>') };
const trusted = () => ({ trust: { ca: pki.ca.pem } });

describe.runIf(HAVE_OPENSSL)('OpenSSL s_server', () => {
  for (const suite of Object.keys(SUITES) as SuiteName[]) {
    it(`completes a TLS 1.3 handshake with ${suite} alone and reads the -www status page`, async () => {
      const peer = await sServer(['-www', '-ciphersuites', suite]);
      const r = await exchange(peer.port, { ...trusted(), suites: [suite] }, get);
      expect(r.error).toBeUndefined();
      expect(r.cipher).toBe(suite);
      expect(r.received).toContain(`New, TLSv1.3, Cipher is ${suite}`);
    });
  }

  it('agrees on x25519 when the server offers only X25519', async () => {
    const peer = await sServer(['-www', '-groups', 'X25519']);
    const r = await exchange(peer.port, { ...trusted(), groups: ['x25519'] }, get);
    expect(r.error).toBeUndefined();
    expect(r.group).toBe('x25519');
    expect(r.received).toContain('HTTP/1.0 200 ok');
  });

  it('agrees on P-256 when the client offers only P-256', async () => {
    const peer = await sServer(['-www', '-groups', 'P-256']);
    const r = await exchange(peer.port, { ...trusted(), groups: ['P-256'] }, get);
    expect(r.error).toBeUndefined();
    expect(r.group).toBe('P-256');
    expect(r.received).toContain('HTTP/1.0 200 ok');
  });

  it('answers a HelloRetryRequest for P-256 when its first key share is x25519 (two ClientHellos on the wire)', async () => {
    const peer = await sServer(['-groups', 'P-256', '-msg']);
    const r = await exchange(peer.port, trusted(), { send: 'after the retry\n', onConnect: () => peer.waitFor(/after the retry/) });
    expect(r.error).toBeUndefined();
    expect(r.group).toBe('P-256');
    expect(peer.output().match(/Handshake \[length [0-9a-f]+\], ClientHello/g)).toHaveLength(2);
  });

  it('verifies an RSA-2048 server certificate through an RSA-PSS CertificateVerify', async () => {
    const peer = await sServer(['-www'], pki.rsa);
    const r = await exchange(peer.port, trusted(), get);
    expect(r.error).toBeUndefined();
    expect(r.signatureScheme).toMatch(/^rsa_pss_rsae_sha(256|384|512)$/);
  });

  it('verifies an ECDSA P-256 server certificate through an ecdsa_secp256r1_sha256 CertificateVerify', async () => {
    const peer = await sServer(['-www'], pki.ecdsa);
    const r = await exchange(peer.port, trusted(), get);
    expect(r.error).toBeUndefined();
    expect(r.signatureScheme).toBe('ecdsa_secp256r1_sha256');
  });

  it('exchanges data both ways over the plain s_server (its stdin to us, our bytes to its stdout)', async () => {
    const peer = await sServer([]);
    const r = await exchange(peer.port, trusted(), {
      send: 'ping from the device\n',
      until: (got) => got.includes('pong from openssl'),
      onConnect: async () => {
        await peer.waitFor(/ping from the device/);
        peer.type('pong from openssl');
      },
    });
    expect(r.error).toBeUndefined();
    expect(r.received).toBe('pong from openssl\n');
  });

  for (const [command, meaning] of [['k', 'a KeyUpdate'], ['K', 'a KeyUpdate that requests ours']] as const) {
    it(`keeps talking after the server sends ${meaning} ('${command}' on s_server's stdin)`, async () => {
      const peer = await sServer(['-msg']);
      const r = await exchange(peer.port, trusted(), {
        send: 'before\n',
        onConnect: async (socket) => {
          await peer.waitFor(/^before$/m);
          peer.type(command);
          await peer.waitFor(/KeyUpdate\n\s+18 00 00 01 0[01]/);
          const reply = new Promise((resolve) => socket.once('data', resolve));
          peer.type('after the update');
          await reply;
          socket.write('client after the update\n');
          await peer.waitFor(/^client after the update$/m);
        },
      });
      expect(r.error).toBeUndefined();
      expect(r.received).toBe('after the update\n');
      // The request flag (RFC 8446 §4.6.3): with 'K' the client must answer with its own KeyUpdate.
      const updates = peer.output().match(/<<< TLS 1.3, Handshake \[length 0005\], KeyUpdate/g) ?? [];
      expect(updates).toHaveLength(command === 'K' ? 1 : 0);
    });
  }

  it('sends its own KeyUpdate asking for the server\'s: s_server answers with one, and both sides go on talking (§4.6.3)', async () => {
    const peer = await sServer(['-msg']);
    const r = await exchange(peer.port, trusted(), {
      send: 'before\n',
      onConnect: async (socket) => {
        await peer.waitFor(/^before$/m);
        socket.engine.keyUpdate(true);
        socket.write('after our update\n');
        await peer.waitFor(/^after our update$/m);
        const reply = new Promise((resolve) => socket.once('data', resolve));
        peer.type('server after the update');
        await reply;
      },
    });
    expect(r.error).toBeUndefined();
    expect(r.received).toBe('server after the update\n');
    expect(r.socket.engine.keyUpdates).toEqual({ received: 1, sent: 1 });
    expect(peer.output()).toMatch(/<<< TLS 1.3, Handshake \[length 0005\], KeyUpdate\n\s+18 00 00 01 01/);
    expect(peer.output()).toMatch(/>>> TLS 1.3, Handshake \[length 0005\], KeyUpdate\n\s+18 00 00 01 00/);
  });

  // OpenSSL 3.0 does not implement record_size_limit (RFC 8449); an engine
  // that also asks for max_fragment_length (RFC 6066) gets small records anyway.
  it('honours the max_fragment_length a 600-byte receive buffer asks for (512), though not record_size_limit', async () => {
    const peer = await sServer(['-www']);
    const r = await exchange(peer.port, { ...trusted(), recordBuffer: 600 }, get);
    expect(r.error).toBeUndefined();
    expect(r.received.length).toBeGreaterThan(2000);
    expect(r.socket.engine.maxFragment).toEqual({ sent: 512, acked: true });
  });

  it('reads a long reply in 512-byte records (-max_send_frag 512) with a 600-byte receive buffer', async () => {
    const peer = await sServer(['-www', '-max_send_frag', '512']);
    const r = await exchange(peer.port, { ...trusted(), recordBuffer: 600 }, get);
    expect(r.error).toBeUndefined();
    expect(r.received.length).toBeGreaterThan(2000);
    expect(r.socket.engine.sizes.recordBuffer).toBe(600);
  });

  it('proves the device\'s identity with its client certificate when the server requires one (-Verify 1)', async () => {
    const peer = await sServer(['-Verify', '1', '-CAfile', pki.ca.file]);
    const r = await exchange(peer.port, { ...trusted(), cert: pki.client.pem, key: readFileSync(pki.client.key.file, 'utf8') }, {
      send: 'hello from the device\n', onConnect: () => peer.waitFor(/hello from the device/),
    });
    expect(r.error).toBeUndefined();
    expect(peer.output()).toMatch(/subject=CN ?= ?ember-device-01/);
    expect(peer.output()).toMatch(/Client certificate/);
  });

  describe('session resumption with tickets (psk_dhe_ke, RFC 8446 §2.2)', () => {
    const resume = async (args: string[], options: Partial<ConnectOptions> = {}) => {
      const peer = await sServer(['-www', ...args, '-naccept', '2']);
      const first = await exchange(peer.port, { ...trusted(), ...options }, get);
      expect(first.error).toBeUndefined();
      expect(first.sessions.length).toBeGreaterThan(0);
      const second = await exchange(peer.port, { ...trusted(), ...options, session: first.sessions.at(-1) }, get);
      return { peer, first, second };
    };

    it('resumes with the ticket s_server gave: no certificate the second time, s_server says Reused', async () => {
      const { first, second } = await resume([]);
      expect(first.received).toContain('New, TLSv1.3');
      expect(second.error).toBeUndefined();
      expect(second.resumed).toBe(true);
      expect(second.socket.engine.resumeStatus).toBe('accepted');
      expect(second.socket.engine.signatureScheme).toBeUndefined(); // no CertificateVerify in a resumed handshake
      expect(second.received).toContain('Reused, TLSv1.3');
      expect((second.socket.getPeerCertificate() as { subject: { CN: string } }).subject.CN).toBe('localhost');
      expect(second.socket.authorized).toBe(true);
    });

    it('resumes a TLS_AES_256_GCM_SHA384 session (a SHA-384 PSK and binder)', async () => {
      const { second } = await resume(['-ciphersuites', 'TLS_AES_256_GCM_SHA384'], { suites: ['TLS_AES_256_GCM_SHA384'] });
      expect(second.error).toBeUndefined();
      expect(second.resumed).toBe(true);
      expect(second.cipher).toBe('TLS_AES_256_GCM_SHA384');
    });

    it('resumes across a HelloRetryRequest (the binder is recomputed over the second ClientHello, §4.2.11.2)', async () => {
      const { peer, second } = await resume(['-groups', 'P-256', '-msg'], { groups: ['x25519', 'P-256'] });
      expect(second.error).toBeUndefined();
      expect(second.resumed).toBe(true);
      expect(second.group).toBe('P-256');
      // Two connections, each with a retry: four ClientHellos.
      expect(peer.output().match(/Handshake \[length [0-9a-f]+\], ClientHello/g)).toHaveLength(4);
    });

    it('falls back to a full handshake when a restarted server no longer knows the ticket', async () => {
      const peer = await sServer(['-www']);
      const first = await exchange(peer.port, trusted(), get);
      const restarted = await sServer(['-www']);
      const second = await exchange(restarted.port, { ...trusted(), session: first.sessions.at(-1) }, get);
      expect(second.error).toBeUndefined();
      expect(second.resumed).toBe(false);
      expect(second.socket.engine.resumeStatus).toBe('declined');
      expect(second.received).toContain('New, TLSv1.3');
    });
  });

  describe('failures, each with the error EmberTLS must give', () => {
    it('a server offering only TLS 1.2 (-tls1_2) refuses us with a protocol_version alert', async () => {
      const peer = await sServer(['-www'], pki.ecdsa, '-tls1_2');
      const r = await exchange(peer.port, trusted(), get);
      expect(r.connected).toBe(false);
      expect(r.error?.codeName).toBe('PeerAlert(protocol_version)');
    });

    it('no common cipher suite: the server sends handshake_failure', async () => {
      const peer = await sServer(['-www', '-ciphersuites', 'TLS_AES_256_GCM_SHA384']);
      const r = await exchange(peer.port, { ...trusted(), suites: ['TLS_CHACHA20_POLY1305_SHA256'] }, get);
      expect(r.connected).toBe(false);
      expect(r.error?.codeName).toBe('PeerAlert(handshake_failure)');
    });

    it('no common group: the server sends handshake_failure', async () => {
      const peer = await sServer(['-www', '-groups', 'P-384']);
      const r = await exchange(peer.port, trusted(), get);
      expect(r.connected).toBe(false);
      expect(r.error?.codeName).toBe('PeerAlert(handshake_failure)');
    });

    it('a server that requires a client certificate (-Verify 1) and gets none sends certificate_required', async () => {
      const peer = await sServer(['-Verify', '1', '-CAfile', pki.ca.file]);
      const r = await exchange(peer.port, trusted(), { send: 'hello\n', until: () => false, timeoutMs: 3000 });
      expect(r.error?.codeName).toBe('PeerAlert(certificate_required)');
    });
  });

  describe.runIf(VALIDATE)('certificate validation failures, each with the alert the client sends', () => {
    it('a certificate from a CA the client was not given fails with unknown_ca', async () => {
      const peer = await sServer(['-www'], pki.untrusted);
      const r = await exchange(peer.port, trusted(), get);
      expect(r.connected).toBe(false);
      expect(r.error?.alertName).toBe('unknown_ca');
    });

    it('a certificate for another host name fails, naming the mismatch', async () => {
      const peer = await sServer(['-www'], pki.ecdsa);
      const r = await exchange(peer.port, { ...trusted(), servername: 'device.example.com' }, get);
      expect(r.connected).toBe(false);
      expect(String(r.error?.message)).toMatch(/host ?name/i);
    });

    it('an expired certificate fails with certificate_expired', async () => {
      const peer = await sServer(['-www'], pki.expired);
      const r = await exchange(peer.port, trusted(), get);
      expect(r.connected).toBe(false);
      expect(r.error?.alertName).toBe('certificate_expired');
    });
  });
});
