// Issue 6, "Bad input": random mutations of recorded server flights. The
// sessions in fuzz/sessions are every byte a real node:tls server sent to the
// engine (fuzz/seeds.mjs, fuzz/README.md). The client here is a ClientEngine
// configured as seeds.mjs configures the engine: the same counter-stream
// randomness (so the same ClientHello and key share, hence the same secrets),
// the same server name, time and record buffers (the handshake buffer is
// ClientEngine's 16 KiB, not 32 KiB: it does not change the ClientHello); the
// recorded flights therefore replay in full: handshake, NewSessionTicket,
// application data.
// It also checks the chain against fuzz/pki/root.der, so "Connected" means the
// certificate, CertificateVerify and Finished were all verified.
//
// The recordings stop after the server's application data and tickets,
// without a close_notify, so every replay ends with the transport cut: a
// truncation the engine must report (RFC 8446 §6.1), as ConnectionClosed.
//
// A mutated replay must therefore end, once the transport ends, in a TlsError
// with a name and an alert, having released at most a prefix of the recorded
// application data and none of it before Connected (Finished verified). It
// reaches Connected only when the mutation touched nothing authenticated: a
// flipped bit in any encrypted record is BadRecordMac, and one anywhere in the
// handshake flight (but for the fields TLS 1.3 ignores) stops the handshake.
// Never a throw, a trap or a hang: each run feeds a bounded number of pieces.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientEngine } from '../../host/tls/client-engine.js';
import { ALERT_NAMES, ERR, TlsError } from '../../host/tls/errors.js';

const fuzzDir = new URL('../../fuzz/', import.meta.url);
/** fuzz/fuzz.h FUZZ_TIME and FUZZ_HOST (as fuzz/seeds.mjs). */
const FUZZ_TIME = new Date(1_800_000_000 * 1000); // 2027-01-15T08:00:00Z
const FUZZ_HOST = 'fuzz.example';
const root = readFileSync(new URL('pki/root.der', fuzzDir));
const RUNS = 2000;

const sessions = readdirSync(new URL('sessions/', fuzzDir))
  .filter((f) => f.endsWith('.bin'))
  .sort()
  .map((f) => ({ name: f.replace(/\.bin$/, ''), bytes: new Uint8Array(readFileSync(new URL(`sessions/${f}`, fuzzDir))) }));

/** The engine as fuzz/seeds.mjs drives it: randomness is the counter stream 0, 1, 2 ... (mod 256). */
function recordedClient(): ClientEngine {
  let counter = 0;
  return new ClientEngine({
    servername: FUZZ_HOST,
    ca: root,
    time: FUZZ_TIME,
    tickets: false, // the harness keeps no tickets: its ClientHello has no psk_key_exchange_modes
    random: (out) => {
      for (let i = 0; i < out.length; i++) out[i] = counter++ & 0xff;
    },
  });
}

interface Outcome {
  connected: boolean;
  error: unknown;
  plaintext: Uint8Array;
  /** Application data came out while the handshake was not yet Connected. */
  dataBeforeConnected: boolean;
}

/** Feeds bytes in the given pieces (cut points), then ends the transport. Catches anything thrown. */
function replay(bytes: Uint8Array, cuts: number[] = []): Outcome {
  const engine = recordedClient();
  let connected = false;
  let dataBeforeConnected = false;
  const plain: Uint8Array[] = [];
  engine.on('connected', () => (connected = true));
  try {
    engine.start();
    engine.takeOutput();
    const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
    let at = 0;
    for (const end of [...points, bytes.length]) {
      engine.receive(bytes.subarray(at, end));
      at = end;
      engine.takeOutput();
      const text = engine.read();
      if (text.length) {
        if (!connected) dataBeforeConnected = true;
        plain.push(text);
      }
      if (engine.error) break;
    }
    if (!engine.error) engine.end();
    const text = engine.read();
    if (text.length) plain.push(text);
    return { connected, error: engine.error, plaintext: Buffer.concat(plain), dataBeforeConnected };
  } catch (thrown) {
    return { connected, error: thrown, plaintext: Buffer.concat(plain), dataBeforeConnected };
  }
}

