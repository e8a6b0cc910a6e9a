// M2 of the TLS client: whole handshakes of the engine (through ClientEngine)
// against Node's own TLS 1.3 server on loopback, with an ECDSA P-256
// certificate made by openssl at test time: each cipher suite, each group,
// HelloRetryRequest, application data both ways, close_notify; and failures:
// a server without TLS 1.3, records corrupted in flight, truncation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEngine, type ClientEngineOptions } from '../../host/tls/client-engine.js';
import { ERR, TlsError } from '../../host/tls/errors.js';

let dir: string;
let key: Buffer;
let cert: Buffer;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ember-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-keyout', join(dir, 'key.pem'),
    '-out', join(dir, 'cert.pem'), '-days', '2', '-nodes', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
  key = readFileSync(join(dir, 'key.pem'));
  cert = readFileSync(join(dir, 'cert.pem'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  engine: ClientEngine;
  /** Plaintext the client received. */
  received: Buffer;
  /** Plaintext the server received. */
  serverReceived: Buffer;
  states: string[];
  error?: TlsError;
  /** The server's view: its negotiated cipher, or its error. */
  server: { cipher?: string; group?: string; error?: string; ended: boolean };
}

/**
 * Connects a ClientEngine to a fresh node:tls server (serverOptions) through
 * an optional relay that may rewrite server->client bytes, sends `send`,
 * waits for `expect` bytes back (or for the end), then closes.
 */
async function run(
  serverOptions: tls.TlsOptions,
  engineOptions: ClientEngineOptions,
  { send = Buffer.from('hello'), expectBytes = send.length, reply = (d: Buffer) => Buffer.from(d.toString('latin1').toUpperCase(), 'latin1'),
    tamper }: { send?: Buffer; expectBytes?: number; reply?: (d: Buffer) => Buffer | null; tamper?: (chunk: Buffer, index: number) => Buffer } = {},
): Promise<Run> {
  const serverState: Run['server'] = { ended: false };
  const serverReceived: Buffer[] = [];
  const server = tls.createServer({ key, cert, minVersion: 'TLSv1.3', ...serverOptions }, (s) => {
    serverState.cipher = s.getCipher()?.standardName;
    serverState.group = (s as any).getEphemeralKeyInfo?.()?.name;
    s.on('data', (d: Buffer) => {
      serverReceived.push(d);
      const answer = reply(d);
      if (answer) s.write(answer);
      else s.destroy(); // no close_notify: a truncation
    });
    s.on('end', () => {
      serverState.ended = true;
      s.end();
    });
    s.on('error', () => {});
  });
  server.on('tlsClientError', (e) => (serverState.error = e.message));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const engine = new ClientEngine({ servername: 'localhost', ca: cert, ...engineOptions });
  const states: string[] = [];
  engine.on('state', (s) => states.push(s));
  let error: TlsError | undefined;
  engine.on('error', (e) => (error = e));
  const received: Buffer[] = [];
  let got = 0;
  await new Promise<void>((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => sock.destroy(), 8000);
    let index = 0;
    let sent = false;
    const flush = () => {
      const out = engine.takeOutput();
      if (out.length && !sock.destroyed) sock.write(out);
    };
    sock.on('connect', () => {
      engine.start();
      flush();
    });
    sock.on('data', (d: Buffer) => {
      engine.receive(tamper ? tamper(d, index++) : d);
      if (engine.connected && !sent) {
        sent = true;
        engine.write(send);
      }
      const t = engine.read();
      received.push(Buffer.from(t));
      got += t.length;
      if (got >= expectBytes && engine.connected) engine.close();
      flush();
      if (engine.closed) sock.end();
    });
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    sock.on('end', () => {
      engine.end();
      flush();
      sock.end();
    });
    sock.on('close', done);
    sock.on('error', done);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { engine, received: Buffer.concat(received), serverReceived: Buffer.concat(serverReceived), states, error, server: serverState };
}

describe('handshake with node:tls (TLS 1.3, ECDSA P-256 certificate)', () => {
  it.each([
    ['TLS_AES_128_GCM_SHA256'],
    ['TLS_AES_256_GCM_SHA384'],
    ['TLS_CHACHA20_POLY1305_SHA256'],
  ] as const)('completes with %s and exchanges data both ways', async (suite) => {
    const r = await run({ ciphers: suite }, { servername: 'localhost', suites: [suite] });
    expect(r.error).toBeUndefined();
    expect(r.server.cipher).toBe(suite);
    expect(r.engine.cipher).toBe(suite);
    expect(r.engine.signatureScheme).toBe('ecdsa_secp256r1_sha256');
    expect(r.serverReceived.toString()).toBe('hello');
    expect(r.received.toString()).toBe('HELLO');
    expect(r.states).toEqual(['ExpectServerHello', 'ExpectEncryptedExtensions', 'ExpectCertificateOrRequest',
      'ExpectCertificateVerify', 'ExpectFinished', 'Connected', 'Closed']);
  });

  it('completes with x25519 in one round trip', async () => {
    const r = await run({ ecdhCurve: 'X25519' }, { groups: ['x25519', 'P-256'] });
    expect(r.error).toBeUndefined();
    expect(r.engine.group).toBe('x25519');
    expect(r.received.toString()).toBe('HELLO');
  });

  it('completes with secp256r1 offered as the only share', async () => {
    const r = await run({ ecdhCurve: 'P-256' }, { groups: ['P-256', 'x25519'] });
    expect(r.error).toBeUndefined();
    expect(r.engine.group).toBe('P-256');
    expect(r.received.toString()).toBe('HELLO');
  });

  it('answers a HelloRetryRequest when the server wants the group offered second (§4.1.4)', async () => {
    const r = await run({ ecdhCurve: 'P-256' }, { groups: ['x25519', 'P-256'], keyShares: 1 });
    expect(r.error).toBeUndefined();
    expect(r.engine.group).toBe('P-256');
    expect(r.received.toString()).toBe('HELLO');
  });

  it('uses the server\'s pick when both shares are sent (no HelloRetryRequest needed)', async () => {
    const r = await run({ ecdhCurve: 'P-256' }, { groups: ['x25519', 'P-256'], keyShares: 2 });
    expect(r.error).toBeUndefined();
    expect(r.engine.group).toBe('P-256');
  });

  it('negotiates ALPN and reports the protocol the server chose', async () => {
    const r = await run({ ALPNProtocols: ['h2', 'http/1.1'] }, { ALPNProtocols: ['http/1.1'] });
    expect(r.error).toBeUndefined();
    expect(r.engine.alpnProtocol).toBe('http/1.1');
  });

  it('carries 200 KB each way across many records, in order', async () => {
    const big = Buffer.alloc(200_000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) & 0xff;
    const r = await run({}, {}, { send: big, reply: (d) => d });
    expect(r.error).toBeUndefined();
    expect(r.serverReceived.equals(big)).toBe(true);
    expect(r.received.equals(big)).toBe(true);
  });

  it('ends with close_notify both ways: the server sees a clean end', async () => {
    const r = await run({}, {});
    expect(r.server.ended).toBe(true);
    expect(r.engine.state).toBe('Closed');
    expect(r.error).toBeUndefined();
  });

  it('reports the chain as validated against the given CA (the self-signed server certificate)', async () => {
    const r = await run({}, {});
    expect(r.engine.chainValidated).toBe(true);
    expect(r.engine.verdict?.code).toBe('OK');
  });
});

describe('handshake failures', () => {
  it('a server that does not offer TLS 1.3 ends with protocol_version (its alert)', async () => {
    const r = await run({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }, {});
    expect(r.error?.alertName).toBe('protocol_version');
    expect(r.error?.origin).toBe('peer');
    expect(r.engine.state).toBe('Failed');
  });

  /** Rewrites the ServerHello (first record of the first chunk) through edit(body) -> body. */
  function editServerHello(edit: (body: Buffer) => Buffer) {
    return (d: Buffer, i: number) => {
      if (i !== 0) return d;
      const recLen = d.readUInt16BE(3);
      const body = edit(Buffer.from(d.subarray(9, 5 + recLen)));
      const head = Buffer.from([22, 3, 3, (body.length + 4) >> 8, (body.length + 4) & 0xff, 2, 0, body.length >> 8, body.length & 0xff]);
      return Buffer.concat([head, body, d.subarray(5 + recLen)]);
    };
  }
  /** ServerHello body without its supported_versions extension, and with random's last 8 bytes set. */
  function asTls12(sentinel?: Buffer) {
    return editServerHello((body) => {
      if (sentinel) sentinel.copy(body, 2 + 24);
      const sidLen = body[34];
      const extStart = 35 + sidLen + 3;
      const exts: Buffer[] = [];
      for (let at = extStart + 2; at < body.length;) {
        const type = body.readUInt16BE(at);
        const len = body.readUInt16BE(at + 2);
        if (type !== 43) exts.push(body.subarray(at, at + 4 + len));
        at += 4 + len;
      }
      const all = Buffer.concat(exts);
      return Buffer.concat([body.subarray(0, extStart), Buffer.from([all.length >> 8, all.length & 0xff]), all]);
    });
  }

  it('a ServerHello that negotiates TLS 1.2 (no supported_versions) fails with protocol_version', async () => {
    const r = await run({}, {}, { tamper: asTls12() });
    expect(r.error?.code).toBe(ERR.ProtocolVersion);
    expect(r.error?.origin).toBe('local');
  });

  it('a TLS 1.2 ServerHello carrying the DOWNGRD sentinel is a detected downgrade (§4.1.3)', async () => {
    const r = await run({}, {}, { tamper: asTls12(Buffer.from('444f574e47524401', 'hex')) });
    expect(r.error?.code).toBe(ERR.DowngradeDetected);
    expect(r.error?.alertName).toBe('illegal_parameter');
  });

  it('a ServerHello choosing a suite we did not offer fails with illegal_parameter', async () => {
    const r = await run({}, { suites: ['TLS_AES_128_GCM_SHA256'] }, {
      tamper: editServerHello((body) => {
        const at = 35 + body[34];
        body.writeUInt16BE(0x1303, at);
        return body;
      }),
    });
    expect(r.error?.code).toBe(ERR.SuiteNotOffered);
  });

  it('a ServerHello with a duplicated extension fails with illegal_parameter', async () => {
    const r = await run({}, {}, {
      tamper: editServerHello((body) => {
        const extStart = 35 + body[34] + 3;
        const exts = body.subarray(extStart + 2);
        const sv = Buffer.from('002b00020304', 'hex');
        const all = Buffer.concat([exts, sv]);
        return Buffer.concat([body.subarray(0, extStart), Buffer.from([all.length >> 8, all.length & 0xff]), all]);
      }),
    });
    expect(r.error?.code).toBe(ERR.DuplicateExtension);
  });

  it('a bit flipped in the server\'s encrypted flight fails with bad_record_mac and releases nothing', async () => {
    const r = await run({}, {}, {
      tamper: (d, i) => {
        if (i !== 0 || d.length < 200) return d;
        const out = Buffer.from(d);
        out[out.length - 40] ^= 0x01; // inside the last protected record of the first flight
        return out;
      },
    });
    expect(r.error?.code).toBe(ERR.BadRecordMac);
    expect(r.received.length).toBe(0);
    expect(r.server.error ?? 'alert').toMatch(/alert|bad record mac/i);
  });

  it('a bit flipped in ServerHello.random changes the keys: the flight does not decrypt', async () => {
    const r = await run({}, {}, {
      tamper: (d, i) => {
        if (i !== 0) return d;
        const out = Buffer.from(d);
        out[5 + 4 + 2 + 5] ^= 0x80; // ServerHello.random, byte 5
        return out;
      },
    });
    expect(r.error?.code).toBe(ERR.BadRecordMac);
  });

  it('a connection cut without close_notify is reported as truncation', async () => {
    const r = await run({}, {}, { reply: () => null });
    expect(r.error?.code).toBe(ERR.ConnectionClosed);
  });

  it('a failed engine stays failed with the same error (sticky)', async () => {
    const r = await run({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }, {});
    const code = r.error?.code;
    r.engine.receive(Buffer.from('160303000102', 'hex'));
    r.engine.write(Buffer.from('more'));
    expect(r.engine.takeOutput().length).toBe(0);
    expect(r.engine.error?.code).toBe(code);
    expect(r.engine.state).toBe('Failed');
  });
});
