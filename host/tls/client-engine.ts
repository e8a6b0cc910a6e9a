// ClientEngine: the sans-IO TLS 1.3 client engine (assembly/tls/engine.ts) for
// Node. Each engine is its own WebAssembly instance of the one compiled
// module, so its context and buffers may use all the memory past the module's
// static data. Bytes in (receive), bytes out (takeOutput), plaintext in
// (write) and out (read); the engine does no I/O. Randomness comes from
// node:crypto and time from Date, through the module's imports.
import { EventEmitter } from 'node:events';
import { engineImports, engineModule, type EngineExports } from '../engine.js';
import { TlsError } from './errors.js';
import { describeVerdict, type ChainVerdict } from './verdict.js';
import { concat } from '../bytes.js';
import { ipAddressBytes, pemCertificates } from '../pem.js';
import { createPrivateKey } from 'node:crypto';

/** Engine state word bits (assembly/tls/engine.ts EngineState). */
const SENDREC = 1;
const RECVREC = 2;
const SENDAPP = 4;
const RECVAPP = 8;
const CLOSED = 16;

export const HANDSHAKE_STATES = [
  'Idle', 'ExpectServerHello', 'ExpectEncryptedExtensions', 'ExpectCertificateOrRequest', 'ExpectCertificate',
  'ExpectCertificateVerify', 'ExpectFinished', 'Connected', 'Closed', 'Failed',
] as const;
export type HandshakeState = (typeof HANDSHAKE_STATES)[number];

export const SUITES = {
  TLS_AES_128_GCM_SHA256: 0x1301,
  TLS_AES_256_GCM_SHA384: 0x1302,
  TLS_CHACHA20_POLY1305_SHA256: 0x1303,
} as const;
export type SuiteName = keyof typeof SUITES;
export const GROUPS = { x25519: 0x001d, 'P-256': 0x0017 } as const;
export type GroupName = keyof typeof GROUPS;
const SCHEMES: Record<number, string> = {
  0x0403: 'ecdsa_secp256r1_sha256', 0x0503: 'ecdsa_secp384r1_sha384', 0x0807: 'ed25519',
  0x0804: 'rsa_pss_rsae_sha256', 0x0805: 'rsa_pss_rsae_sha384', 0x0806: 'rsa_pss_rsae_sha512',
};

/** A certificate or several: DER bytes, or PEM text (any number of blocks). */
export type CertificateList = string | Uint8Array | Array<string | Uint8Array>;

export interface ClientEngineOptions {
  /** server_name (SNI); also the name the certificate must be for (unless checkHost says otherwise). */
  servername?: string;
  /** The name or IP address the server's certificate must be for, when not the servername (e.g. an IP). */
  checkHost?: string;
  /** Trust anchors (PEM or DER; node:tls's `ca`): up to 8 kept (2 in a small verifierSize). None: every chain is UNKNOWN_ISSUER. */
  ca?: CertificateList | Buffer;
  /**
   * true (default): a chain the validator refuses fails the handshake with its alert. false: the handshake
   * goes on and `verdict` says what the validator concluded (node:tls rejectUnauthorized: false).
   */
  rejectUnauthorized?: boolean;
  /** Our certificate chain for client authentication (PEM, leaf first, or DER): an ECDSA P-256 leaf. */
  cert?: CertificateList | Buffer;
  /** The leaf's private key: PEM (PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY"), P-256 only. */
  key?: string | Buffer;
  /**
   * Bytes of the X.509 validator context (default the full budget, x509CtxSize(); at least x509CtxMinSize()).
   * Under x509CtxFullMinSize() it keeps 3 of the server's certificates and 2 anchors, else 8 and 8.
   */
  verifierSize?: number;
  /** ALPN protocols, most preferred first. */
  ALPNProtocols?: string[];
  /** Cipher suites to offer, in order (default: all three). */
  suites?: SuiteName[];
  /** Groups to offer, in order (default: x25519, P-256). */
  groups?: GroupName[];
  /** Key shares in the first ClientHello (1 or 2; default 1: the first group). */
  keyShares?: 1 | 2;
  /** Receive (and, unless sendBuffer says otherwise, send) buffer size in bytes (default 16 KiB + 256 + 5: any record). */
  recordBuffer?: number;
  /**
   * Send buffer size (default recordBuffer). It holds our largest flight: the ClientHello (about 300 bytes,
   * plus ALPN, SNI and a resumed session's ticket) or, with a client certificate, the certificate chain.
   */
  sendBuffer?: number;
  /** Handshake message buffer (default 16 KiB: the largest message, or certificate of a Certificate message). */
  handshakeBuffer?: number;
  /** Time certificates are checked at (default: now). */
  time?: Date;
  /**
   * Fills `out` with the engine's randomness (default node:crypto randomFillSync). Only for
   * replaying recorded sessions (fuzz/sessions): a fixed stream makes the same ClientHello and key share.
   */
  random?: (out: Uint8Array) => void;
  /**
   * A session to resume, as a 'session' event gave it (node:tls `session`). It is offered only to the
   * server name it was issued for; `resumeStatus` says what became of it.
   */
  session?: Uint8Array;
  /** Keep the server's tickets and emit 'session' for each (default true; false: servers are told nothing). */
  tickets?: boolean;
}

