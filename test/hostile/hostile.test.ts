// The hostile-server suite (issue 7, part 3): a scripted TLS 1.3 server
// (./server.ts, its own encoder on node:crypto) drives a ClientEngine in
// memory and misbehaves one way per case. Each case names the alert (RFC 8446
// §6.2) and the engine error it must end with, and is bounded: the script
// sends a fixed number of bytes, and the engine must settle within BOUND_MS.
// The certificates (an ECDSA P-256 root, a leaf it signs, and a second root
// nobody signed with) are made by openssl at test time.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, type KeyObject, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEngine, type ClientEngineOptions } from '../../host/tls/client-engine.js';
import { ALERT_NAMES } from '../../host/tls/errors.js';
import {
  alert, checkPskOffer, ContentType, Ext, ext, Group, handshake, HandshakeType, HRR_RANDOM, hrrKeyShare, keyExchange, keyShare, record,
  Script, serverHello, type ServerHelloFields, someShare, splitRecords, supportedVersions, u16, u32, u8, vec16, vec8,
  type ClientHello,
} from './server.js';

/** Every case must settle within this (the engine runs synchronously, in memory). */
const BOUND_MS = 5000;

let dir: string;
let root: string;
let otherRoot: string;
let impostorRoot: string;
let leafDer: Buffer;
let rootDer: Buffer;
let leafKey: KeyObject;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ember-hostile-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'root.key', '-out', 'root.pem', '-days', '2', '-subj', '/CN=Hostile Test Root',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  openssl('req', '-x509', ...ec, '-keyout', 'other.key', '-out', 'other.pem', '-days', '2', '-subj', '/CN=Some Other Root',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  // An impostor: the root's name, another key.
  openssl('req', '-x509', ...ec, '-keyout', 'impostor.key', '-out', 'impostor.pem', '-days', '2', '-subj', '/CN=Hostile Test Root',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  openssl('req', '-new', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'leaf.ext'), 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n');
  openssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-days', '2',
    '-extfile', 'leaf.ext', '-out', 'leaf.pem');
  root = readFileSync(join(dir, 'root.pem'), 'latin1');
  otherRoot = readFileSync(join(dir, 'other.pem'), 'latin1');
  impostorRoot = readFileSync(join(dir, 'impostor.pem'), 'latin1');
  leafDer = new X509Certificate(readFileSync(join(dir, 'leaf.pem'))).raw;
  rootDer = new X509Certificate(root).raw;
  leafKey = createPrivateKey(readFileSync(join(dir, 'leaf.key')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Conn {
  engine: ClientEngine;
  s: Script;
  ch: ClientHello;
  started: number;
}

/** A ClientEngine that trusts the test root, started; the script has read its ClientHello. */
function open(options: ClientEngineOptions = {}): Conn {
  const started = performance.now();
  const engine = new ClientEngine({ servername: 'localhost', ca: root, ...options });
  const s = new Script(leafKey, [leafDer]);
  engine.start();
  const ch = s.takeClientHello(Buffer.from(engine.takeOutput()));
  return { engine, s, ch, started };
}

/** A ServerHello answering the client's share of `group` (default x25519); the script moves to handshake keys. */
function hello(c: Conn, f: Partial<ServerHelloFields> & { group?: number } = {}): Buffer {
  const group = f.group ?? Group.x25519;
  const kx = keyExchange(group, c.ch.shares.get(group)!);
  const rec = c.s.plain(serverHello({ sessionId: c.ch.sessionId, extensions: [supportedVersions(), keyShare(group, kx.share)], ...f }));
  c.s.handshakeKeys(kx.secret);
  return rec;
}

/** A HelloRetryRequest for `group` (§4.1.4); the script reads the second ClientHello. */
function retry(c: Conn, group: number): void {
  c.s.hashFirstClientHello();
  c.engine.receive(c.s.plain(serverHello({ random: HRR_RANDOM, sessionId: c.ch.sessionId, extensions: [supportedVersions(), hrrKeyShare(group)] })));
  if (c.engine.error) return; // its alert stays in the output for expectFailure
  c.ch = c.s.takeClientHello(Buffer.from(c.engine.takeOutput()));
}

/** A complete handshake: ServerHello, the encrypted flight, the client's Finished. */
function handshakeDone(options: ClientEngineOptions = {}): Conn {
  const c = open(options);
  c.engine.receive(hello(c));
  c.engine.receive(c.s.flight());
  expect(c.engine.error).toBeUndefined();
  c.s.takeClient(Buffer.from(c.engine.takeOutput()));
  return c;
}

/** The alert descriptions in the client's output (plaintext, or sealed under the script's read keys). */
function alertsSent(c: Conn): number[] {
  const out: number[] = [];
  for (const rec of splitRecords(Buffer.from(c.engine.takeOutput()))) {
    if (rec[0] === ContentType.Alert) out.push(rec[6]);
    else if (rec[0] === ContentType.ApplicationData && c.s.read) {
      const inner = c.s.read.open(rec);
      if (inner.type === ContentType.Alert) out.push(inner.content[1]);
    }
  }
  return out;
}

/** The engine failed with `codeName`, sent `alertName` (fatal, once) and stays failed; within BOUND_MS. */
function expectFailure(c: Conn, codeName: string, alertName: string): void {
  expect(c.engine.error?.codeName).toBe(codeName);
  expect(c.engine.error?.alertName).toBe(alertName);
  expect(c.engine.state).toBe('Failed');
  if (c.engine.error?.origin === 'peer') expect(alertsSent(c)).toEqual([]);
  else expect(alertsSent(c).map((a) => ALERT_NAMES[a])).toEqual([alertName]);
  expect(performance.now() - c.started).toBeLessThan(BOUND_MS);
}

const text = (s: string) => Buffer.from(s);

describe('the scripted server completes a handshake (the control)', () => {
  it('handshake, then application data both ways', () => {
    const c = handshakeDone();
    expect(c.engine.state).toBe('Connected');
    expect(c.engine.chainValidated).toBe(true);
    expect(c.engine.cipher).toBe('TLS_AES_128_GCM_SHA256');
    expect(c.engine.group).toBe('x25519');
    c.engine.write(text('ping'));
    c.s.takeClient(Buffer.from(c.engine.takeOutput()));
    expect(c.s.clientData().toString()).toBe('ping');
    c.engine.receive(c.s.write.seal(ContentType.ApplicationData, text('pong')));
    expect(Buffer.from(c.engine.read()).toString()).toBe('pong');
  });

  it('handshake after a HelloRetryRequest for P-256, and the middlebox ChangeCipherSpec is accepted (§D.4)', () => {
    const c = open({ groups: ['x25519', 'P-256'] });
    retry(c, Group.secp256r1);
    expect(c.engine.error).toBeUndefined();
    c.engine.receive(Buffer.concat([hello(c, { group: Group.secp256r1 }), record(ContentType.ChangeCipherSpec, u8(1)), c.s.flight()]));
    expect(c.engine.error).toBeUndefined();
    expect(c.engine.group).toBe('P-256');
    c.s.takeClient(Buffer.from(c.engine.takeOutput()));
    c.engine.write(text('after retry'));
    c.s.takeClient(Buffer.from(c.engine.takeOutput()));
    expect(c.s.clientData().toString()).toBe('after retry');
  });
});

describe('ServerHello misbehaviour', () => {
  it('client rejects legacy_version other than 0x0303 with protocol_version', () => {
    const c = open();
    c.engine.receive(hello(c, { legacyVersion: 0x0304 }));
    expectFailure(c, 'ProtocolVersion', 'protocol_version');
  });

  it.each([
    ['TLS 1.2', '444f574e47524401'],
    ['TLS 1.1', '444f574e47524400'],
  ])('client rejects a %s ServerHello carrying the downgrade sentinel with illegal_parameter (§4.1.3)', (_, sentinel) => {
    const c = open();
    const random = Buffer.concat([Buffer.alloc(24, 7), Buffer.from(sentinel, 'hex')]);
    c.engine.receive(c.s.plain(serverHello({ random, sessionId: c.ch.sessionId, extensions: [keyShare(Group.x25519, someShare(Group.x25519))] })));
    expectFailure(c, 'DowngradeDetected', 'illegal_parameter');
  });

  it('client accepts a TLS 1.3 ServerHello whose random ends in the sentinel (§4.1.3 checks only TLS 1.2 and below)', () => {
    const c = open();
    c.engine.receive(hello(c, { random: Buffer.concat([Buffer.alloc(24, 7), Buffer.from('444f574e47524401', 'hex')]) }));
    c.engine.receive(c.s.flight());
    expect(c.engine.error).toBeUndefined();
    expect(c.engine.state).toBe('Connected');
  });

  it.each([
    ['TLS_AES_256_GCM_SHA384 (not offered)', 0x1302],
    ['TLS_AES_128_CCM_SHA256 (unknown to the engine)', 0x1304],
  ])('client rejects a cipher suite it did not offer, %s, with illegal_parameter', (_, suite) => {
    const c = open({ suites: ['TLS_AES_128_GCM_SHA256'] });
    c.engine.receive(hello(c, { suite }));
    expectFailure(c, 'SuiteNotOffered', 'illegal_parameter');
  });

  it('client rejects a key_share in a group it did not offer (secp384r1) with illegal_parameter', () => {
    const c = open({ groups: ['x25519'] });
    c.engine.receive(c.s.plain(serverHello({ sessionId: c.ch.sessionId, extensions: [supportedVersions(), keyShare(Group.secp384r1, someShare(Group.secp384r1))] })));
    expectFailure(c, 'GroupNotOffered', 'illegal_parameter');
  });

  it('client rejects a key_share in P-256 when it offered only x25519 (supported_groups) with illegal_parameter', () => {
    const c = open({ groups: ['x25519'] });
    c.engine.receive(c.s.plain(serverHello({ sessionId: c.ch.sessionId, extensions: [supportedVersions(), keyShare(Group.secp256r1, someShare(Group.secp256r1))] })));
    expectFailure(c, 'GroupNotOffered', 'illegal_parameter');
  });

  it('client rejects a second HelloRetryRequest with unexpected_message (§4.1.4)', () => {
    const c = open({ groups: ['x25519', 'P-256'] });
    retry(c, Group.secp256r1);
    expect(c.engine.error).toBeUndefined();
    c.engine.receive(c.s.plain(serverHello({ random: HRR_RANDOM, sessionId: c.ch.sessionId, extensions: [supportedVersions(), hrrKeyShare(Group.secp256r1)] })));
    expectFailure(c, 'SecondHelloRetryRequest', 'unexpected_message');
  });

  it('client rejects a HelloRetryRequest for the group it already sent a share for with illegal_parameter (§4.2.8)', () => {
    const c = open({ groups: ['x25519', 'P-256'] });
    retry(c, Group.x25519);
    expectFailure(c, 'GroupNotOffered', 'illegal_parameter');
  });

  it('client rejects a ServerHello key_share for the group it offered but sent no share for with illegal_parameter (§4.2.8)', () => {
    const c = open({ groups: ['x25519', 'P-256'], keyShares: 1 });
    c.engine.receive(c.s.plain(serverHello({ sessionId: c.ch.sessionId, extensions: [supportedVersions(), keyShare(Group.secp256r1, someShare(Group.secp256r1))] })));
    expectFailure(c, 'GroupNotOffered', 'illegal_parameter');
  });

  it('client rejects a ServerHello key_share other than the group its HelloRetryRequest chose with illegal_parameter (§4.2.8)', () => {
    const c = open({ groups: ['x25519', 'P-256'] });
    retry(c, Group.secp256r1);
    c.engine.receive(c.s.plain(serverHello({ sessionId: c.ch.sessionId, extensions: [supportedVersions(), keyShare(Group.x25519, someShare(Group.x25519))] })));
    expectFailure(c, 'GroupNotOffered', 'illegal_parameter');
  });

  it('client rejects an x25519 key_share of the wrong length (a P-256 point) with illegal_parameter', () => {
    const c = open();
    c.engine.receive(c.s.plain(serverHello({ sessionId: c.ch.sessionId, extensions: [supportedVersions(), keyShare(Group.x25519, someShare(Group.secp256r1))] })));
    expectFailure(c, 'BadKeyShare', 'illegal_parameter');
  });

  it('client rejects an unsolicited pre_shared_key in ServerHello with unsupported_extension (§4.2)', () => {
    const c = open();
    const kx = keyExchange(Group.x25519, c.ch.shares.get(Group.x25519)!);
    c.engine.receive(c.s.plain(serverHello({ sessionId: c.ch.sessionId, extensions: [supportedVersions(), keyShare(Group.x25519, kx.share), ext(41, u16(0))] })));
    expectFailure(c, 'UnsupportedExtension', 'unsupported_extension');
  });
});

describe('after a failure', () => {
  it('client error is sticky: a failed engine takes no more bytes, sends nothing, reports the same error', () => {
    const c = open();
    c.engine.receive(hello(c, { legacyVersion: 0x0304 }));
    expectFailure(c, 'ProtocolVersion', 'protocol_version');
    c.engine.receive(c.s.flight());
    c.engine.write(text('more'));
    expect(c.engine.takeOutput().length).toBe(0);
    expect(c.engine.read().length).toBe(0);
    expect(c.engine.error?.codeName).toBe('ProtocolVersion');
    expect(c.engine.state).toBe('Failed');
  });
});

describe('EncryptedExtensions misbehaviour', () => {
  it.each([
    ['application_layer_protocol_negotiation (none offered)', ext(Ext.Alpn, vec16(vec8(text('h2'))))],
    ['quic_transport_parameters', ext(Ext.QuicTransportParameters, Buffer.alloc(0))],
  ])('client rejects an unsolicited %s in EncryptedExtensions with unsupported_extension (§4.2)', (_, extension) => {
    const c = open();
    expect(c.ch.extensions.has(Ext.Alpn)).toBe(false);
    c.engine.receive(hello(c));
    c.engine.receive(c.s.sealed(c.s.encryptedExtensions([extension])));
    expectFailure(c, 'UnsupportedExtension', 'unsupported_extension');
  });

  it('client rejects server_name twice in EncryptedExtensions with illegal_parameter (§4.2: one of each type)', () => {
    const c = open();
    expect(c.ch.extensions.has(Ext.ServerName)).toBe(true);
    c.engine.receive(hello(c));
    c.engine.receive(c.s.sealed(c.s.encryptedExtensions([ext(Ext.ServerName), ext(Ext.ServerName)])));
    expectFailure(c, 'DuplicateExtension', 'illegal_parameter');
  });
});

describe('record layer misbehaviour', () => {
  it('client rejects a protected record longer than 2^14 + 256 with record_overflow (§5.2)', () => {
    const c = open();
    c.engine.receive(hello(c));
    const len = 2 ** 14 + 257;
    c.engine.receive(Buffer.concat([u8(ContentType.ApplicationData), u16(0x0303), u16(len), Buffer.alloc(len)]));
    expectFailure(c, 'RecordOverflow', 'record_overflow');
  });

  it('client rejects a plaintext record longer than 2^14 with record_overflow (§5.1)', () => {
    const c = open();
    const len = 2 ** 14 + 1;
    c.engine.receive(Buffer.concat([u8(ContentType.Handshake), u16(0x0303), u16(len), Buffer.alloc(len)]));
    expectFailure(c, 'RecordOverflow', 'record_overflow');
  });

  it('client rejects a zero-length handshake fragment with unexpected_message (§5.1)', () => {
    const c = open();
    c.engine.receive(record(ContentType.Handshake, Buffer.alloc(0)));
    expectFailure(c, 'EmptyRecord', 'unexpected_message');
  });

  it('client rejects a protected handshake record with no content with unexpected_message (§5.4)', () => {
    const c = open();
    c.engine.receive(hello(c));
    c.engine.receive(c.s.write.seal(ContentType.Handshake, Buffer.alloc(0), 8));
    expectFailure(c, 'EmptyRecord', 'unexpected_message');
  });

  it('client rejects a ChangeCipherSpec after the handshake with unexpected_message (§5)', () => {
    const c = handshakeDone();
    c.engine.receive(record(ContentType.ChangeCipherSpec, u8(1)));
    expectFailure(c, 'UnexpectedChangeCipherSpec', 'unexpected_message');
  });

  it('client rejects a protected ChangeCipherSpec during the handshake with unexpected_message (§5)', () => {
    const c = open();
    c.engine.receive(hello(c));
    c.engine.receive(c.s.write.seal(ContentType.ChangeCipherSpec, u8(1)));
    expectFailure(c, 'UnexpectedChangeCipherSpec', 'unexpected_message');
  });

  it('client stops at a fatal alert mid-flight: reports the peer\'s handshake_failure, sends nothing back (§6.2)', () => {
    const c = open();
    c.engine.receive(hello(c));
    c.engine.receive(Buffer.concat([c.s.sealed(c.s.encryptedExtensions()), c.s.sealed(c.s.certificate()),
      c.s.write.seal(ContentType.Alert, alert(40))]));
    expectFailure(c, 'PeerAlert(handshake_failure)', 'handshake_failure');
    expect(c.engine.error?.origin).toBe('peer');
  });

  it('client rejects application data before the server\'s Finished with unexpected_message', () => {
    const c = open();
    c.engine.receive(hello(c));
    c.engine.receive(Buffer.concat([c.s.sealed(c.s.encryptedExtensions()), c.s.sealed(c.s.certificate()),
      c.s.sealed(c.s.certificateVerify()), c.s.write.seal(ContentType.ApplicationData, text('too early'))]));
    expectFailure(c, 'EarlyApplicationData', 'unexpected_message');
    expect(c.engine.read().length).toBe(0);
  });
});

describe('authentication misbehaviour', () => {
  it('client rejects Finished with one flipped bit with decrypt_error (§4.4.4)', () => {
    const c = open();
    c.engine.receive(hello(c));
    const fin = c.s.finished();
    fin[fin.length - 1] ^= 0x01;
    c.engine.receive(Buffer.concat([c.s.sealed(c.s.encryptedExtensions()), c.s.sealed(c.s.certificate()),
      c.s.sealed(c.s.certificateVerify()), c.s.sealed(fin)]));
    expectFailure(c, 'IncorrectFinished', 'decrypt_error');
  });

  it('client rejects a CertificateVerify signed by another key with decrypt_error (§4.4.3)', () => {
    const c = open();
    c.engine.receive(hello(c));
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    c.engine.receive(Buffer.concat([c.s.sealed(c.s.encryptedExtensions()), c.s.sealed(c.s.certificate()),
      c.s.sealed(c.s.certificateVerify(stranger))]));
    expectFailure(c, 'BadCertificateVerify', 'decrypt_error');
  });

  it('client rejects a certificate chaining to an untrusted root with unknown_ca', () => {
    const c = open({ ca: otherRoot });
    c.engine.receive(hello(c));
    const s = c.s;
    c.engine.receive(Buffer.concat([s.sealed(s.encryptedExtensions()), s.sealed(s.certificate([leafDer, rootDer]))]));
    expectFailure(c, 'ChainUnknownCa', 'unknown_ca');
    expect(c.engine.verdict?.code).toBe('UNKNOWN_ISSUER');
  });

  it('client rejects a certificate whose issuer name matches a trusted root but not its key with bad_certificate', () => {
    // The anchor is found by name, and the leaf's signature fails under its key: §6.2's bad_certificate
    // ("signatures that did not verify correctly") rather than unknown_ca.
    const c = open({ ca: impostorRoot });
    c.engine.receive(hello(c));
    const s = c.s;
    c.engine.receive(Buffer.concat([s.sealed(s.encryptedExtensions()), s.sealed(s.certificate([leafDer, rootDer]))]));
    expectFailure(c, 'ChainBadSignature', 'bad_certificate');
  });
});

describe('post-handshake misbehaviour', () => {
  /** One KeyUpdate (§4.6.3) under the current write keys, then the script moves its write keys on. */
  function keyUpdate(c: Conn, requested: number): Buffer {
    const rec = c.s.write.seal(ContentType.Handshake, handshake(HandshakeType.KeyUpdate, u8(requested)));
    c.s.write.update();
    return rec;
  }

  it('client answers an endless stream of requested KeyUpdates with one of its own while it sends nothing, and stays bounded (§4.6.3)', () => {
    const c = handshakeDone();
    const N = 2000;
    const answers = () => c.s.fromClient.filter((r) => r.type === ContentType.Handshake && r.content[0] === HandshakeType.KeyUpdate);
    for (let i = 0; i < N; i++) {
      c.engine.receive(keyUpdate(c, 1));
      c.s.takeClient(Buffer.from(c.engine.takeOutput()));
    }
    expect(c.engine.error).toBeUndefined();
    expect(answers()).toHaveLength(1);
    expect(answers()[0].content[4]).toBe(0); // update_not_requested
    // Both directions still work under the new keys.
    c.engine.write(text('still here'));
    c.s.takeClient(Buffer.from(c.engine.takeOutput()));
    expect(c.s.clientData().toString()).toBe('still here');
    c.engine.receive(c.s.write.seal(ContentType.ApplicationData, text('and here')));
    expect(Buffer.from(c.engine.read()).toString()).toBe('and here');
    // Data went out under those keys: the next request is answered again.
    c.engine.receive(keyUpdate(c, 1));
    c.s.takeClient(Buffer.from(c.engine.takeOutput()));
    expect(answers()).toHaveLength(2);
    expect(performance.now() - c.started).toBeLessThan(BOUND_MS);
  });

  it('client takes 2000 KeyUpdates in one burst (one receive call) without looping or failing', () => {
    const c = handshakeDone();
    const burst = Buffer.concat(Array.from({ length: 2000 }, () => keyUpdate(c, 1)));
    c.engine.receive(burst);
    c.s.takeClient(Buffer.from(c.engine.takeOutput()));
    expect(c.engine.error).toBeUndefined();
    c.engine.receive(c.s.write.seal(ContentType.ApplicationData, text('after the burst')));
    expect(Buffer.from(c.engine.read()).toString()).toBe('after the burst');
    c.engine.write(text('ok'));
    c.s.takeClient(Buffer.from(c.engine.takeOutput()));
    expect(c.s.clientData().toString()).toBe('ok');
    expect(performance.now() - c.started).toBeLessThan(BOUND_MS);
  });

  it('client rejects a KeyUpdate with request_update 2 with illegal_parameter (§4.6.3)', () => {
    const c = handshakeDone();
    c.engine.receive(keyUpdate(c, 2));
    expectFailure(c, 'IllegalParameter', 'illegal_parameter');
  });

  it.each([
    ['2^32 - 1 seconds', 0xffffffff],
    ['7 days + 1 second', 604801],
  ])('client ignores a NewSessionTicket with a lifetime of %s (> 7 days, §4.6.1) and keeps the connection', (_, lifetime) => {
    const c = handshakeDone();
    const body = Buffer.concat([u32(lifetime), u32(0x12345678), vec8(u8(0)), vec16(Buffer.alloc(64, 0xab)), vec16()]);
    c.engine.receive(c.s.write.seal(ContentType.Handshake, handshake(HandshakeType.NewSessionTicket, body)));
    expect(c.engine.error).toBeUndefined();
    expect(c.engine.state).toBe('Connected');
    c.engine.receive(c.s.write.seal(ContentType.ApplicationData, text('ticket ignored')));
    expect(Buffer.from(c.engine.read()).toString()).toBe('ticket ignored');
  });

  it('client waits for a peer that stops sending, then reports ConnectionClosed at EOF', () => {
    const c = open();
    for (let i = 0; i < 100; i++) c.engine.receive(Buffer.alloc(0));
    expect(c.engine.error).toBeUndefined();
    expect(c.engine.state).toBe('ExpectServerHello');
    expect(c.engine.takeOutput().length).toBe(0);
    c.engine.end();
    expect(c.engine.error?.codeName).toBe('ConnectionClosed');
    expect(c.engine.state).toBe('Failed');
    expect(performance.now() - c.started).toBeLessThan(BOUND_MS);
  });

  it('client waits for a peer that stops mid-record, then reports ConnectionClosed at EOF', () => {
    const c = open();
    c.engine.receive(hello(c).subarray(0, 20));
    expect(c.engine.error).toBeUndefined();
    expect(c.engine.state).toBe('ExpectServerHello');
    c.engine.end();
    expect(c.engine.error?.codeName).toBe('ConnectionClosed');
  });
});

describe('session resumption against the scripted server (RFC 8446 §2.2, §4.2.11, §4.6.1)', () => {
  const TICKET = Buffer.alloc(120, 0x5a);

  /** A full handshake whose server then sends one NewSessionTicket; the session the engine emitted, and the PSK the server computed. */
  function ticketed(t: Partial<Parameters<Script['newSessionTicket']>[0]> = {}): { session: Buffer | undefined; psk: Buffer; c: Conn } {
    const c = handshakeDone();
    let session: Buffer | undefined;
    c.engine.on('session', (s: Buffer) => (session = s));
    const { record, psk } = c.s.newSessionTicket({ ticket: TICKET, ageAdd: 0x01020304, ...t });
    c.engine.receive(record);
    expect(c.engine.error).toBeUndefined();
    return { session, psk, c };
  }

  /** A second connection offering the session; the script has read its ClientHello. */
  function reopen(session: Buffer, options: ClientEngineOptions = {}): Conn {
    return open({ session, ...options });
  }

  /** ServerHello taking identity `selected`, its key share, and the handshake keys from the PSK. */
  function resumedHello(c: Conn, psk: Buffer, selected = 0): Buffer {
    const kx = keyExchange(Group.x25519, c.ch.shares.get(Group.x25519)!);
    const rec = c.s.plain(serverHello({
      sessionId: c.ch.sessionId, extensions: [supportedVersions(), keyShare(Group.x25519, kx.share), ext(Ext.PreSharedKey, u16(selected))],
    }));
    c.s.handshakeKeys(kx.secret, psk);
    return rec;
  }

  it('a ticket becomes a session; the next ClientHello offers it last, with the age obfuscated and a binder the server verifies', () => {
    const { session, psk } = ticketed();
    expect(session).toBeDefined();
    const c = reopen(session!);
    expect(c.ch.extensions.get(Ext.PskKeyExchangeModes)).toEqual(Buffer.from([1, 1])); // psk_dhe_ke only (§4.2.9)
    const offer = checkPskOffer(c.ch, psk);
    expect(offer.last).toBe(true);
    expect(offer.binderValid).toBe(true);
    expect(offer.identities.map((i) => i.ticket)).toEqual([TICKET]);
    const ageMs = (offer.identities[0].age - 0x01020304) >>> 0;
    expect(ageMs).toBeLessThan(5000); // §4.2.11.1: milliseconds since the ticket, plus ticket_age_add
  });

  it('a resumed handshake: ServerHello with pre_shared_key, EncryptedExtensions, Finished, no certificate; data flows', () => {
    const { session, psk } = ticketed();
    const c = reopen(session!);
    c.engine.receive(resumedHello(c, psk));
    c.engine.receive(c.s.resumedFlight());
    expect(c.engine.error).toBeUndefined();
    expect(c.engine.state).toBe('Connected');
    expect(c.engine.resumed).toBe(true);
    c.s.takeClient(Buffer.from(c.engine.takeOutput()));
    c.engine.write(text('resumed'));
    c.s.takeClient(Buffer.from(c.engine.takeOutput()));
    expect(c.s.clientData().toString()).toBe('resumed');
  });

  it('client rejects a ServerHello pre_shared_key when it offered none, with unsupported_extension', () => {
    const c = open();
    const kx = keyExchange(Group.x25519, c.ch.shares.get(Group.x25519)!);
    c.engine.receive(c.s.plain(serverHello({
      sessionId: c.ch.sessionId, extensions: [supportedVersions(), keyShare(Group.x25519, kx.share), ext(Ext.PreSharedKey, u16(0))],
    })));
    expectFailure(c, 'UnsupportedExtension', 'unsupported_extension');
  });

  it('client rejects a selected_identity it did not offer (1 of 1), with illegal_parameter', () => {
    const { session, psk } = ticketed();
    const c = reopen(session!);
    c.engine.receive(resumedHello(c, psk, 1));
    expectFailure(c, 'BadPskSelection', 'illegal_parameter');
  });

  it('client rejects a Certificate after the server took the PSK, with unexpected_message (§2.2)', () => {
    const { session, psk } = ticketed();
    const c = reopen(session!);
    c.engine.receive(resumedHello(c, psk));
    c.engine.receive(Buffer.concat([c.s.sealed(c.s.encryptedExtensions()), c.s.sealed(c.s.certificate())]));
    expectFailure(c, 'UnexpectedMessage', 'unexpected_message');
  });

  it('a server that answers with the wrong PSK fails the client at its Finished (decrypt_error), never resumes', () => {
    const { session } = ticketed();
    const c = reopen(session!);
    c.engine.receive(resumedHello(c, Buffer.alloc(32, 7)));
    c.engine.receive(c.s.resumedFlight());
    expect(c.engine.error?.codeName).toMatch(/BadRecordMac|IncorrectFinished/);
    expect(c.engine.connected).toBe(false);
  });

  it('a declining server (full handshake, no pre_shared_key) is followed, and the status says declined', () => {
    const { session } = ticketed();
    const c = reopen(session!);
    c.engine.receive(hello(c));
    c.engine.receive(c.s.flight());
    expect(c.engine.error).toBeUndefined();
    expect(c.engine.connected).toBe(true);
    expect(c.engine.resumeStatus).toBe('declined');
    expect(c.engine.chainValidated).toBe(true);
  });

  it.each([
    ['a lifetime of 0 (discard at once)', { lifetime: 0 }],
    ['a ticket larger than the 4 KiB ticket buffer', { ticket: Buffer.alloc(5000, 1) }],
  ])('keeps no session from %s, and the connection goes on', (_, t) => {
    const { session, c } = ticketed(t);
    expect(session).toBeUndefined();
    expect(c.engine.ticketsReceived).toBe(1);
    expect(c.engine.state).toBe('Connected');
  });

  it('does not offer a session older than its lifetime (§4.6.1)', () => {
    const { session } = ticketed({ lifetime: 60 });
    const old = Buffer.from(session!);
    old.writeBigInt64LE(old.readBigInt64LE(16) - 61n, 16); // received 61 s earlier
    const c = reopen(old);
    expect(c.ch.extensions.has(Ext.PreSharedKey)).toBe(false);
    expect(c.engine.resumeStatus).toBe('expired');
  });

  it('does not offer a SHA-256 session when only a SHA-384 suite is offered (§4.2.11)', () => {
    const { session } = ticketed();
    const c = reopen(session!, { suites: ['TLS_AES_256_GCM_SHA384'] });
    expect(c.ch.extensions.has(Ext.PreSharedKey)).toBe(false);
    expect(c.engine.resumeStatus).toBe('suite-mismatch');
  });

  it('a session that is not one (a truncated or foreign byte string) is refused at configuration', () => {
    const { session } = ticketed();
    expect(() => reopen(session!.subarray(0, 60))).toThrow(RangeError);
    expect(() => reopen(Buffer.alloc(300, 0))).toThrow(RangeError);
  });
});

describe('a NewSessionTicket larger than the handshake buffer (a small device, a server with big tickets)', () => {
  it('is skipped, not fatal: the connection goes on, split across records or not', () => {
    const c = handshakeDone({ handshakeBuffer: 1024 });
    const { record } = c.s.newSessionTicket({ ticket: Buffer.alloc(3000, 0x33) });
    expect(c.engine.error).toBeUndefined();
    c.engine.receive(record);
    expect(c.engine.error).toBeUndefined();
    expect(c.engine.ticketsReceived).toBe(1);
    const msg = handshake(HandshakeType.NewSessionTicket, Buffer.concat([u32(60), u32(0), vec8(), vec16(Buffer.alloc(2500, 2)), vec16()]));
    for (const [from, to] of [[0, 3], [3, 1200], [1200, msg.length]]) c.engine.receive(c.s.write.seal(ContentType.Handshake, msg.subarray(from, to)));
    expect(c.engine.error).toBeUndefined();
    expect(c.engine.ticketsReceived).toBe(2);
    c.engine.receive(c.s.write.seal(ContentType.ApplicationData, text('still here')));
    expect(Buffer.from(c.engine.read()).toString()).toBe('still here');
  });

  it('application data in the middle of a skipped ticket is refused with unexpected_message (§5.1)', () => {
    const c = handshakeDone({ handshakeBuffer: 1024 });
    const msg = handshake(HandshakeType.NewSessionTicket, Buffer.concat([u32(60), u32(0), vec8(), vec16(Buffer.alloc(3000, 1)), vec16()]));
    c.engine.receive(c.s.write.seal(ContentType.Handshake, msg.subarray(0, 1500)));
    expect(c.engine.error).toBeUndefined();
    c.engine.receive(c.s.write.seal(ContentType.ApplicationData, text('interleaved')));
    expectFailure(c, 'UnexpectedMessage', 'unexpected_message');
  });
});

describe('fields the engine does not copy into its state (echoed in place, or required empty)', () => {
  it('echoes a 1,000-byte HelloRetryRequest cookie in the second ClientHello, byte for byte (§4.2.2)', () => {
    const c = open({ groups: ['x25519', 'P-256'] });
    const cookie = Buffer.alloc(1000, 0xc0);
    c.s.hashFirstClientHello();
    c.engine.receive(c.s.plain(serverHello({
      random: HRR_RANDOM, sessionId: c.ch.sessionId, extensions: [supportedVersions(), hrrKeyShare(Group.secp256r1), ext(Ext.Cookie, vec16(cookie))],
    })));
    expect(c.engine.error).toBeUndefined();
    c.ch = c.s.takeClientHello(Buffer.from(c.engine.takeOutput()));
    expect(c.ch.extensions.get(Ext.Cookie)).toEqual(vec16(cookie));
  });

  it('client rejects a CertificateRequest whose certificate_request_context is not empty, with illegal_parameter (§4.3.2)', () => {
    const CERTIFICATE_REQUEST = 13;
    const signatureAlgorithms = ext(Ext.SignatureAlgorithms, vec16(u16(0x0403)));
    const c = open();
    c.engine.receive(hello(c));
    c.engine.receive(Buffer.concat([
      c.s.sealed(c.s.encryptedExtensions()),
      c.s.sealed(handshake(CERTIFICATE_REQUEST, Buffer.concat([vec8(text('ctx')), vec16(signatureAlgorithms)]))),
    ]));
    expectFailure(c, 'IllegalParameter', 'illegal_parameter');
  });
});
