// RFC 8448 §3 "Simple 1-RTT Handshake" replayed through the client engine
// (assembly/tls/engine.ts, client.ts) byte for byte, with the engine's
// randomness (env.random) set to the RFC's ClientHello.random and x25519
// private key. The module is test/assembly/rfc8448-probe.ts: the production
// engine, plus one seam that writes the RFC's ClientHello (whose extensions
// the engine never offers) with the engine's own random and key share, built
// with EMBER_TEST_RSA_MIN_BITS=1024 for the RFC's RSA-1024 server key.
//
// The server's certificate: the RFC's self-signed "rsa" certificate is the
// trust anchor and the clock is set inside its validity (2016-07-30 to
// 2026-07-30), but it has no subjectAltName and a 1024-bit key, which the
// validator refuses in every build (WEAK_ALGORITHM); so the verifier runs in
// report-only mode (VerifyMode.Report) and one test asserts that verdict.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TlsError } from '../../host/tls/errors.js';
import { X509_CODES } from '../../host/tls/verdict.js';
import { compileTestModule } from '../support/asc.js';
import { profiles, readModule, stubImports } from '../support/wasm.js';

const V = JSON.parse(readFileSync(new URL('../vectors/rfc8448_simple_1rtt.json', import.meta.url), 'utf8')) as Record<string, string>;
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

const CLIENT_HELLO = hex(V.client_hello);
const CLIENT_HELLO_RECORD = cat(hex(V.client_hello_record_header), CLIENT_HELLO);
const SERVER_HELLO_RECORD = cat(hex(V.server_hello_record_header), hex(V.server_hello));
/** Everything the server sends up to its Finished: the ServerHello record and the protected flight. */
const SERVER_FLIGHT = cat(SERVER_HELLO_RECORD, hex(V.server_flight_record));
/** Everything the server sends in §3, in order. */
const SERVER_STREAM = cat(SERVER_FLIGHT, hex(V.new_session_ticket_record), hex(V.server_app_record), hex(V.server_alert_record));
/** Everything the client sends in §3, in order (no ChangeCipherSpec: the RFC's client does not use §D.4's compatibility mode). */
const CLIENT_STREAM = cat(CLIENT_HELLO_RECORD, hex(V.client_finished_record), hex(V.client_app_record), hex(V.client_alert_record));
const CLIENT_RANDOM = CLIENT_HELLO.subarray(6, 38);
/** 2016-08-01T00:00:00Z, inside the RFC certificate's validity. */
const CHECK_TIME = Date.UTC(2016, 7, 1) / 1000;

const Hs = { Connected: 7, Closed: 8, Failed: 9 } as const; // assembly/tls/client.ts
const SUITE_AES_128_GCM_SHA256 = 0x1301;
const RSA_PSS_RSAE_SHA256 = 0x0804;
const KEY_TYPE_RSA = 4;
const REQUIRE_VALID = 1;
const REPORT_ONLY = 2;
const X509_REASON_WEAK_RSA_KEY = 16;

