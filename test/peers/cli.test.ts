// The embertls command line against real servers on 127.0.0.1: `connect`
// says what was negotiated and pipes data, `--trace` tells each step in plain
// words, failures come with a cause and a fix, `doctor` reports what a device
// needs. Output is plain text (no colour) because it is not a terminal.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../support/tools.js';
import { embertls } from './support/cli.js';
import { startPeer, type Peer } from './support/peer.js';
import { makePeerPki, type PeerPki } from './support/peer-pki.js';

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

async function sServer(args: string[], version = '-tls1_3', cert = pki.ecdsa): Promise<Peer> {
  const peer = await startPeer('openssl', (port) => [
    's_server', ...(version ? [version] : []), '-accept', `127.0.0.1:${port}`, '-cert', cert.file, '-key', cert.key.file, ...args,
  ], { ready: /^ACCEPT$/m });
  peers.push(peer);
  return peer;
}

describe.runIf(HAVE_OPENSSL)('embertls connect against OpenSSL s_server', () => {
  it('prints what was negotiated on stderr and pipes stdin to the server and its answer to stdout', async () => {
    const peer = await sServer(['-rev', '-naccept', '1']);
    const r = await embertls(['connect', `127.0.0.1:${peer.port}`, '--ca', pki.ca.file], {
      input: 'hello embertls\n', closeWhen: (out) => out.includes('\n'),
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('sltrebme olleh\n');
    expect(r.stderr).toMatch(/connected to 127\.0\.0\.1:\d+ with TLS 1\.3/);
    expect(r.stderr).toMatch(/cipher suite +TLS_AES_128_GCM_SHA256/);
    expect(r.stderr).toMatch(/key exchange +x25519/);
    expect(r.stderr).not.toContain('\x1b[');
  });

  it('--trace explains the offer, the HelloRetryRequest, the server\'s choice, the keys and the close', async () => {
    const peer = await sServer(['-rev', '-naccept', '1', '-groups', 'P-256']);
    const r = await embertls(['connect', `localhost:${peer.port}`, '--trace', '--alpn', 'h2,http/1.1'], {
      input: 'abc\n', closeWhen: (out) => out.includes('cba'),
    });
    expect(r.status).toBe(0);
    for (const words of [
      'ClientHello: TLS 1.3 only; cipher suites TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256; groups x25519, P-256',
      'server name (SNI) localhost; ALPN h2, http/1.1',
      'HelloRetryRequest: the server wants a key share for P-256',
      'ServerHello: the server chose TLS_AES_128_GCM_SHA256 and P-256',
      'handshake keys derived from the P-256 shared secret',
      'no record_size_limit: the server does not support RFC 8449',
      'NOT checked: no --ca was given',
      'CertificateVerify: the server signed the handshake so far with ecdsa_secp256r1_sha256',
      'Finished: the server\'s MAC over the whole handshake matches ours',
      'application traffic keys in use',
      'close_notify',
    ]) expect(r.stderr).toContain(words);
  });

  it('a TLS 1.2-only server: the cause says it does not speak TLS 1.3, the fix says how to enable it', async () => {
    const peer = await sServer(['-naccept', '1'], '-tls1_2');
    const r = await embertls(['connect', `127.0.0.1:${peer.port}`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('connection failed: PeerAlert(protocol_version)');
    expect(r.stderr).toContain('the server does not speak TLS 1.3');
    expect(r.stderr).toMatch(/fix: +enable TLS 1\.3 on the server/);
  });

  it('no common cipher suite: the cause names what we offered and the fix points to doctor', async () => {
    const peer = await sServer(['-naccept', '1', '-ciphersuites', 'TLS_AES_128_CCM_SHA256']);
    const r = await embertls(['connect', `127.0.0.1:${peer.port}`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no shared TLS version, cipher suite or group (we offered TLS 1.3 only; cipher suites');
    expect(r.stderr).toContain('embertls doctor');
  });

  it('a server whose first record is larger than --record-size 600: the record and buffer sizes and the fix are given', async () => {
    // Not a TLS server: it answers any ClientHello with one 1500-byte handshake
    // record, as a server that honours neither record_size_limit nor
    // max_fragment_length would send its flight.
    const server = net.createServer((c) => c.once('data', () => c.end(Buffer.concat([Buffer.from([22, 3, 3, 0x05, 0xdc]), Buffer.alloc(1500)]))));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const r = await embertls(['connect', `127.0.0.1:${(server.address() as net.AddressInfo).port}`, '--record-size', '600']);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('RecordTooLargeForBuffer');
      expect(r.stderr).toContain('the server sent a 1500-byte record but the receive buffer holds 600 bytes: it ignored the record_size_limit');
      expect(r.stderr).toContain('-max_send_frag');
    } finally {
      server.close();
    }
  });

  it('a server that requires a client certificate (-Verify 1): the cause says so and the fix names --cert and --key', async () => {
    const peer = await sServer(['-naccept', '1', '-Verify', '1', '-CAfile', pki.ca.file]);
    const r = await embertls(['connect', `127.0.0.1:${peer.port}`], { input: 'hello\n', closeWhen: () => false });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the server requires a client certificate');
    expect(r.stderr).toContain('--cert device.pem --key device.key');
  });

  it('nothing listening: the cause says so', async () => {
    const peer = await sServer(['-naccept', '1']);
    const port = peer.port;
    await peer.stop();
    const r = await embertls(['connect', `127.0.0.1:${port}`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`nothing accepts connections on 127.0.0.1:${port}`);
  });

  it('a malformed target or --record-size is refused with exit status 2', async () => {
    expect((await embertls(['connect', 'no-port-here'])).stderr).toMatch(/expected host:port/);
    const r = await embertls(['connect', '127.0.0.1:1', '--record-size', '100']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--record-size is the receive and send buffer in bytes, 512 to 16645/);
  });
});

describe.runIf(HAVE_OPENSSL)('embertls doctor', () => {
  it('reports versions, suites, groups, signature, chain, record limits and the buffers a device needs (s_server, P-256 only)', async () => {
    const peer = await sServer(['-www', '-groups', 'P-256'], '');
    const r = await embertls(['doctor', `127.0.0.1:${peer.port}`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/versions +TLS 1\.3 yes +TLS 1\.2 yes/);
    expect(r.stdout).toMatch(/TLS_AES_128_GCM_SHA256 yes +TLS_AES_256_GCM_SHA384 yes +TLS_CHACHA20_POLY1305_SHA256 yes/);
    expect(r.stdout).toMatch(/groups +x25519 no +P-256 yes .*after a HelloRetryRequest/);
    expect(r.stdout).toMatch(/signature +ecdsa_secp256r1_sha256 \(server key ec prime256v1\)/);
    expect(r.stdout).toMatch(/certificate chain +1 certificate, \d+ bytes/);
    expect(r.stdout).toMatch(/record_size_limit +ignored/);
    // OpenSSL honours max_fragment_length (RFC 6066) instead: small buffers are safe.
    expect(r.stdout).toMatch(/max_fragment_length honoured \(512 asked for/);
    expect(r.stdout).toMatch(/receive buffer +534 bytes/);
    expect(r.stdout).toMatch(/session tickets +2 after the handshake, sessions of up to \d+ bytes; resuming with one works/);
    expect(r.stdout).toMatch(/ticket buffer +\d+ bytes/);
    expect(r.stdout).toMatch(/X\.509 validator +\d+ bytes \(the smallest context; give --ca/);
    expect(r.stdout).toMatch(/total RAM +\d+ bytes/);
  });

  it('with --ca, sizes the X.509 validator context for the server\'s chain and counts it in the RAM', async () => {
    const peer = await sServer(['-www']);
    const r = await embertls(['doctor', `localhost:${peer.port}`, '--ca', pki.ca.file]);
    expect(r.status).toBe(0);
    const validator = /X\.509 validator +(\d+) bytes \(the smallest (context validates this chain|that validates this chain against --ca)\)/.exec(r.stdout);
    expect(validator, r.stdout).not.toBeNull();
    const parts = [...r.stdout.matchAll(/^ {2}(?:receive buffer|send buffer|handshake buffer|X\.509 validator|ticket buffer|engine state) +(\d+) bytes/gm)].map((m) => Number(m[1]));
    expect(Number(/total RAM +(\d+) bytes/.exec(r.stdout)?.[1])).toBe(parts.reduce((a, b) => a + b, 0));
  });

  it.runIf(hasTool('gnutls-serv', 'gnutls-bin'))('finds that gnutls-serv honours record_size_limit, so 512-byte receive buffers do', async () => {
    const peer = await startPeer('gnutls-serv', (port) => [
      '--port', String(port), '--echo', '--x509certfile', pki.ecdsa.file, '--x509keyfile', pki.ecdsa.key.file,
    ], { ready: /listening on IPv4 .* port \d+\.\.\.done/ });
    peers.push(peer);
    const r = await embertls(['doctor', `127.0.0.1:${peer.port}`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/record_size_limit +honoured/);
    expect(r.stdout).toMatch(/receive buffer +512 bytes/);
  });

  it('a TLS 1.2-only server: says there is no TLS 1.3 and exits 1', async () => {
    const peer = await sServer(['-www'], '-tls1_2');
    const r = await embertls(['doctor', `127.0.0.1:${peer.port}`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/versions +TLS 1\.3 no +TLS 1\.2 yes/);
    expect(r.stdout).toContain('EmberTLS speaks only TLS 1.3');
  });
});

describe.runIf(HAVE_OPENSSL)('embertls connect checks who it talks to (--ca) and proves who it is (--cert, --key)', () => {
  it('--trace says which CA the certificate was checked against and why it is trusted', async () => {
    const peer = await sServer(['-rev', '-naccept', '1']);
    const r = await embertls(['connect', `localhost:${peer.port}`, '--ca', pki.ca.file, '--trace'], { input: 'abc\n', closeWhen: (out) => out.includes('cba') });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Certificate: for CN=localhost (DNS:localhost, IP Address:127.0.0.1)');
    expect(r.stderr).toContain(`trusted: the chain ends at the CA CN=EmberTLS Peer Test CA from ${pki.ca.file}, which signed it directly, it is valid today and names localhost`);
    expect(r.stderr).toMatch(/server identity +verified against the CA/);
  });

  it('a certificate from another CA: the cause names its issuer, the fix says which --ca to give', async () => {
    const peer = await sServer(['-naccept', '1'], '-tls1_3', pki.untrusted);
    const r = await embertls(['connect', `localhost:${peer.port}`, '--ca', pki.ca.file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('UNKNOWN_ISSUER');
    expect(r.stderr).toContain('CN=Some Other CA');
    expect(r.stderr).toMatch(/fix: +give the CA that issued the server certificate with --ca/);
  });

  it('an expired certificate: the cause gives its end date and the device clock, the fix speaks of the clock too', async () => {
    const peer = await sServer(['-naccept', '1'], '-tls1_3', pki.expired);
    const r = await embertls(['connect', `localhost:${peer.port}`, '--ca', pki.ca.file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/EXPIRED: .*expired at 2021-01-01T00:00:00Z; the device clock says 20\d\d-/);
    expect(r.stderr).toMatch(/fix: .*device clock/);
  });

  it('a certificate for another name: the cause lists the names the certificate has', async () => {
    const peer = await sServer(['-naccept', '1']);
    const r = await embertls(['connect', `127.0.0.1:${peer.port}`, '--ca', pki.ca.file, '--servername', 'broker.example.com']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/HOSTNAME_MISMATCH: .*not valid for broker\.example\.com; its names are: DNS:localhost, IP Address:127\.0\.0\.1/);
    expect(r.stderr).toMatch(/fix: +connect with a name the certificate has \(--servername\)/);
  });

  it('--cert and --key answer a server that requires a client certificate', async () => {
    const peer = await sServer(['-rev', '-naccept', '1', '-Verify', '1', '-CAfile', pki.ca.file]);
    const r = await embertls(['connect', `localhost:${peer.port}`, '--ca', pki.ca.file, '--cert', pki.client.file, '--key', pki.client.key.file, '--trace'], {
      input: 'mutual\n', closeWhen: (out) => out.includes('lautum'),
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('lautum\n');
    expect(r.stderr).toContain('CertificateRequest: the server asks the device for a client certificate');
  });

  it('--trace tells a KeyUpdate from the server and ours in reply (s_server \'K\': update, and request ours)', async () => {
    const peer = await sServer(['-naccept', '1', '-msg']);
    const run = embertls(['connect', `localhost:${peer.port}`, '--ca', pki.ca.file, '--trace'], {
      input: 'ready\n', closeWhen: (out) => out.includes('after the update'),
    });
    await peer.waitFor(/^ready$/m);
    peer.type('K');
    await peer.waitFor(/KeyUpdate\n\s+18 00 00 01 01/);
    peer.type('after the update');
    const r = await run;
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('<- KeyUpdate: the server moved to new traffic keys');
    expect(r.stderr).toContain('-> KeyUpdate: we moved to new traffic keys');
  });
});

describe.runIf(HAVE_OPENSSL)('embertls connect resumes sessions (--session-out, --session-in)', () => {
  it('saves the ticket, then resumes with it: the trace says no certificate was needed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ember-cli-session-'));
    try {
      const file = join(dir, 'session.bin');
      const peer = await sServer(['-rev', '-naccept', '2']);
      const first = await embertls(['connect', `localhost:${peer.port}`, '--ca', pki.ca.file, '--trace', '--session-out', file], {
        input: 'one\n', closeWhen: (out) => out.includes('eno'),
      });
      expect(first.status).toBe(0);
      expect(first.stderr).toMatch(/NewSessionTicket: a \d+-byte ticket valid for \d+ s/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const second = await embertls(['connect', `localhost:${peer.port}`, '--ca', pki.ca.file, '--trace', '--session-in', file], {
        input: 'two\n', closeWhen: (out) => out.includes('owt'),
      });
      expect(second.status).toBe(0);
      expect(second.stderr).toContain('offering the saved session');
      expect(second.stderr).toContain('took our session ticket: a resumed handshake');
      expect(second.stderr).toContain('no certificate follows');
      expect(second.stderr).not.toContain('<- Certificate:');
      expect(second.stderr).toMatch(/resumption +resumed the saved session/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a server that no longer knows the ticket: resumption REJECTED, with the likely cause, and a full handshake', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ember-cli-session-'));
    try {
      const file = join(dir, 'session.bin');
      const before = await sServer(['-rev', '-naccept', '1']);
      await embertls(['connect', `localhost:${before.port}`, '--ca', pki.ca.file, '--session-out', file], { input: 'x\n', closeWhen: (o) => o.includes('x') });
      const restarted = await sServer(['-rev', '-naccept', '1']);
      const r = await embertls(['connect', `localhost:${restarted.port}`, '--ca', pki.ca.file, '--trace', '--session-in', file], {
        input: 'y\n', closeWhen: (o) => o.includes('y'),
      });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('the server did not take our session');
      expect(r.stderr).toMatch(/resumption +REJECTED by the server: it does not know the ticket any more/);
      expect(r.stderr).toContain('<- Certificate:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
