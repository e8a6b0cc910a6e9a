// ClientEngine: the sans-IO TLS 1.3 client engine (assembly/tls/engine.ts) for
// Node. Each engine is its own WebAssembly instance of the one compiled
// module, so its context and buffers may use all the memory past the module's
// static data. Bytes in (receive), bytes out (takeOutput), plaintext in
// (write) and out (read); the engine does no I/O. Randomness comes from
// node:crypto and time from Date, through the module's imports.
import { EventEmitter } from 'node:events';
import { engineImports, engineModule, type EngineExports } from '../engine.js';
import { TlsError } from './errors.js';

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

export interface ClientEngineOptions {
  /** server_name (SNI); also the name the certificate is for, once the validator lands. */
  servername?: string;
  /** ALPN protocols, most preferred first. */
  ALPNProtocols?: string[];
  /** Cipher suites to offer, in order (default: all three). */
  suites?: SuiteName[];
  /** Groups to offer, in order (default: x25519, P-256). */
  groups?: GroupName[];
  /** Key shares in the first ClientHello (1 or 2; default 1: the first group). */
  keyShares?: 1 | 2;
  /** Receive and send buffer size in bytes (default 16 KiB + 256 + 5: any record). */
  recordBuffer?: number;
  /** Handshake message buffer (default 32 KiB: the largest Certificate message taken). */
  handshakeBuffer?: number;
  /** Time certificates are checked at (default: now). */
  time?: Date;
}

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
  /** Sizes the engine uses: context, receive and send buffers, handshake buffer. */
  readonly sizes: { context: number; recordBuffer: number; handshakeBuffer: number };

  constructor(options: ClientEngineOptions = {}) {
    super();
    let exportsRef: EngineExports | undefined;
    const instance = new WebAssembly.Instance(engineModule, engineImports(() => exportsRef!.memory));
    this.#e = exportsRef = instance.exports as unknown as EngineExports;
    (this.#e as any)._initialize?.();
    const e = this.#e;
    const recordBuffer = options.recordBuffer ?? 16384 + 256 + 5;
    const handshakeBuffer = options.handshakeBuffer ?? 32768;
    const align = (n: number) => (n + 15) & ~15;
    const ctx = e.arenaPtr();
    const recv = ctx + align(e.tlsClientCtxSize());
    const send = recv + align(recordBuffer);
    const hs = send + align(recordBuffer);
    if (hs + handshakeBuffer > e.memory.buffer.byteLength) throw new RangeError('recordBuffer and handshakeBuffer do not fit the engine memory');
    this.#ctx = ctx;
    this.sizes = { context: e.tlsClientCtxSize(), recordBuffer, handshakeBuffer };
    this.#check(e.tlsClientInit(ctx, recv, recordBuffer, send, recordBuffer, hs, handshakeBuffer));
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
  }

  /** Writes data into the arena past the buffers, for configuration calls. */
  #scratch(data: Uint8Array): number {
    const at = this.#e.memory.buffer.byteLength - 1024;
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

  /** Whether the server's chain was validated against a trust anchor (not yet: the validator is not merged). */
  get chainValidated(): boolean {
    return this.#e.tlsChainValidated(this.#ctx) === 1;
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

  /** Emits handshake steps ('state'), 'connected', and 'error' once. */
  #notify(): void {
    const state = this.state;
    if (state !== this.#lastState) {
      const from = this.#lastState;
      this.#lastState = state;
      this.emit('state', state, from);
      if (state === 'Connected') this.emit('connected');
    }
    const code = this.#e.tlsLastError(this.#ctx);
    if (code !== 0 && !this.#error) {
      this.#error = new TlsError(code);
      if (this.listenerCount('error') > 0) this.emit('error', this.#error);
    }
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
