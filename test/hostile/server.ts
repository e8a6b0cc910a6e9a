// A scripted TLS 1.3 server for the hostile-server suite: it speaks raw bytes
// and shares no code with the engine. Its own encoder writes records,
// handshake messages and extensions in the shape of RFC 8446's structs; the
// key schedule (§7.1), record protection (§5.2, AES-128-GCM only), X25519 and
// P-256 key exchange and the ECDSA CertificateVerify (§4.4.3) all come from
// node:crypto. Each step is a method the test calls in the order it wants, so
// a case can skip, repeat, reorder or corrupt any of them.
import {
  createCipheriv, createDecipheriv, createECDH, createHash, createHmac, createPrivateKey, createPublicKey,
  diffieHellman, generateKeyPairSync, randomBytes, sign, type KeyObject,
} from 'node:crypto';

export const ContentType = { ChangeCipherSpec: 20, Alert: 21, Handshake: 22, ApplicationData: 23 } as const;
export const HandshakeType = {
  ClientHello: 1, ServerHello: 2, NewSessionTicket: 4, EncryptedExtensions: 8, Certificate: 11,
  CertificateVerify: 15, Finished: 20, KeyUpdate: 24, MessageHash: 254,
} as const;
export const Ext = {
  ServerName: 0, SupportedGroups: 10, SignatureAlgorithms: 13, Alpn: 16, SupportedVersions: 43, Cookie: 44,
  PreSharedKey: 41, EarlyData: 42, PskKeyExchangeModes: 45, KeyShare: 51, QuicTransportParameters: 57,
} as const;
export const Group = { x25519: 0x001d, secp256r1: 0x0017, secp384r1: 0x0018 } as const;
export const TLS_AES_128_GCM_SHA256 = 0x1301;
/** §4.1.3: SHA-256("HelloRetryRequest"), the random of every HelloRetryRequest. */
export const HRR_RANDOM = createHash('sha256').update('HelloRetryRequest').digest();

// ---- encoding: nested vectors written as the RFC's structs are ----
export const u8 = (n: number) => Buffer.from([n & 0xff]);
export const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
export const u24 = (n: number) => Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
export const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0); return b; };
export const vec8 = (...p: Buffer[]) => { const b = Buffer.concat(p); return Buffer.concat([u8(b.length), b]); };
export const vec16 = (...p: Buffer[]) => { const b = Buffer.concat(p); return Buffer.concat([u16(b.length), b]); };
export const vec24 = (...p: Buffer[]) => { const b = Buffer.concat(p); return Buffer.concat([u24(b.length), b]); };
/** struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; } Extension (§4.2). */
export const ext = (type: number, data: Buffer = Buffer.alloc(0)) => Buffer.concat([u16(type), vec16(data)]);
/** struct { HandshakeType msg_type; uint24 length; body } Handshake (§4). */
export const handshake = (type: number, body: Buffer) => Buffer.concat([u8(type), vec24(body)]);
/** TLSPlaintext (§5.1): type, legacy_record_version 0x0303, length, fragment. */
export const record = (type: number, fragment: Buffer, version = 0x0303) => Buffer.concat([u8(type), u16(version), vec16(fragment)]);
export const alert = (description: number, level = 2) => Buffer.from([level, description]);

// ---- key schedule (§7.1), SHA-256 ----
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();
const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();
const extract = (salt: Buffer, ikm: Buffer) => hmac(salt, ikm);
function expand(prk: Buffer, info: Buffer, length: number): Buffer {
  const out: Buffer[] = [];
  let t = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(out).length < length; i++) out.push((t = hmac(prk, Buffer.concat([t, info, u8(i)]))));
  return Buffer.concat(out).subarray(0, length);
}
/** HKDF-Expand-Label (§7.1): struct { uint16 length; opaque label<7..255>; opaque context<0..255>; }. */
export const expandLabel = (secret: Buffer, label: string, context: Buffer, length: number) =>
  expand(secret, Buffer.concat([u16(length), vec8(Buffer.from(`tls13 ${label}`)), vec8(context)]), length);
