// RFC 8448 §3 "Simple 1-RTT Handshake" replayed through the client engine
// (assembly/tls/engine.ts, client.ts) byte for byte, with the engine's
// randomness set to the RFC's ClientHello.random and x25519 private key
// (test/support/rfc8448-replay.ts drives it): every record both ways, the
// server's bytes split and cut at every offset, every bit of them flipped.
//
// The server's certificate: the RFC's self-signed "rsa" certificate is the
// trust anchor and the clock is set inside its validity (2016-07-30 to
// 2026-07-30), but it has no subjectAltName and a 1024-bit key, which the
// validator refuses in every build (WEAK_ALGORITHM); so the verifier runs in
// report-only mode (VerifyMode.Report) and two tests assert that verdict.
//
// §4 "Resumed 0-RTT Handshake": the engine's session from §3's ticket, its
// binder over §4's ClientHello, and the server's flight opened under keys
// from the PSK; §4's client also sends 0-RTT data, which this engine does
// not do (replayable), so the replay stops at the server's early_data.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { TlsError } from '../../host/tls/errors.js';
import { X509_CODES } from '../../host/tls/verdict.js';
import {
  cat, CLIENT_HELLO, CLIENT_RANDOM, CLIENT_STREAM, clientHelloExtensions, errorName, handshake, hex, Hs, loadReplayProbe,
  records, Replay, REQUIRE_VALID, rfcCertificate, SERVER_FLIGHT, SERVER_STREAM, toHex, V,
} from '../support/rfc8448-replay.js';
import { profiles, readModule, stubImports } from '../support/wasm.js';

const SUITE_AES_128_GCM_SHA256 = 0x1301;
const RSA_PSS_RSAE_SHA256 = 0x0804;
const KEY_TYPE_RSA = 4;
const X509_REASON_WEAK_RSA_KEY = 16; // assembly/x509/codes.ts

/** What an observer of the connection must never learn (the early secret and "derived" of §3 are public constants). */
const SECRETS = [
  'client_private', 'ecdhe', 'handshake_secret', 'c_hs_traffic', 's_hs_traffic', 'derived_handshake', 'master_secret',
  'server_hs_key', 'client_hs_key', 'server_finished_key', 'client_finished_key', 'c_ap_traffic', 's_ap_traffic',
  'server_ap_key', 'client_ap_key', 'exp_master', 'res_master', 'resumption_psk_nonce_0000',
];

/** The SECRETS found byte-aligned anywhere in the replay's wasm memory. */
function secretsIn(replay: Replay): string[] {
  const memory = toHex(replay.mem());
  return SECRETS.filter((name) => {
    for (let at = memory.indexOf(V[name]); at >= 0; at = memory.indexOf(V[name], at + 1)) if (at % 2 === 0) return true;
    return false;
  });
}