/** What became of an offered session (assembly/tls/session.ts ResumeStatus). */
export const RESUME_STATUSES = ['none', 'offered', 'accepted', 'declined', 'expired', 'suite-mismatch'] as const;
export type ResumeStatus = (typeof RESUME_STATUSES)[number];

/** Room for the engine's session (80-byte header + ticket) in either direction. */
const SESSION_CAP = 4096;

const utf8 = new TextEncoder();

export class ClientEngine extends EventEmitter {
  readonly #e: EngineExports;
  readonly #ctx: number;
  readonly #input: Uint8Array[] = [];
  readonly #output: Uint8Array[] = [];
  readonly #plaintext: Uint8Array[] = [];
  readonly #appOut: Uint8Array[] = [];
  #lastState: HandshakeState = 'Idle';
  #error: TlsError | undefined;
  readonly #x509: number;
  readonly #leaf: number;
  readonly #leafCap = 16384;
  readonly #sessionAt: number;
  #ticketsStored = 0;
  #keyUpdates = 0;
  readonly #servername: string;
  /** The leaf certificate of a resumed session (none is sent in a resumed handshake). */
  #resumedLeaf: Uint8Array | undefined;
  readonly #scratchAt: number;
  readonly #expected: string;
  /** Sizes the engine uses: context, receive and send buffers, handshake buffer, X.509 validator context. */
  readonly sizes: { context: number; recordBuffer: number; sendBuffer: number; handshakeBuffer: number; verifier: number; total: number };