const deriveSecret = (secret: Buffer, label: string, transcriptHash: Buffer) => expandLabel(secret, label, transcriptHash, 32);

/** One direction's AES-128-GCM record protection (§5.2, §5.3). */
export class Protection {
  key!: Buffer;
  iv!: Buffer;
  seq = 0n;
  constructor(public secret: Buffer) { this.install(); }
  install(): void {
    this.key = expandLabel(this.secret, 'key', Buffer.alloc(0), 16);
    this.iv = expandLabel(this.secret, 'iv', Buffer.alloc(0), 12);
    this.seq = 0n;
  }
  /** §4.6.3: application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length). */
  update(): void {
    this.secret = expandLabel(this.secret, 'traffic upd', Buffer.alloc(0), 32);
    this.install();
  }
  #nonce(): Buffer {
    const n = Buffer.from(this.iv);
    const s = Buffer.alloc(8);
    s.writeBigUInt64BE(this.seq++);
    for (let i = 0; i < 8; i++) n[4 + i] ^= s[i];
    return n;
  }
  /** TLSCiphertext of TLSInnerPlaintext { content, type, zeros } (§5.2). */
  seal(type: number, content: Buffer, padding = 0): Buffer {
    const inner = Buffer.concat([content, u8(type), Buffer.alloc(padding)]);
    const header = Buffer.concat([u8(ContentType.ApplicationData), u16(0x0303), u16(inner.length + 16)]);
    const c = createCipheriv('aes-128-gcm', this.key, this.#nonce());
    c.setAAD(header);
    return Buffer.concat([header, c.update(inner), c.final(), c.getAuthTag()]);
  }
  open(rec: Buffer): { type: number; content: Buffer } {
    const header = rec.subarray(0, 5);
    const body = rec.subarray(5);
    const d = createDecipheriv('aes-128-gcm', this.key, this.#nonce());
    d.setAAD(header);
    d.setAuthTag(body.subarray(body.length - 16));
    const inner = Buffer.concat([d.update(body.subarray(0, body.length - 16)), d.final()]);
    let end = inner.length - 1;
    while (end >= 0 && inner[end] === 0) end--;
    return { type: inner[end], content: inner.subarray(0, end) };
  }
}

/** Records of a byte stream (whole records only). */
export function splitRecords(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at + 5 <= bytes.length;) {
    const len = bytes.readUInt16BE(at + 3);
    out.push(bytes.subarray(at, at + 5 + len));
    at += 5 + len;
  }
  return out;
}

/** Handshake messages in a byte run: [type, whole message]. */
export function splitHandshake(bytes: Buffer): { type: number; msg: Buffer }[] {
  const out: { type: number; msg: Buffer }[] = [];
  for (let at = 0; at + 4 <= bytes.length;) {
    const len = bytes.readUIntBE(at + 1, 3);
    out.push({ type: bytes[at], msg: bytes.subarray(at, at + 4 + len) });
    at += 4 + len;
  }
  return out;
}

export interface ClientHello {
  msg: Buffer;
  random: Buffer;
  sessionId: Buffer;
  suites: number[];
  /** extension type -> data, in order. */
  extensions: Map<number, Buffer>;
  groups: number[];
  /** group -> key_exchange. */
  shares: Map<number, Buffer>;
}