beforeAll(loadReplayProbe, 60_000);

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

  it("§3: the whole conversation, the server's bytes in up to 12 random pieces (fast-check), gives the RFC's client bytes", () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: SERVER_STREAM.length - 1 }), { maxLength: 11 }), (cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), SERVER_STREAM.length];
      const replay = new Replay([CLIENT_RANDOM, hex(V.client_private)]);
      const sent = replay.converse(points.slice(1).map((end, i) => SERVER_STREAM.subarray(points[i], end)));
      expect(replay.error).toBe(0);
      expect(toHex(sent)).toBe(toHex(CLIENT_STREAM));
    }), { numRuns: 300 });
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

  it.each([
    ['the conversation has closed', () => SERVER_STREAM],
    ['the server Finished failed (last byte of its tag flipped)', () => {
      const stream = SERVER_STREAM.slice();
      stream[SERVER_FLIGHT.length - 1] ^= 1;
      return stream;
    }],
  ])("§3: once %s, none of the trace's secrets or keys is left anywhere in the engine's memory", (_, stream) => {
    const replay = new Replay([CLIENT_RANDOM, hex(V.client_private)]);
    replay.converse([stream()]);
    expect([Hs.Closed, Hs.Failed]).toContain(replay.hs);
    expect(secretsIn(replay)).toEqual([]);
    // The scan finds them while they are in use: the connection's own secrets, right after the handshake.
    expect(secretsIn(handshake().replay)).toEqual(expect.arrayContaining(['c_ap_traffic', 's_ap_traffic', 'res_master']));
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

describe('RFC 8448 §4 (Resumed 0-RTT Handshake) through the client engine, as far as a client without 0-RTT goes', () => {
  const R = JSON.parse(readFileSync(new URL('../vectors/rfc8448_resumed.json', import.meta.url), 'utf8')) as Record<string, string>;
  const RESUMED_HELLO = hex(R.client_hello);
  const SESSION_PSK = 32; // assembly/tls/session.ts: the PSK's offset in a session
  const TICKET_AT = 2048; // in the probe's scratch, past the ClientHello template

  /** §3 once more with a ticket buffer: the session the engine wrote from the server's NewSessionTicket. */
  function sessionFromSection3(): Uint8Array {
    const replay = new Replay([CLIENT_RANDOM, hex(V.client_private)]);
    replay.configure();
    const at = replay.e.probeScratch() + TICKET_AT;
    expect(replay.e.tlsClientSetTicketBuffer(replay.ctx, at, 2048)).toBe(0);
    expect(replay.startRfcHello()).toBe(0);
    replay.takeOutput();
    replay.feed(SERVER_FLIGHT);
    replay.takeOutput();
    replay.feed(hex(V.new_session_ticket_record));
    expect(replay.e.tlsTicketsStored(replay.ctx)).toBe(1);
    return replay.mem().slice(at, at + replay.e.tlsTicketLen(replay.ctx));
  }

  /** A fresh engine given that session, with §4's ClientHello.random and x25519 private key. */
  function resuming(): Replay {
    const session = sessionFromSection3();
    const replay = new Replay([RESUMED_HELLO.subarray(6, 38), hex(R.client_private)]);
    replay.configure();
    const at = replay.e.probeScratch() + TICKET_AT;
    replay.mem().set(session, at);
    expect(replay.e.tlsClientSetSession(replay.ctx, at, session.length)).toBe(0);
    return replay;
  }

  it("§3→§4: the engine's session from §3's NewSessionTicket holds §4's PSK (HKDF-Expand-Label(res_master, \"resumption\", 0000))", () => {
    const session = sessionFromSection3();
    expect(toHex(session.subarray(SESSION_PSK, SESSION_PSK + 32))).toBe(R.psk);
  });

  it("§4: the engine's binder over the resumed ClientHello is the RFC's, so the ClientHello record is the RFC's byte for byte", () => {
    const replay = resuming();
    expect(replay.startRfcHello(RESUMED_HELLO, true)).toBe(0);
    expect(toHex(replay.takeOutput())).toBe(R.client_hello_record_header + R.client_hello);
    expect(R.client_hello.endsWith(R.binder)).toBe(true);
  });

  it("§4: the engine takes the server's PSK and opens its flight with keys from the PSK and the x25519 secret; the flight's early_data (0-RTT, which the engine never sends) is then refused", () => {
    const replay = resuming();
    expect(replay.startRfcHello(RESUMED_HELLO, true)).toBe(0);
    replay.takeOutput();
    replay.feed(cat(hex(R.server_hello_record_header), hex(R.server_hello)));
    expect(replay.error).toBe(0);
    expect(replay.e.tlsResumeStatus(replay.ctx)).toBe(2); // ResumeStatus.Accepted
    // EncryptedExtensions and Finished in one record: it authenticates (no BadRecordMac), then
    // EncryptedExtensions' early_data answers an offer this engine never makes on its own.
    replay.feed(hex(R.server_flight_record));
    expect(errorName(replay.error)).toBe('UnsupportedExtension');
  });
});