  constructor(options: ClientEngineOptions = {}) {
    super();
    let exportsRef: EngineExports | undefined;
    const instance = new WebAssembly.Instance(engineModule, engineImports(() => exportsRef!.memory, undefined, options.random));
    this.#e = exportsRef = instance.exports as unknown as EngineExports;
    (this.#e as any)._initialize?.();
    const e = this.#e;
    const recordBuffer = options.recordBuffer ?? 16384 + 256 + 5;
    const sendBuffer = options.sendBuffer ?? recordBuffer;
    const handshakeBuffer = options.handshakeBuffer ?? 16384;
    const verifier = options.verifierSize ?? e.x509CtxSize();
    const align = (n: number) => (n + 15) & ~15;
    const ctx = e.arenaPtr();
    const recv = ctx + align(e.tlsClientCtxSize());
    const send = recv + align(recordBuffer);
    const hs = send + align(sendBuffer);
    const x509 = hs + align(handshakeBuffer);
    const leaf = x509 + align(verifier);
    // Past the leaf buffer: the session in or out, then our own certificate chain (client authentication).
    this.#sessionAt = leaf + this.#leafCap;
    this.#scratchAt = this.#sessionAt + SESSION_CAP;
    if (this.#scratchAt + 4096 > e.memory.buffer.byteLength) throw new RangeError('recordBuffer, sendBuffer, handshakeBuffer and verifierSize do not fit the engine memory');
    this.#ctx = ctx;
    this.#x509 = x509;
    this.#leaf = leaf;
    this.sizes = {
      context: e.tlsClientCtxSize(), recordBuffer, sendBuffer, handshakeBuffer, verifier,
      total: e.tlsClientCtxSize() + recordBuffer + sendBuffer + handshakeBuffer + verifier,
    };
    this.#check(e.tlsClientInit(ctx, recv, recordBuffer, send, sendBuffer, hs, handshakeBuffer));
    if (options.servername) {
      const name = utf8.encode(options.servername);
      this.#check(e.tlsClientSetServerName(ctx, this.#scratch(name), name.length));
    }
    if (options.ALPNProtocols?.length) {
      const parts = options.ALPNProtocols.map((p) => utf8.encode(p));
      const list = new Uint8Array(parts.reduce((n, p) => n + 1 + p.length, 0));
      let at = 0;
      for (const part of parts) {
        list[at++] = part.length;
        list.set(part, at);
        at += part.length;
      }
      this.#check(e.tlsClientSetAlpn(ctx, this.#scratch(list), list.length));
    }
    if (options.suites) {
      const [a = 0, b = 0, c = 0] = options.suites.map((s) => SUITES[s]);
      this.#check(e.tlsClientSetSuites(ctx, a, b, c));
    }
    if (options.groups || options.keyShares) {
      const [a = 0, b = 0] = (options.groups ?? ['x25519', 'P-256']).map((g) => GROUPS[g]);
      this.#check(e.tlsClientSetGroups(ctx, a, b, options.keyShares ?? 1));
    }
    if (options.time) {
      const s = BigInt(Math.floor(options.time.getTime() / 1000));
      this.#check(e.tlsClientSetTime(ctx, Number(s & 0xffffffffn), Number(s >> 32n)));
    }
    // The certificate check: the name asked for (RFC 6125 §6), the anchors.
    const check = options.checkHost ?? options.servername ?? '';
    this.#expected = check;
    const address = ipAddressBytes(check);
    const ip = address ?? new Uint8Array(0);
    const name = address === null ? utf8.encode(check.replace(/\.$/, '')) : new Uint8Array(0);
    const nameAt = this.#scratch(name);
    const ipAt = this.#scratch(ip, 512);
    const mode = options.rejectUnauthorized === false ? 2 : 1;
    // Both empty: the engine falls back to the SNI, which is then empty too: no name is checked.
    this.#check(e.tlsClientSetVerifier(ctx, x509, verifier, nameAt, name.length, ipAt, ip.length, mode));
    for (const der of certificateList(options.ca, 'ca')) {
      if (der.length > this.#leafCap) throw new RangeError(`ca: a certificate of ${der.length} bytes is larger than ${this.#leafCap}`);
      const code = e.tlsClientAddTrustAnchor(ctx, this.#scratch(der), der.length);
      if (code !== 0) {
        throw new RangeError(`ca: a trust anchor is malformed, or does not fit the verifier context (${verifier} bytes; at most ${e.x509Slots(x509) >> 8} anchors)`);
      }
    }
    this.#check(e.tlsClientSetLeafBuffer(ctx, leaf, this.#leafCap));
    this.#servername = options.servername ?? '';
    if (options.tickets !== false) this.#check(e.tlsClientSetTicketBuffer(ctx, this.#sessionAt, SESSION_CAP));
    if (options.session !== undefined) this.#resume(options.session);
    if (options.cert !== undefined || options.key !== undefined) {
      if (options.cert === undefined || options.key === undefined) throw new TypeError('cert and key must be given together');
      const chain = concat(certificateList(options.cert, 'cert'));
      const at = this.#scratchAt;
      if (at + chain.length + 32 > e.memory.buffer.byteLength) throw new RangeError(`cert: the chain (${chain.length} bytes) does not fit the engine memory`);
      const mem = new Uint8Array(e.memory.buffer);
      mem.set(chain, at);
      const d = p256PrivateKey(options.key);
      const keyAt = at + chain.length;
      mem.set(d, keyAt);
      const code = e.tlsClientSetCertificate(ctx, at, chain.length, keyAt);
      mem.fill(0, keyAt, keyAt + 32); // the engine keeps its own copy until it has signed
      d.fill(0);
      if (code !== 0) throw new RangeError('cert/key: the chain is not DER certificates or the key is not a valid P-256 key');
    }
  }

  /** Offers a session from a 'session' event, when it was issued for this server name (RFC 8446 §4.6.1). */
  #resume(session: Uint8Array): void {
    if (!(session instanceof Uint8Array)) throw new TypeError('session must be a Buffer or Uint8Array from a \'session\' event');
    const parsed = parseSession(session);
    if (!parsed) throw new RangeError('session is not an EmberTLS session (from a \'session\' event)');
    if (parsed.servername !== this.#servername) return;
    new Uint8Array(this.#e.memory.buffer).set(parsed.engine, this.#sessionAt);
    this.#check(this.#e.tlsClientSetSession(this.#ctx, this.#sessionAt, parsed.engine.length));
    this.#resumedLeaf = parsed.leaf.length ? parsed.leaf : undefined;
  }

  /** Writes data into the leaf buffer (free until the handshake starts), for configuration calls. */
  #scratch(data: Uint8Array, offset = 0): number {
    const at = this.#leaf + offset;
    new Uint8Array(this.#e.memory.buffer).set(data, at);
    return at;
  }

  #check(code: number): void {
    if (code !== 0) throw new TlsError(code);
  }

  /** Sends ClientHello (call once; output through takeOutput). */
  start(): void {
    this.#e.tlsClientStart(this.#ctx);
    this.#pump();
  }

  /** Bytes received from the server (any split). */
  receive(bytes: Uint8Array): void {
    if (bytes.length) this.#input.push(bytes);
    this.#pump();
  }

  /** Records to send to the server, since the last call. */
  takeOutput(): Uint8Array {
    this.#pump();
    return concat(this.#output.splice(0));
  }

  /** Queues application data (sent once the handshake is done). */
  write(data: Uint8Array): void {
    if (data.length) this.#appOut.push(data);
    this.#pump();
  }

  /** Application data received, since the last call. */
  read(): Uint8Array {
    this.#pump();
    return concat(this.#plaintext.splice(0));
  }

  /**
   * Moves our traffic keys on with a KeyUpdate (RFC 8446 §4.6.3), after any queued data; requestPeer asks
   * the server to update its keys too. Only when connected with nothing waiting to go out.
   */
  keyUpdate(requestPeer = false): void {
    this.#pump();
    this.#check(this.#e.tlsClientKeyUpdate(this.#ctx, requestPeer ? 1 : 0));
    this.#pump();
  }

  /** KeyUpdates so far: received from the server and sent by us. */
  get keyUpdates(): { received: number; sent: number } {
    const v = this.#e.tlsKeyUpdates(this.#ctx) >>> 0;
    return { received: v & 0xffff, sent: v >>> 16 };
  }

  /** Sends close_notify once queued data is out. */
  close(): void {
    this.#pump();
    this.#e.tlsClientClose(this.#ctx);
    this.#pump();
  }

  /** The transport ended: without the server's close_notify it is a truncation. */
  end(): void {
    this.#e.tlsClientEof(this.#ctx);
    this.#pump();
  }

  get state(): HandshakeState {
    return HANDSHAKE_STATES[this.#e.tlsHandshakeState(this.#ctx)] ?? 'Failed';
  }

  get error(): TlsError | undefined {
    return this.#error;
  }

  get connected(): boolean {
    return this.state === 'Connected';
  }

  get closed(): boolean {
    return (this.#e.tlsEngineState(this.#ctx) & CLOSED) !== 0;
  }

  /** The negotiated suite's name. */
  get cipher(): SuiteName | undefined {
    const s = this.#e.tlsSuite(this.#ctx);
    return (Object.keys(SUITES) as SuiteName[]).find((k) => SUITES[k] === s);
  }

  get group(): GroupName | undefined {
    const g = this.#e.tlsGroup(this.#ctx);
    return (Object.keys(GROUPS) as GroupName[]).find((k) => GROUPS[k] === g);
  }

  get signatureScheme(): string | undefined {
    return SCHEMES[this.#e.tlsSignatureScheme(this.#ctx)];
  }

  get alpnProtocol(): string | false {
    const n = this.#e.tlsAlpnLen(this.#ctx);
    if (n === 0) return false;
    const at = this.#e.tlsAlpnBuf(this.#ctx);
    return new TextDecoder().decode(new Uint8Array(this.#e.memory.buffer, at, n));
  }

  /** Whether the server's chain was validated against a trust anchor (in this handshake or, resumed, in the one that issued the ticket). */
  get chainValidated(): boolean {
    return this.#e.tlsChainValidated(this.#ctx) === 1 || this.resumed;
  }

  /** Whether this handshake resumed a session (PSK with (EC)DHE, no certificate). */
  get resumed(): boolean {
    return this.resumeStatus === 'accepted';
  }

  /** What became of the session given in options.session. */
  get resumeStatus(): ResumeStatus {
    return RESUME_STATUSES[this.#e.tlsResumeStatus(this.#ctx)] ?? 'none';
  }

  /** NewSessionTickets received so far. */
  get ticketsReceived(): number {
    return this.#e.tlsTicketsSeen(this.#ctx);
  }

  /** The validator's verdict on the server's chain, once its Certificate message is in (else undefined). */
  get verdict(): ChainVerdict | undefined {
    const e = this.#e;
    const x = this.#x509;
    const entity = e.x509ErrorEntity(x);
    return describeVerdict({
      verdict: e.tlsChainVerdict(this.#ctx), reason: e.x509ErrorReason(x), entity,
      notBefore: BigInt(e.x509NotBefore(x, entity)), notAfter: BigInt(e.x509NotAfter(x, entity)),
      time: BigInt(e.tlsCheckTime(this.#ctx)), expected: this.#expected || '(no name)',
      leaf: this.peerCertificate, anchors: e.x509AnchorCount(x),
      certSlots: e.x509Slots(x) & 0xff,
    });
  }

  /** The server's leaf certificate (DER), once received (resumed: the one the session was made with). */
  get peerCertificate(): Uint8Array | undefined {
    if (this.resumed) return this.#resumedLeaf;
    const n = this.#e.tlsPeerLeafLen(this.#ctx);
    if (n === 0 || n > this.#leafCap) return undefined;
    return new Uint8Array(this.#e.memory.buffer).slice(this.#leaf, this.#leaf + n);
  }

  /** max_fragment_length (RFC 6066) we asked for (bytes, 0 none) and whether the server echoed it. */
  get maxFragment(): { sent: number; acked: boolean } {
    const code = this.#e.tlsMaxFragmentSent(this.#ctx);
    return { sent: code ? 1 << (8 + code) : 0, acked: this.#e.tlsMaxFragmentAcked(this.#ctx) === 1 };
  }

  /** Client authentication: whether the server asked for our certificate and whether we sent one. */
  get clientAuth(): { requested: boolean; sent: boolean } {
    const v = this.#e.tlsClientAuth(this.#ctx);
    return { requested: (v & 1) !== 0, sent: (v & 2) !== 0 };
  }

  get recordSizeLimit(): { sent: number; peer: number } {
    return { sent: this.#e.tlsRecordLimitSent(this.#ctx), peer: this.#e.tlsPeerRecordLimit(this.#ctx) };
  }

  /** Moves bytes between the queues and the engine until nothing moves. */
  #pump(): void {
    const e = this.#e;
    const ctx = this.#ctx;
    const mem = () => new Uint8Array(e.memory.buffer);
    for (;;) {
      const st = e.tlsEngineState(ctx);
      if (st & SENDREC) {
        const n = e.tlsSendrecLen(ctx);
        const at = e.tlsSendrecBuf(ctx);
        this.#output.push(mem().slice(at, at + n));
        e.tlsSendrecAck(ctx, n);
        continue;
      }
      if (st & RECVAPP) {
        const n = e.tlsRecvappLen(ctx);
        const at = e.tlsRecvappBuf(ctx);
        this.#plaintext.push(mem().slice(at, at + n));
        e.tlsRecvappAck(ctx, n);
        continue;
      }
      if (st & SENDAPP && this.#appOut.length) {
        const room = e.tlsSendappLen(ctx);
        const chunk = this.#appOut[0];
        const n = Math.min(room, chunk.length);
        mem().set(chunk.subarray(0, n), e.tlsSendappBuf(ctx));
        e.tlsSendappAck(ctx, n);
        if (n === chunk.length) this.#appOut.shift();
        else this.#appOut[0] = chunk.subarray(n);
        if (this.#appOut.length === 0) e.tlsSendappFlush(ctx);
        continue;
      }
      if (st & RECVREC && this.#input.length) {
        const want = e.tlsRecvrecLen(ctx);
        const chunk = this.#input[0];
        const n = Math.min(want, chunk.length);
        mem().set(chunk.subarray(0, n), e.tlsRecvrecBuf(ctx));
        e.tlsRecvrecAck(ctx, n);
        if (n === chunk.length) this.#input.shift();
        else this.#input[0] = chunk.subarray(n);
        this.#notify();
        continue;
      }
      break;
    }
    this.#notify();
  }

  /** Emits handshake steps ('state'), 'connected', 'session' for each ticket kept, 'keyUpdate', and 'error' once. */
  #notify(): void {
    const updates = this.#e.tlsKeyUpdates(this.#ctx) >>> 0;
    if (updates !== this.#keyUpdates) {
      this.#keyUpdates = updates;
      this.emit('keyUpdate', this.keyUpdates);
    }
    const stored = this.#e.tlsTicketsStored(this.#ctx);
    if (stored !== this.#ticketsStored) {
      this.#ticketsStored = stored;
      const n = this.#e.tlsTicketLen(this.#ctx);
      const engine = new Uint8Array(this.#e.memory.buffer).slice(this.#sessionAt, this.#sessionAt + n);
      this.emit('session', Buffer.from(serializeSession(engine, this.#servername, this.peerCertificate)));
    }
    const state = this.state;
    if (state !== this.#lastState) {
      const from = this.#lastState;
      this.#lastState = state;
      this.emit('state', state, from);
      if (state === 'Connected') this.emit('connected');
    }
    const code = this.#e.tlsLastError(this.#ctx);
    if (code !== 0 && !this.#error) {
      this.#error = new TlsError(code, this.verdict);
      if (this.listenerCount('error') > 0) this.emit('error', this.#error);
    }
  }
}

/**
 * A session as 'session' gives it: the engine's (assembly/tls/session.ts:
 * header, PSK, ticket), then the server name it is for and the leaf
 * certificate of the handshake that issued it (for getPeerCertificate once
 * resumed). Secret: it holds the PSK.
 */
function serializeSession(engine: Uint8Array, servername: string, leaf: Uint8Array | undefined): Uint8Array {
  const name = utf8.encode(servername);
  const cert = leaf ?? new Uint8Array(0);
  const out = new Uint8Array(engine.length + 2 + name.length + 4 + cert.length);
  const view = new DataView(out.buffer);
  out.set(engine);
  let at = engine.length;
  view.setUint16(at, name.length);
  out.set(name, at + 2);
  at += 2 + name.length;
  view.setUint32(at, cert.length);
  out.set(cert, at + 4);
  return out;
}

const SESSION_HEADER = 80;

function parseSession(bytes: Uint8Array): { engine: Uint8Array; servername: string; leaf: Uint8Array } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < SESSION_HEADER + 6) return undefined;
  const engineLen = SESSION_HEADER + view.getUint32(28, true);
  if (engineLen + 6 > bytes.length || engineLen > SESSION_CAP) return undefined;
  const nameLen = view.getUint16(engineLen);
  const certAt = engineLen + 2 + nameLen + 4;
  if (certAt > bytes.length || certAt + view.getUint32(certAt - 4) !== bytes.length) return undefined;
  return {
    engine: bytes.subarray(0, engineLen),
    servername: new TextDecoder().decode(bytes.subarray(engineLen + 2, engineLen + 2 + nameLen)),
    leaf: bytes.slice(certAt),
  };
}

/** The 32-byte P-256 private scalar of a PEM key (PKCS#8 or SEC1). */
function p256PrivateKey(pem: string | Buffer): Uint8Array {
  if (typeof pem !== 'string' && !(pem instanceof Uint8Array)) throw new TypeError('key must be PEM text (string or Buffer)');
  const jwk = createPrivateKey(pem as string | Buffer).export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) throw new RangeError(`key must be an ECDSA P-256 private key, got ${jwk.kty} ${jwk.crv ?? ''}`.trim());
  return new Uint8Array(Buffer.from(jwk.d, 'base64url'));
}

/** DER certificates from PEM text (every CERTIFICATE block), DER bytes, or a list of them. */
export function certificateList(value: unknown, name: string): Uint8Array[] {
  if (value === undefined || value === null) return [];
  if (value instanceof Uint8Array) {
    // A Buffer of PEM text (readFileSync) is PEM, as node:tls takes it.
    const text = Buffer.from(value).toString('latin1');
    return text.includes('-----BEGIN') ? certificateList(text, name) : [value];
  }
  if (typeof value === 'string') return pemCertificates(value, name);
  if (Array.isArray(value)) return value.flatMap((v, i) => certificateList(v, `${name}[${i}]`));
  throw new TypeError(`${name} must be PEM text, DER bytes or an array of them`);
}