/** The records of a flight: [offset, length including the 5-byte header]. */
function records(bytes: Uint8Array): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let at = 0; at + 5 <= bytes.length; ) {
    const len = 5 + ((bytes[at + 3] << 8) | bytes[at + 4]);
    out.push([at, len]);
    at += len;
  }
  return out;
}

/** Where the server's handshake flight ends: the record after which a fresh replay is Connected. */
function handshakeEnd(bytes: Uint8Array): number {
  const engine = recordedClient();
  engine.start();
  engine.takeOutput();
  for (const [start, len] of records(bytes)) {
    engine.receive(bytes.subarray(start, start + len));
    engine.takeOutput();
    if (engine.connected) return start + len;
  }
  throw new Error('the recorded session never reaches Connected');
}

const recorded = sessions.map((s) => ({ ...s, outcome: replay(s.bytes), records: records(s.bytes), handshakeEnd: handshakeEnd(s.bytes) }));
const ordinary = (s: (typeof recorded)[number]) => s.outcome.plaintext;

/** What every run must satisfy, mutated or not. */
function expectNamedFailure(o: Outcome, original: Uint8Array): void {
  expect(o.dataBeforeConnected, 'application data released before Finished').toBe(false);
  // Whatever came out is authenticated: a prefix of what the server really sent.
  expect(Buffer.from(original.subarray(0, o.plaintext.length)).equals(Buffer.from(o.plaintext)), 'released data the server did not send').toBe(true);
  expect(o.error, `threw ${String(o.error)}`).toBeInstanceOf(TlsError);
  const e = o.error as TlsError;
  expect(e.codeName, `unnamed error code 0x${e.code.toString(16)}`).not.toMatch(/^Error0x/);
  expect(ALERT_NAMES[e.alert], `alert ${e.alert} has no name`).toBeDefined();
}

// ---- mutations -------------------------------------------------------------

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'split'; record: number; at: number };

