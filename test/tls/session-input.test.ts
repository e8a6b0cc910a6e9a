// A session handed back to the engine is caller input: a firmware may read
// it from flash that was corrupted or tampered with. Whatever its bytes,
// configuring it must end in BadConfiguration or a well-formed ClientHello,
// never a trap (assembly/tls/session.ts sessionCheck, writePreSharedKey).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientEngine } from '../../host/tls/client-engine.js';
import { TlsError } from '../../host/tls/errors.js';

const SESSION_HEADER = 80;

/** A session as 'session' gives it: the engine's bytes, then the server name and an empty leaf. */
function hostSession(engine: Uint8Array, servername = 'device.example'): Buffer {
  const name = Buffer.from(servername);
  return Buffer.concat([engine, Buffer.from([0, name.length]), name, Buffer.alloc(4)]);
}

/** A well-formed engine session: magic, TLS_AES_128_GCM_SHA256, lifetime, age_add, now, no early data, PSK, ticket. */
function engineSession(ticket: Uint8Array, lifetime = 3600): Uint8Array {
  const s = new Uint8Array(SESSION_HEADER + ticket.length);
  const v = new DataView(s.buffer);
  v.setUint32(0, 0x31535445, true);
  v.setUint32(4, 0x1301, true);
  v.setUint32(8, lifetime, true);
  v.setUint32(12, 0x01020304, true);
  v.setBigInt64(16, BigInt(Math.floor(Date.now() / 1000)), true);
  v.setUint32(28, ticket.length, true);
  s.set(ticket, SESSION_HEADER);
  return s;
}

/** Configures an engine with the session and starts it: the ClientHello, or the error that refused it. */
function startWith(engine: Uint8Array): { hello?: Uint8Array; error?: unknown } {
  try {
    const e = new ClientEngine({ servername: 'device.example', rejectUnauthorized: false, session: hostSession(engine) });
    e.start();
    return { hello: e.takeOutput() };
  } catch (error) {
    return { error };
  }
}

describe('sessions handed back to the engine are checked, never trusted', () => {
  it('a well-formed session is offered: its ticket appears in the ClientHello', () => {
    const ticket = Uint8Array.from({ length: 100 }, (_, i) => i);
    const r = startWith(engineSession(ticket));
    expect(r.error).toBeUndefined();
    expect(Buffer.from(r.hello!).includes(Buffer.from(ticket))).toBe(true);
  });

  it('random headers and tickets: refused as BadConfiguration or offered, never a trap (fast-check, 400 runs)', () => {
    const header = fc.uint8Array({ minLength: SESSION_HEADER, maxLength: SESSION_HEADER });
    const ticket = fc.uint8Array({ minLength: 0, maxLength: 400 });
    fc.assert(fc.property(header, ticket, fc.boolean(), (h, t, magic) => {
      const s = new Uint8Array(SESSION_HEADER + t.length);
      s.set(h);
      s.set(t, SESSION_HEADER);
      const v = new DataView(s.buffer);
      // The ticket length the host wrapper reads is right, and the magic often is, so the rest reaches the engine.
      v.setUint32(28, t.length, true);
      if (magic) v.setUint32(0, 0x31535445, true);
      const r = startWith(s);
      if (r.error instanceof TlsError) expect(r.error.codeName).toBe('BadConfiguration');
      else expect(r.error).toBeUndefined();
    }), { numRuns: 400 });
  });

  it('a well-formed session with any one byte of its header changed: refused or offered, never a trap', () => {
    const good = engineSession(new Uint8Array(64).fill(7));
    for (let at = 0; at < SESSION_HEADER; at++) {
      for (const value of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
        const s = good.slice();
        s[at] = value;
        const r = startWith(s);
        if (r.error) expect(r.error instanceof TlsError || r.error instanceof RangeError).toBe(true);
        else expect(r.hello!.length).toBeGreaterThan(0);
      }
    }
  });

  it('a ticket too large for the send buffer ends in SendBufferTooSmall at start, not a trap or a cut ClientHello', () => {
    const ticket = new Uint8Array(3000).fill(1);
    const e = new ClientEngine({ servername: 'device.example', rejectUnauthorized: false, sendBuffer: 1024, session: hostSession(engineSession(ticket)) });
    e.start();
    expect(e.error?.codeName).toBe('SendBufferTooSmall');
  });
});