/** The extensions of a ClientHello message (§4.1.2), each with its offset in the message. */
function clientHelloExtensions(msg: Uint8Array): { type: number; at: number; bytes: Uint8Array }[] {
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
function rfcCertificate(): Uint8Array {
  const msg = hex(V.certificate);
  const len = (msg[8] << 16) | (msg[9] << 8) | msg[10];
  return msg.subarray(11, 11 + len);
}

let probe: WebAssembly.Module;
beforeAll(async () => {
  const wasm = await compileTestModule('test/assembly/rfc8448-probe.ts', undefined, ['--use', 'EMBER_TEST_RSA_MIN_BITS=1024']);
  probe = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
}, 60_000);

/** One engine in the probe module; env.random hands out `randomness` in order. */
class Replay {
  readonly e: Record<string, any>;
  readonly ctx: number;
  /** Plaintext the client received. */
  received: Uint8Array[] = [];
  constructor(randomness: Uint8Array[]) {
    const queue = [...randomness];
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

  /** Starts with the RFC's ClientHello, its random and key share blanked: the engine must fill them in. */
  startRfcHello(): number {
    const template = CLIENT_HELLO.slice();
    template.fill(0, 6, 38);
    const share = clientHelloExtensions(template).find((x) => x.type === 0x33)!;
    // key_share: client_shares length (2), then one KeyShareEntry: x25519 (2), length 32 (2), key.
    const shareAt = share.at + 4 + 2 + 4;
    template.fill(0, shareAt, shareAt + 32);
    this.mem().set(template, this.e.probeScratch());
    return this.e.probeStartRfcHello(this.e.probeScratch(), template.length, shareAt);
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
function handshake(): { replay: Replay; finished: Uint8Array } {
  const replay = new Replay([CLIENT_RANDOM, hex(V.client_private)]);
  replay.configure();
  expect(replay.startRfcHello()).toBe(0);
  expect(toHex(replay.takeOutput())).toBe(toHex(CLIENT_HELLO_RECORD));
  expect(replay.feed(SERVER_FLIGHT)).toBe(SERVER_FLIGHT.length);
  expect(replay.error).toBe(0);
  return { replay, finished: replay.takeOutput() };
}

/** The records in a byte stream (5-byte header, then the length it gives). */
function records(stream: Uint8Array): Uint8Array[] {
  const out = [];
  for (let at = 0; at < stream.length;) {
    const end = at + 5 + ((stream[at + 3] << 8) | stream[at + 4]);
    out.push(stream.subarray(at, end));
    at = end;
  }
  return out;
}

function errorName(code: number): string {
  return new TlsError(code).codeName;
}

describe('RFC 8448 §3 (Simple 1-RTT Handshake) through the client engine', () => {
  it("§3: the engine's own writeClientHello, given the RFC's random and x25519 private key, writes the RFC's random and key_share", () => {
    const replay = new Replay([CLIENT_RANDOM, new Uint8Array(32).fill(0x5a), hex(V.client_private)]);
    replay.configure();
    expect(replay.e.tlsClientStart(replay.ctx)).toBe(0);
    const hello = replay.takeOutput().subarray(5);
    expect(toHex(hello.subarray(6, 38))).toBe(toHex(CLIENT_RANDOM));
    const keyShare = (msg: Uint8Array) => toHex(clientHelloExtensions(msg).find((x) => x.type === 0x33)!.bytes);
    expect(keyShare(hello)).toBe(keyShare(CLIENT_HELLO));
    expect(keyShare(CLIENT_HELLO)).toContain(V.client_public);
  });

  it("§3: the replayed ClientHello record is the RFC's, byte for byte, with random and key share from env.random", () => {
    handshake(); // asserts the ClientHello record on the way
  });

  it("§3: after the server's flight the client's Finished record is the RFC's, byte for byte", () => {
    const { replay, finished } = handshake();
    expect(toHex(finished)).toBe(V.client_finished_record);
    const { e, ctx } = replay;
    expect(replay.hs).toBe(Hs.Connected);
    expect(e.tlsSuite(ctx)).toBe(SUITE_AES_128_GCM_SHA256);
    expect(e.tlsGroup(ctx)).toBe(0x001d);
    expect(e.tlsSignatureScheme(ctx)).toBe(RSA_PSS_RSAE_SHA256);
    expect(e.tlsPeerKeyType(ctx)).toBe(KEY_TYPE_RSA);
    expect(e.tlsPeerRecordLimit(ctx)).toBe(0x4001); // EncryptedExtensions' record_size_limit
  });

  it("§3: the RFC's self-signed RSA-1024 certificate, as its own anchor, is refused for its key (report-only mode lets the replay go on)", () => {
    const { replay } = handshake();
    expect(X509_CODES[replay.e.tlsChainVerdict(replay.ctx)]).toBe('WEAK_ALGORITHM');
    expect(replay.e.probeChainReason()).toBe(X509_REASON_WEAK_RSA_KEY);
    expect(replay.e.tlsChainValidated(replay.ctx)).toBe(0);
  });

  it("§3: the server's NewSessionTicket record is accepted without a reply", () => {
    const { replay } = handshake();
    const nst = hex(V.new_session_ticket_record);
    expect(replay.feed(nst)).toBe(nst.length);
    expect(replay.error).toBe(0);
    expect(replay.hs).toBe(Hs.Connected);
    expect(replay.e.tlsSendrecLen(replay.ctx)).toBe(0);
  });

  it("§3: the RFC's 50 bytes of application data seal to the client's application record, byte for byte", () => {
    const { replay } = handshake();
    replay.write(hex(V.application_data));
    expect(toHex(replay.takeOutput())).toBe(V.client_app_record);
  });

  it("§3: the server's application record, after its NewSessionTicket, opens to the RFC's plaintext", () => {
    const { replay } = handshake();
    const records = cat(hex(V.new_session_ticket_record), hex(V.server_app_record));
    expect(replay.feed(records)).toBe(records.length);
    expect(toHex(replay.takeApp())).toBe(V.application_data);
    expect(replay.error).toBe(0);
  });

  it("§3: the closing alerts match both ways: the client's close_notify record, then the server's closes the connection", () => {
    const { replay } = handshake();
    replay.write(hex(V.application_data));
    replay.takeOutput();
    replay.e.tlsClientClose(replay.ctx);
    expect(toHex(replay.takeOutput())).toBe(V.client_alert_record);
    const records = cat(hex(V.new_session_ticket_record), hex(V.server_app_record));
    expect(replay.feed(records)).toBe(records.length);
    expect(toHex(replay.takeApp())).toBe(V.application_data);
    const alert = hex(V.server_alert_record);
    expect(replay.feed(alert)).toBe(alert.length);
    expect(replay.hs).toBe(Hs.Closed);
    expect(replay.error).toBe(0);
    expect(replay.e.tlsSendrecLen(replay.ctx)).toBe(0);
  });

  it("§3: the whole conversation, the server's bytes split in two at every offset, gives the RFC's client bytes", () => {
    for (let k = 1; k < SERVER_STREAM.length; k++) {
      const replay = new Replay([CLIENT_RANDOM, hex(V.client_private)]);
      const sent = replay.converse([SERVER_STREAM.subarray(0, k), SERVER_STREAM.subarray(k)]);
      if (toHex(sent) !== toHex(CLIENT_STREAM) || replay.error !== 0) {
        expect.fail(`split at ${k}: error ${errorName(replay.error)}, sent ${toHex(sent)}`);
      }
      expect(toHex(cat(...replay.received))).toBe(V.application_data);
    }
  });

  it("§3: the whole conversation, the server's bytes arriving one at a time, gives the RFC's client bytes", () => {
    const replay = new Replay([CLIENT_RANDOM, hex(V.client_private)]);
    const sent = replay.converse([...SERVER_STREAM].map((b) => Uint8Array.of(b)));
    expect(replay.error).toBe(0);
    expect(toHex(sent)).toBe(toHex(CLIENT_STREAM));
    expect(replay.hs).toBe(Hs.Closed);
  });

  it("§3: one flipped bit anywhere in the server's flight fails the handshake with a named error, never a trap (except §5.1's ignored legacy_record_version)", () => {
    const seen = new Map<string, number>();
    for (let bit = 0; bit < SERVER_FLIGHT.length * 8; bit++) {
      const stream = SERVER_STREAM.slice();
      stream[bit >> 3] ^= 0x80 >> (bit & 7);
      const replay = new Replay([CLIENT_RANDOM, hex(V.client_private)]);
      const sent = replay.converse([stream]);
      const byte = bit >> 3;
      if (byte === 1 || byte === 2) {
        // §5.1: legacy_record_version of a plaintext record "MUST be ignored for all purposes".
        expect(replay.error, `bit ${bit}`).toBe(0);
        expect(toHex(sent)).toBe(toHex(CLIENT_STREAM));
        continue;
      }
      const name = errorName(replay.error);
      if (replay.error === 0 || name.startsWith('Error0x')) expect.fail(`bit ${bit}: error ${replay.error} (${name})`);
      expect(replay.hs, `bit ${bit}`).toBe(Hs.Failed);
      // Nothing of the RFC's client Finished or later may come out.
      expect(toHex(sent)).not.toContain(V.client_finished_record);
      seen.set(name, (seen.get(name) ?? 0) + 1);
    }
    // Most flips break the AEAD tag; the rest are caught by name before it.
    expect(seen.get('BadRecordMac')).toBeGreaterThan(4000);
    expect([...seen.keys()]).toEqual(expect.arrayContaining(['DecodeError', 'ProtocolVersion', 'SuiteNotOffered', 'UnexpectedContentType']));
  });

  it("§3: one flipped bit in any record after the server's Finished fails by name and releases no plaintext of that record", () => {
    const after = SERVER_FLIGHT.length;
    const appEnd = after + hex(V.new_session_ticket_record).length + hex(V.server_app_record).length;
    const seen = new Set<string>();
    for (let bit = after * 8; bit < SERVER_STREAM.length * 8; bit++) {
      const stream = SERVER_STREAM.slice();
      stream[bit >> 3] ^= 0x80 >> (bit & 7);
      const replay = new Replay([CLIENT_RANDOM, hex(V.client_private)]);
      const sent = replay.converse([stream]);
      const name = errorName(replay.error);
      if (replay.error === 0 || name.startsWith('Error0x')) expect.fail(`bit ${bit}: error ${replay.error} (${name})`);
      expect(replay.hs, `bit ${bit}`).toBe(Hs.Failed);
      // The client's own records up to its application data are the RFC's; its close_notify is not sent.
      expect(toHex(sent.subarray(0, CLIENT_STREAM.length - 24))).toBe(toHex(CLIENT_STREAM.subarray(0, CLIENT_STREAM.length - 24)));
      const received = toHex(cat(...replay.received));
      expect(received, `bit ${bit}`).toBe((bit >> 3) >= appEnd ? V.application_data : '');
      seen.add(name);
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['BadRecordMac', 'ConnectionClosed', 'UnexpectedContentType']));
  });

  it("§3: the server's bytes cut at any offset end in ConnectionClosed at the transport's end, the client having sent the RFC's records and then only its alert", () => {
    const rfcRecords = records(CLIENT_STREAM).map(toHex);
    for (let k = 0; k < SERVER_STREAM.length; k++) {
      const replay = new Replay([CLIENT_RANDOM, hex(V.client_private)]);
      const sent = records(replay.converse([SERVER_STREAM.subarray(0, k)]));
      const alert = sent.pop()!;
      const ok = errorName(replay.error) === 'ConnectionClosed' && sent.every((r, i) => toHex(r) === rfcRecords[i])
        // internal_error (80): unprotected before the client's Finished (Appendix A.1), else a sealed 2-byte alert.
        && (toHex(alert) === '15030300020250' || toHex(alert.subarray(0, 5)) === '1703030013');
      if (!ok) expect.fail(`cut at ${k}: error ${errorName(replay.error)}, sent ${sent.map(toHex)} then ${toHex(alert)}`);
    }
  });

  it("§3 with the verdict required: the RFC's RSA-1024 certificate ends the handshake with ChainWeakAlgorithm and its alert", () => {
    const replay = new Replay([CLIENT_RANDOM, hex(V.client_private)]);
    replay.configure(REQUIRE_VALID);
    expect(replay.startRfcHello()).toBe(0);
    replay.takeOutput();
    replay.feed(SERVER_FLIGHT);
    expect(errorName(replay.error)).toBe('ChainWeakAlgorithm');
    expect(new TlsError(replay.error).alertName).toBe('unsupported_certificate');
    // Appendix A.1: the client's send keys are still the null ones until the server's Finished.
    expect(toHex(replay.takeOutput())).toBe('1503030002022b'); // fatal unsupported_certificate, unprotected
  });

  it("§3's RSA-1024 key passes RSAVP1 only in the probe build: every shipped build keeps RSA_MIN_BITS = 2048 and refuses it", () => {
    const { n, e } = new X509Certificate(rfcCertificate()).publicKey.export({ format: 'jwk' });
    const modulus = Buffer.from(n!, 'base64url');
    const exponent = Buffer.from(e!, 'base64url').readUIntBE(0, Buffer.from(e!, 'base64url').length);
    const signature = hex(V.certificate_verify).subarray(8); // type, length, scheme, signature length
    expect(modulus.length).toBe(128);
    expect(signature.length).toBe(128);
    const rsavp1 = (exports: Record<string, any>, at: number) => {
      const mem = new Uint8Array((exports.memory as WebAssembly.Memory).buffer);
      mem.set(modulus, at);
      mem.set(signature, at + 512);
      return exports.rsaPublicOp(at, modulus.length, exponent, at + 512, signature.length, at + 1024);
    };
    const replay = new Replay([]);
    expect(rsavp1(replay.e, replay.e.probeScratch())).toBe(1024);
    for (const path of Object.values(profiles)) {
      const exports = new WebAssembly.Instance(new WebAssembly.Module(readModule(path) as Uint8Array<ArrayBuffer>), stubImports).exports as Record<string, any>;
      exports._initialize?.();
      expect(rsavp1(exports, exports.arenaPtr()), path).toBe(0);
    }
  });
});
