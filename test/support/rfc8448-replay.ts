// Drives RFC 8448 §3 "Simple 1-RTT Handshake" through the client engine, for
// test/tls/rfc8448.test.ts: the trace's byte streams, and Replay, one engine
// in test/assembly/rfc8448-probe.ts (the production engine plus one seam that
// writes the RFC's ClientHello, whose extensions the engine never offers, with
// the engine's own random and key share; built with
// EMBER_TEST_RSA_MIN_BITS=1024 for the RFC's RSA-1024 server key) whose
// env.random hands out the RFC's ClientHello.random and x25519 private key.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { TlsError } from '../../host/tls/errors.js';
import { compileTestModule } from './asc.js';

export const V = JSON.parse(readFileSync(new URL('../vectors/rfc8448_simple_1rtt.json', import.meta.url), 'utf8')) as Record<string, string>;
export const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
export const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
export const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

export const CLIENT_HELLO = hex(V.client_hello);
export const CLIENT_HELLO_RECORD = cat(hex(V.client_hello_record_header), CLIENT_HELLO);
export const SERVER_HELLO_RECORD = cat(hex(V.server_hello_record_header), hex(V.server_hello));
/** Everything the server sends up to its Finished: the ServerHello record and the protected flight. */
export const SERVER_FLIGHT = cat(SERVER_HELLO_RECORD, hex(V.server_flight_record));
/** Everything the server sends in §3, in order. */
export const SERVER_STREAM = cat(SERVER_FLIGHT, hex(V.new_session_ticket_record), hex(V.server_app_record), hex(V.server_alert_record));
/** Everything the client sends in §3, in order (no ChangeCipherSpec: the RFC's client does not use §D.4's compatibility mode). */
export const CLIENT_STREAM = cat(CLIENT_HELLO_RECORD, hex(V.client_finished_record), hex(V.client_app_record), hex(V.client_alert_record));
export const CLIENT_RANDOM = CLIENT_HELLO.subarray(6, 38);
/** 2016-08-01T00:00:00Z, inside the RFC certificate's validity. */
export const CHECK_TIME = Date.UTC(2016, 7, 1) / 1000;

export const Hs = { Connected: 7, Closed: 8, Failed: 9 } as const; // assembly/tls/client.ts
/** VerifyMode (assembly/tls/context.ts). */
export const REQUIRE_VALID = 1;
export const REPORT_ONLY = 2;

/** The extensions of a ClientHello message (§4.1.2), each with its offset in the message. */
export function clientHelloExtensions(msg: Uint8Array): { type: number; at: number; bytes: Uint8Array }[] {
  const u16 = (at: number) => (msg[at] << 8) | msg[at + 1];
  let at = 4 + 2 + 32;
  at += 1 + msg[at]; // legacy_session_id
  at += 2 + u16(at); // cipher_suites
  at += 1 + msg[at]; // legacy_compression_methods
  const end = at + 2 + u16(at);
  at += 2;
  const out = [];
  while (at < end) {
    const len = 4 + u16(at + 2);
    out.push({ type: u16(at), at, bytes: msg.subarray(at, at + len) });
    at += len;
  }
  return out;
}

/** The RFC's certificate (DER), from its Certificate message: header, empty context, list length, entry length. */
export function rfcCertificate(): Uint8Array {
  const msg = hex(V.certificate);
  const len = (msg[8] << 16) | (msg[9] << 8) | msg[10];
  return msg.subarray(11, 11 + len);
}

let probe: WebAssembly.Module | undefined;

/** Compiles test/assembly/rfc8448-probe.ts with the RSA floor at 1024 bits; call once before any Replay. */
export async function loadReplayProbe(): Promise<void> {
  const wasm = await compileTestModule('test/assembly/rfc8448-probe.ts', undefined, ['--use', 'EMBER_TEST_RSA_MIN_BITS=1024']);
  probe = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
}

/** One engine in the probe module; env.random hands out `randomness` in order. */
export class Replay {
  readonly e: Record<string, any>;
  readonly ctx: number;
  /** Plaintext the client received. */
  received: Uint8Array[] = [];
  constructor(randomness: Uint8Array[]) {
    const queue = [...randomness];
    if (!probe) throw new Error('loadReplayProbe() first');
    const instance = new WebAssembly.Instance(probe, {
      env: {
        random: (ptr: number, len: number) => {
          const next = queue.shift();
          if (!next || next.length !== len) throw new Error(`env.random(${len}): the replay has no such bytes`);
          this.mem().set(next, ptr);
        },
        time: () => BigInt(CHECK_TIME),
      },
    });
    this.e = instance.exports as Record<string, any>;
    this.ctx = this.e.probeCtx();
  }

  mem(): Uint8Array {
    return new Uint8Array((this.e.memory as WebAssembly.Memory).buffer);
  }

  /** SNI "server" and the RFC's suite order, as its ClientHello; the RFC's certificate as the only anchor, report-only, at CHECK_TIME. */
  configure(mode = REPORT_ONLY): void {
    const { e, ctx } = this;
    const size = e.probeRecordBuffer();
    expect(e.tlsClientInit(ctx, e.probeRecv(), size, e.probeSend(), size, e.probeHs(), e.probeHsBuffer())).toBe(0);
    const scratch = e.probeScratch();
    this.mem().set(new TextEncoder().encode('server'), scratch);
    expect(e.tlsClientSetServerName(ctx, scratch, 6)).toBe(0);
    expect(e.tlsClientSetSuites(ctx, 0x1301, 0x1303, 0x1302)).toBe(0);
    expect(e.tlsClientSetTime(ctx, CHECK_TIME, 0)).toBe(0);
    expect(e.tlsClientSetVerifier(ctx, e.probeX509(), e.probeX509Size(), 0, 0, 0, 0, mode)).toBe(0);
    const cert = rfcCertificate();
    this.mem().set(cert, scratch);
    expect(e.tlsClientAddTrustAnchor(ctx, scratch, cert.length)).toBe(0);
  }