/** `at` values are fractions of the flight (or of the record), so one arbitrary fits every session. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 32 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('split' as const), record: fc.nat(), at: fc.nat() }),
);

function mutate(bytes: Uint8Array, recs: Array<[number, number]>, m: Mutation): Uint8Array {
  const at = m.at % bytes.length;
  switch (m.kind) {
    case 'flip': {
      const out = bytes.slice();
      out[at] ^= 1 << m.bit;
      return out;
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    case 'delete':
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.count)]);
    case 'truncate':
      return bytes.subarray(0, at);
    case 'split': {
      // One record becomes two with the same type and version, its fragment cut at an offset.
      const [start, len] = recs[m.record % recs.length];
      const body = len - 5;
      if (body < 2) return bytes;
      const cut = 1 + (m.at % (body - 1));
      const header = (n: number) => Buffer.from([bytes[start], bytes[start + 1], bytes[start + 2], n >> 8, n & 0xff]);
      return Buffer.concat([
        bytes.subarray(0, start), header(cut), bytes.subarray(start + 5, start + 5 + cut),
        header(body - cut), bytes.subarray(start + 5 + cut, start + len), bytes.subarray(start + len),
      ]);
    }
  }
}

describe('recorded server flights (fuzz/sessions) replayed through ClientEngine', () => {
  it('there are recorded sessions to replay', () => {
    expect(recorded.map((s) => s.name)).toEqual(['aes128-x25519-p256', 'aes256-hrr-p256-rsa', 'chacha-x25519-ed25519', 'chacha-x25519-p256']);
  });

  it.each(recorded.map((s) => [s.name, s] as const))('%s unchanged reaches Connected, releases its data after Finished, and reports the cut transport as ConnectionClosed', (_, s) => {
    const o = s.outcome;
    expect(o.connected).toBe(true);
    expect((o.error as TlsError).code).toBe(ERR.ConnectionClosed);
    expect(o.dataBeforeConnected).toBe(false);
    expect(Buffer.from(o.plaintext).toString()).toBe('hello from the fuzz seed server\n');
  });

  it('delivered in pieces cut at random offsets, each session replays exactly as in one piece', () => {
    fc.assert(
      fc.property(fc.constantFrom(...recorded), fc.array(fc.nat(), { maxLength: 12 }), (s, cuts) => {
        const o = replay(s.bytes, cuts.map((c) => c % s.bytes.length));
        expect(o.connected).toBe(true);
        expect((o.error as TlsError).code).toBe(ERR.ConnectionClosed);
        expect(Buffer.from(o.plaintext).equals(Buffer.from(ordinary(s)))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('a plaintext ServerHello record re-framed as two records, cut at any offset, still reaches Connected with the same data', () => {
    // RFC 8446 §5.1: a handshake message may be fragmented across records of its type.
    fc.assert(
      fc.property(fc.constantFrom(...recorded), fc.nat(), (s, at) => {
        const hello = s.records.findIndex(([start]) => s.bytes[start] === 22);
        const o = replay(mutate(s.bytes, s.records, { kind: 'split', record: hello, at }));
        expect(o.connected).toBe(true);
        expect(Buffer.from(o.plaintext).equals(Buffer.from(ordinary(s)))).toBe(true);
        expect((o.error as TlsError).code).toBe(ERR.ConnectionClosed);
      }),
      { numRuns: 100 },
    );
  });

  it('a flipped bit in the ciphertext or tag of any encrypted record ends in BadRecordMac, releasing nothing forged', () => {
    fc.assert(
      fc.property(fc.constantFrom(...recorded), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 7 }), (s, r, offset, bit) => {
        // Outer type application_data (23): every record after ServerHello (and the CCS) is one.
        const encrypted = s.records.filter(([start]) => s.bytes[start] === 23);
        const [start, len] = encrypted[r % encrypted.length];
        const out = s.bytes.slice();
        out[start + 5 + (offset % (len - 5))] ^= 1 << bit;
        const o = replay(out);
        expect(o.error).toBeInstanceOf(TlsError);
        expect((o.error as TlsError).code).toBe(ERR.BadRecordMac);
        expectNamedFailure(o, ordinary(s));
      }),
      { numRuns: 200 },
    );
  });

  it('a flipped bit anywhere in the handshake flight stops the handshake, unless it is in a plaintext record\'s legacy_record_version', () => {
    // RFC 8446 §5.1: legacy_record_version "MUST be ignored for all purposes"; it is
    // authenticated (as additional data) only in encrypted records.
    fc.assert(
      fc.property(fc.constantFrom(...recorded), fc.nat(), fc.integer({ min: 0, max: 7 }), (s, offset, bit) => {
        const at = offset % s.handshakeEnd;
        const out = s.bytes.slice(0, s.handshakeEnd);
        out[at] ^= 1 << bit;
        const [start] = s.records.findLast(([r]) => r <= at)!;
        const ignored = s.bytes[start] !== 23 && (at === start + 1 || at === start + 2);
        const o = replay(out);
        expect(o.connected, `flip at byte ${at} bit ${bit}`).toBe(ignored);
        expectNamedFailure(o, ordinary(s));
      }),
      { numRuns: 300 },
    );
  });

  it(`${RUNS} random mutations (bit flips, insertions, deletions, truncations, record splits) each end in a named TlsError with an alert, releasing only authenticated data after Finished`, () => {
    const started = Date.now();
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(fc.constantFrom(...recorded), mutation, fc.array(fc.nat(), { maxLength: 4 }), (s, m, cuts) => {
        const bytes = mutate(s.bytes, s.records, m);
        const o = replay(bytes, cuts.map((c) => c % Math.max(1, bytes.length)));
        expectNamedFailure(o, ordinary(s));
        const key = (o.error as TlsError).codeName + (o.connected ? ' after Connected' : '');
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    // MUTATION_STATS=1 prints how the runs ended (error name, and whether Connected came first).
    if (process.env.MUTATION_STATS) console.log(Object.fromEntries(seen));
    // The mutations reach past the record layer: several distinct named failures, not one.
    expect(seen.size, [...seen].join(', ')).toBeGreaterThan(4);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);
});