export function parseClientHello(msg: Buffer): ClientHello {
  if (msg[0] !== HandshakeType.ClientHello) throw new Error(`expected ClientHello, got handshake type ${msg[0]}`);
  let at = 4 + 2;
  const random = msg.subarray(at, at + 32);
  at += 32;
  const sessionId = msg.subarray(at + 1, at + 1 + msg[at]);
  at += 1 + msg[at];
  const suitesLen = msg.readUInt16BE(at);
  const suites: number[] = [];
  for (let i = 0; i < suitesLen; i += 2) suites.push(msg.readUInt16BE(at + 2 + i));
  at += 2 + suitesLen;
  at += 1 + msg[at]; // legacy_compression_methods
  const end = at + 2 + msg.readUInt16BE(at);
  at += 2;
  const extensions = new Map<number, Buffer>();
  while (at < end) {
    const type = msg.readUInt16BE(at);
    const len = msg.readUInt16BE(at + 2);
    extensions.set(type, msg.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  const groups: number[] = [];
  const g = extensions.get(Ext.SupportedGroups) ?? Buffer.alloc(2);
  for (let i = 2; i < g.length; i += 2) groups.push(g.readUInt16BE(i));
  const shares = new Map<number, Buffer>();
  const ks = extensions.get(Ext.KeyShare) ?? Buffer.alloc(2);
  for (let i = 2; i < ks.length;) {
    const len = ks.readUInt16BE(i + 2);
    shares.set(ks.readUInt16BE(i), ks.subarray(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return { msg, random, sessionId, suites, extensions, groups, shares };
}

/** The server's half of an (EC)DHE exchange: its public share and the shared secret. */
export function keyExchange(group: number, peer: Buffer): { share: Buffer; secret: Buffer } {
  if (group === Group.x25519) {
    const { publicKey, privateKey } = generateKeyPairSync('x25519');
    const share = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    const peerKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: peer.toString('base64url') }, format: 'jwk' });
    return { share, secret: diffieHellman({ privateKey, publicKey: peerKey }) };
  }
  if (group === Group.secp256r1) {
    const ecdh = createECDH('prime256v1');
    const share = ecdh.generateKeys();
    return { share, secret: ecdh.computeSecret(peer) };
  }
  throw new Error(`no key exchange for group ${group}`);
}

/** A fresh public share for a group, with no secret kept (for shares the client must refuse). */
export function someShare(group: number): Buffer {
  if (group === Group.x25519) return Buffer.from(generateKeyPairSync('x25519').publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const ecdh = createECDH(group === Group.secp384r1 ? 'secp384r1' : 'prime256v1');
  return ecdh.generateKeys();
}

export interface ServerHelloFields {
  legacyVersion?: number;
  random?: Buffer;
  sessionId?: Buffer;
  suite?: number;
  compression?: number;
  /** Extensions, already encoded (ext()). */
  extensions: Buffer[];
}

/** struct { ProtocolVersion legacy_version; Random random; ... } ServerHello (§4.1.3). */
export function serverHello(f: ServerHelloFields): Buffer {
  return handshake(HandshakeType.ServerHello, Buffer.concat([
    u16(f.legacyVersion ?? 0x0303), f.random ?? randomBytes(32), vec8(f.sessionId ?? Buffer.alloc(0)),
    u16(f.suite ?? TLS_AES_128_GCM_SHA256), u8(f.compression ?? 0), vec16(...f.extensions),
  ]));
}
export const supportedVersions = (v = 0x0304) => ext(Ext.SupportedVersions, u16(v));
export const keyShare = (group: number, share: Buffer) => ext(Ext.KeyShare, Buffer.concat([u16(group), vec16(share)]));
/** HelloRetryRequest's key_share: the selected group only (§4.2.8). */
export const hrrKeyShare = (group: number) => ext(Ext.KeyShare, u16(group));

/** The server's side of a connection: transcript, secrets, and both directions' protection. */
export class Script {
  /** Handshake messages in order, for the transcript hash (§4.4.1). */
  transcript: Buffer[] = [];
  ch!: ClientHello;
  hsSecret!: Buffer;
  write!: Protection;
  read!: Protection;
  clientHsSecret!: Buffer;
  serverHsSecret!: Buffer;
  masterSecret!: Buffer;
  clientApSecret!: Buffer;
  /** Client records decrypted so far: [type, content]. */
  fromClient: { type: number; content: Buffer }[] = [];

  constructor(readonly key: KeyObject, readonly chain: Buffer[]) {}

  hash(): Buffer {
    return sha256(Buffer.concat(this.transcript));
  }

  /** Reads the ClientHello (the first client flight). */
  takeClientHello(bytes: Buffer): ClientHello {
    const recs = splitRecords(bytes).filter((r) => r[0] === ContentType.Handshake);
    const msgs = splitHandshake(Buffer.concat(recs.map((r) => r.subarray(5))));
    const ch = parseClientHello(msgs[0].msg);
    this.transcript.push(ch.msg);
    this.ch = ch;
    return ch;
  }

  /** §4.4.1: after a HelloRetryRequest, ClientHello1 is replaced by message_hash(Hash(ClientHello1)). */
  hashFirstClientHello(): void {
    const ch1 = this.transcript.shift()!;
    this.transcript.unshift(handshake(HandshakeType.MessageHash, sha256(ch1)));
  }

  /** A plaintext handshake record carrying msg, added to the transcript. */
  plain(msg: Buffer): Buffer {
    this.transcript.push(msg);
    return record(ContentType.Handshake, msg);
  }

  /** §7.1: the handshake secrets from the (EC)DHE secret (and a resumption PSK); transcript is through ServerHello. */
  handshakeKeys(ecdhe: Buffer, psk?: Buffer): void {
    const zero = Buffer.alloc(32);
    const early = extract(zero, psk ?? zero);
    const derived = deriveSecret(early, 'derived', sha256(Buffer.alloc(0)));
    this.hsSecret = extract(derived, ecdhe);
    const th = this.hash();
    this.clientHsSecret = deriveSecret(this.hsSecret, 'c hs traffic', th);
    this.serverHsSecret = deriveSecret(this.hsSecret, 's hs traffic', th);
    this.write = new Protection(this.serverHsSecret);
    this.read = new Protection(this.clientHsSecret);
    this.masterSecret = extract(deriveSecret(this.hsSecret, 'derived', sha256(Buffer.alloc(0))), zero);
  }

  /** An encrypted handshake record carrying msg, added to the transcript. */
  sealed(msg: Buffer): Buffer {
    this.transcript.push(msg);
    return this.write.seal(ContentType.Handshake, msg);
  }

  encryptedExtensions(extensions: Buffer[] = []): Buffer {
    return handshake(HandshakeType.EncryptedExtensions, vec16(...extensions));
  }

  /** Certificate (§4.4.2): empty context, each entry with no extensions. */
  certificate(chain = this.chain): Buffer {
    return handshake(HandshakeType.Certificate, Buffer.concat([vec8(), vec24(...chain.map((c) => Buffer.concat([vec24(c), vec16()])))]));
  }

  /** CertificateVerify (§4.4.3): ecdsa_secp256r1_sha256 over 64 spaces, the context string, 0, Hash(transcript). */
  certificateVerify(key = this.key): Buffer {
    const content = Buffer.concat([Buffer.alloc(64, 0x20), Buffer.from('TLS 1.3, server CertificateVerify'), u8(0), this.hash()]);
    return handshake(HandshakeType.CertificateVerify, Buffer.concat([u16(0x0403), vec16(sign('sha256', content, key))]));
  }

  /** Finished (§4.4.4): HMAC(finished_key, Transcript-Hash(through CertificateVerify)). */
  finished(): Buffer {
    const fk = expandLabel(this.serverHsSecret, 'finished', Buffer.alloc(0), 32);
    return handshake(HandshakeType.Finished, hmac(fk, this.hash()));
  }

  /** After the server's Finished is in the transcript: the application secrets; write switches now. */
  applicationKeys(): void {
    const th = this.hash();
    this.clientApSecret = deriveSecret(this.masterSecret, 'c ap traffic', th);
    this.write = new Protection(deriveSecret(this.masterSecret, 's ap traffic', th));
  }

  /** The whole server flight after ServerHello, as one string of records. */
  flight(): Buffer {
    const out = [this.sealed(this.encryptedExtensions()), this.sealed(this.certificate()), this.sealed(this.certificateVerify())];
    out.push(this.sealed(this.finished()));
    this.applicationKeys();
    return Buffer.concat(out);
  }

  /**
   * Reads the client's records: ChangeCipherSpec is skipped (§D.4); the client
   * Finished is checked and switches reading to the application keys; a
   * KeyUpdate from the client moves its read keys on (§4.6.3).
   */
  takeClient(bytes: Buffer): void {
    for (const rec of splitRecords(bytes)) {
      if (rec[0] === ContentType.ChangeCipherSpec) continue;
      if (rec[0] !== ContentType.ApplicationData) {
        this.fromClient.push({ type: rec[0], content: rec.subarray(5) });
        continue;
      }
      const inner = this.read.open(rec);
      this.fromClient.push(inner);
      if (inner.type !== ContentType.Handshake) continue;
      for (const { type, msg } of splitHandshake(inner.content)) {
        if (type === HandshakeType.Finished) {
          const fk = expandLabel(this.clientHsSecret, 'finished', Buffer.alloc(0), 32);
          if (!hmac(fk, this.hash()).equals(msg.subarray(4))) throw new Error('client Finished does not verify');
          this.transcript.push(msg);
          this.read = new Protection(this.clientApSecret);
        } else if (type === HandshakeType.KeyUpdate) {
          this.read.update();
        }
      }
    }
  }

  /**
   * NewSessionTicket (§4.6.1) sealed under the application keys, and the PSK
   * it stands for: HKDF-Expand-Label(resumption_master_secret, "resumption",
   * nonce); the transcript must run through the client's Finished.
   */
  newSessionTicket(t: { lifetime?: number; ageAdd?: number; nonce?: Buffer; ticket: Buffer; extensions?: Buffer[] }): { record: Buffer; psk: Buffer } {
    const nonce = t.nonce ?? Buffer.from([0, 1]);
    const body = Buffer.concat([u32(t.lifetime ?? 7200), u32(t.ageAdd ?? 0), vec8(nonce), vec16(t.ticket), vec16(...(t.extensions ?? []))]);
    const resMaster = deriveSecret(this.masterSecret, 'res master', this.hash());
    return { record: this.write.seal(ContentType.Handshake, handshake(HandshakeType.NewSessionTicket, body)), psk: expandLabel(resMaster, 'resumption', nonce, 32) };
  }

  /** The flight of a resumed handshake (§2.2): no Certificate, no CertificateVerify. */
  resumedFlight(): Buffer {
    const out = [this.sealed(this.encryptedExtensions()), this.sealed(this.finished())];
    this.applicationKeys();
    return Buffer.concat(out);
  }

  /** Application data the client sent, in order. */
  clientData(): Buffer {
    return Buffer.concat(this.fromClient.filter((r) => r.type === ContentType.ApplicationData).map((r) => r.content));
  }
}

/**
 * The client's pre_shared_key (§4.2.11): identities, and whether its binder is
 * HMAC(finished_key(binder_key), Hash(ClientHello up to the binders)) for psk.
 */
export function checkPskOffer(ch: ClientHello, psk: Buffer): { identities: { ticket: Buffer; age: number }[]; binderValid: boolean; last: boolean } {
  const data = ch.extensions.get(Ext.PreSharedKey);
  if (!data) throw new Error('no pre_shared_key in ClientHello');
  const identities: { ticket: Buffer; age: number }[] = [];
  const idsEnd = 2 + data.readUInt16BE(0);
  for (let at = 2; at < idsEnd;) {
    const n = data.readUInt16BE(at);
    identities.push({ ticket: data.subarray(at + 2, at + 2 + n), age: data.readUInt32BE(at + 2 + n) });
    at += 2 + n + 4;
  }
  const binder = data.subarray(idsEnd + 3, idsEnd + 3 + data[idsEnd + 2]);
  const truncated = ch.msg.subarray(0, ch.msg.length - (data.length - idsEnd));
  const early = extract(Buffer.alloc(32), psk);
  const binderKey = deriveSecret(early, 'res binder', sha256(Buffer.alloc(0)));
  const expected = hmac(expandLabel(binderKey, 'finished', Buffer.alloc(0), 32), sha256(truncated));
  return { identities, binderValid: expected.equals(binder), last: [...ch.extensions.keys()].at(-1) === Ext.PreSharedKey };
}

export { createPrivateKey };