  /**
   * Starts with the RFC's ClientHello (§3's, or another such as §4's), its random and key share blanked, and
   * with binder its last 32 bytes (the PSK binder) too: the engine must fill them in.
   */
  startRfcHello(hello = CLIENT_HELLO, binder = false): number {
    const template = hello.slice();
    template.fill(0, 6, 38);
    if (binder) template.fill(0, template.length - 32);
    const share = clientHelloExtensions(template).find((x) => x.type === 0x33)!;
    // key_share: client_shares length (2), then one KeyShareEntry: x25519 (2), length 32 (2), key.
    const shareAt = share.at + 4 + 2 + 4;
    template.fill(0, shareAt, shareAt + 32);
    this.mem().set(template, this.e.probeScratch());
    return this.e.probeStartRfcHello(this.e.probeScratch(), template.length, shareAt, binder ? 1 : 0);
  }

  /** Takes every record the engine queued. */
  takeOutput(): Uint8Array {
    const { e, ctx } = this;
    const n = e.tlsSendrecLen(ctx);
    const out = this.mem().slice(e.tlsSendrecBuf(ctx), e.tlsSendrecBuf(ctx) + n);
    e.tlsSendrecAck(ctx, n);
    return out;
  }

  /** Hands over as much of bytes as the engine takes now (it asks record by record); returns how much it took. */
  feed(bytes: Uint8Array): number {
    const { e, ctx } = this;
    let at = 0;
    for (;;) {
      const n = Math.min(e.tlsRecvrecLen(ctx), bytes.length - at);
      if (n === 0) return at;
      this.mem().set(bytes.subarray(at, at + n), e.tlsRecvrecBuf(ctx));
      e.tlsRecvrecAck(ctx, n);
      at += n;
    }
  }

  /** Takes the plaintext the engine opened. */
  takeApp(): Uint8Array {
    const { e, ctx } = this;
    const n = e.tlsRecvappLen(ctx);
    const out = this.mem().slice(e.tlsRecvappBuf(ctx), e.tlsRecvappBuf(ctx) + n);
    e.tlsRecvappAck(ctx, n);
    return out;
  }

  /** Writes data as application data and seals it into a record. */
  write(data: Uint8Array): void {
    const { e, ctx } = this;
    expect(e.tlsSendappLen(ctx)).toBeGreaterThanOrEqual(data.length);
    this.mem().set(data, e.tlsSendappBuf(ctx));
    e.tlsSendappAck(ctx, data.length);
    e.tlsSendappFlush(ctx);
  }

  get error(): number { return this.e.tlsLastError(this.ctx); }
  get hs(): number { return this.e.tlsHandshakeState(this.ctx); }

  /**
   * The whole §3 conversation, the server's bytes arriving in the given
   * chunks: the client sends the RFC's 50 bytes once connected and answers
   * the server's close_notify with its own. Returns what the client sent.
   */
  converse(chunks: Uint8Array[]): Uint8Array {
    const sent: Uint8Array[] = [];
    let wrote = false;
    const pump = () => {
      for (;;) {
        if (this.e.tlsSendrecLen(this.ctx) > 0) sent.push(this.takeOutput());
        else if (this.e.tlsRecvappLen(this.ctx) > 0) this.received.push(this.takeApp());
        else if (this.hs === Hs.Connected && !wrote) {
          this.write(hex(V.application_data));
          wrote = true;
        } else return;
      }
    };
    this.configure();
    this.startRfcHello();
    pump();
    for (const chunk of chunks) {
      let at = 0;
      while (at < chunk.length) {
        const took = this.feed(chunk.subarray(at));
        at += took;
        pump();
        if (took === 0) break; // the engine takes nothing more: closed or failed
      }
    }
    if (this.hs !== Hs.Closed) this.e.tlsClientEof(this.ctx); // the transport ends here
    pump();
    return cat(...sent);
  }
}

/** The RFC's handshake up to the client's Finished, fed in one piece. */
export function handshake(): { replay: Replay; finished: Uint8Array } {
  const replay = new Replay([CLIENT_RANDOM, hex(V.client_private)]);
  replay.configure();
  expect(replay.startRfcHello()).toBe(0);
  expect(toHex(replay.takeOutput())).toBe(toHex(CLIENT_HELLO_RECORD));
  expect(replay.feed(SERVER_FLIGHT)).toBe(SERVER_FLIGHT.length);
  expect(replay.error).toBe(0);
  return { replay, finished: replay.takeOutput() };
}

/** The records in a byte stream (5-byte header, then the length it gives). */
export function records(stream: Uint8Array): Uint8Array[] {
  const out = [];
  for (let at = 0; at < stream.length;) {
    const end = at + 5 + ((stream[at + 3] << 8) | stream[at + 4]);
    out.push(stream.subarray(at, end));
    at = end;
  }
  return out;
}

export function errorName(code: number): string {
  return new TlsError(code).codeName;
}
