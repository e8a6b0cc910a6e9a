// M1 of the TLS client: the key schedule (RFC 8446 §7.1, §7.3, §4.4.4), the
// transcript hash (§4.4.1) and the record layer (§5) replayed against the
// RFC 8448 §3 "Simple 1-RTT Handshake" trace, value by value, with
// node:crypto's HKDF and AES-GCM as a second opinion; and the codec's
// bounds checks.
import { createDecipheriv, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateTestModule } from '../support/asc.js';
import { nodeExpandLabel } from '../support/tls13-node.js';

const V = JSON.parse(readFileSync(new URL('../vectors/rfc8448_simple_1rtt.json', import.meta.url), 'utf8')) as Record<string, string>;
const R = JSON.parse(readFileSync(new URL('../vectors/rfc8448_resumed.json', import.meta.url), 'utf8')) as Record<string, any>;
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const SHA256 = 0;
const SHA384 = 1;

let p: Record<string, any>;
let mem: () => Uint8Array;
let S: number; // scratch
beforeAll(async () => {
  p = await instantiateTestModule('test/assembly/tls-probe.ts');
  mem = () => new Uint8Array(p.memory.buffer);
  S = p.probeScratch();
});

/** Writes the byte strings into scratch, in order; returns their addresses. */
function put(...parts: Uint8Array[]): number[] {
  let at = S;
  return parts.map((b) => {
    mem().set(b, at);
    const ptr = at;
    at += (b.length + 15) & ~15;
    return ptr;
  });
}
const read = (ptr: number, n: number) => mem().slice(ptr, ptr + n);
const ascii = (s: string) => new TextEncoder().encode(s);
const OUT = () => S + 3072;

function expandLabel(id: number, secret: Uint8Array, label: string, context: Uint8Array, len: number): Uint8Array {
  const [s, l, c] = put(secret, ascii(label), context);
  p.probeExpandLabel(id, s, l, label.length, c, context.length, OUT(), len);
  return read(OUT(), len);
}

describe('key schedule against RFC 8448 §3 (Simple 1-RTT Handshake)', () => {
  it('early secret is HKDF-Extract of zeros (RFC 8448 §3 "extract secret early")', () => {
    p.probeEarlySecret(SHA256, 0, 0, OUT());
    expect(toHex(read(OUT(), 32))).toBe(V.early_secret);
  });

  it('Derive-Secret(early, "derived", "") matches RFC 8448 §3', () => {
    const empty = createHash('sha256').digest();
    expect(toHex(expandLabel(SHA256, hex(V.early_secret), 'derived', empty, 32))).toBe(V.derived_early);
  });

  it('handshake secret from the x25519 shared secret matches RFC 8448 §3 ("extract secret handshake")', () => {
    const [s, ikm] = put(hex(V.early_secret), hex(V.ecdhe));
    p.probeNextStage(SHA256, s, ikm, 32);
    expect(toHex(read(s, 32))).toBe(V.handshake_secret);
  });

  it('master secret matches RFC 8448 §3 ("extract secret master")', () => {
    const [s] = put(hex(V.handshake_secret));
    p.probeNextStage(SHA256, s, 0, 0);
    expect(toHex(read(s, 32))).toBe(V.master_secret);
  });

  it.each([
    ['c hs traffic', 'handshake_secret', 'hello_hash', 'c_hs_traffic'],
    ['s hs traffic', 'handshake_secret', 'hello_hash', 's_hs_traffic'],
    ['c ap traffic', 'master_secret', 'server_finished_hash', 'c_ap_traffic'],
    ['s ap traffic', 'master_secret', 'server_finished_hash', 's_ap_traffic'],
    ['exp master', 'master_secret', 'server_finished_hash', 'exp_master'],
    ['res master', 'master_secret', 'client_finished_hash', 'res_master'],
  ])('Derive-Secret "%s" matches RFC 8448 §3 and node:crypto', (label, secret, hash, expected) => {
    const [s, l, h] = put(hex(V[secret]), ascii(label), hex(V[hash]));
    p.probeDeriveSecret(SHA256, s, l, label.length, h, OUT());
    expect(toHex(read(OUT(), 32))).toBe(V[expected]);
    expect(toHex(nodeExpandLabel('sha256', hex(V[secret]), label, hex(V[hash]), 32))).toBe(V[expected]);
  });

  it.each([
    ['s_hs_traffic', 'server_hs_key', 'server_hs_iv'],
    ['c_hs_traffic', 'client_hs_key', 'client_hs_iv'],
    ['s_ap_traffic', 'server_ap_key', 'server_ap_iv'],
    ['c_ap_traffic', 'client_ap_key', 'client_ap_iv'],
  ])('traffic key and IV of %s match RFC 8448 §3 (§7.3)', (secret, key, iv) => {
    const [s] = put(hex(V[secret]));
    p.probeTrafficKeys(SHA256, s, 16, OUT(), OUT() + 32);
    expect(toHex(read(OUT(), 16))).toBe(V[key]);
    expect(toHex(read(OUT() + 32, 12))).toBe(V[iv]);
  });

  it('finished keys and both verify_data values match RFC 8448 §3 (§4.4.4)', () => {
    let [s] = put(hex(V.s_hs_traffic));
    p.probeFinishedKey(SHA256, s, OUT());
    expect(toHex(read(OUT(), 32))).toBe(V.server_finished_key);
    [s] = put(hex(V.c_hs_traffic));
    p.probeFinishedKey(SHA256, s, OUT());
    expect(toHex(read(OUT(), 32))).toBe(V.client_finished_key);

    // Server Finished covers ClientHello..CertificateVerify.
    const th = createHash('sha256');
    for (const k of ['client_hello', 'server_hello', 'encrypted_extensions', 'certificate', 'certificate_verify']) th.update(hex(V[k]));
    const [ss, h] = put(hex(V.s_hs_traffic), th.digest());
    expect(p.probeFinishedMac(SHA256, ss, h, OUT())).toBe(32);
    expect(toHex(read(OUT(), 32))).toBe(V.server_finished.slice(8));
    const [cs, h2] = put(hex(V.c_hs_traffic), hex(V.server_finished_hash));
    p.probeFinishedMac(SHA256, cs, h2, OUT());
    expect(toHex(read(OUT(), 32))).toBe(V.client_finished.slice(8));
  });

  it('the resumption PSK for ticket nonce 0000 matches RFC 8448 §3 ("resumption")', () => {
    expect(toHex(expandLabel(SHA256, hex(V.res_master), 'resumption', hex('0000'), 32))).toBe(V.resumption_psk_nonce_0000);
  });

  it('KeyUpdate\'s next traffic secret is Expand-Label "traffic upd" (§7.2), checked against node:crypto', () => {
    const [s] = put(hex(V.c_ap_traffic));
    p.probeNextTrafficSecret(SHA256, s);
    expect(toHex(read(s, 32))).toBe(toHex(nodeExpandLabel('sha256', hex(V.c_ap_traffic), 'traffic upd', new Uint8Array(0), 32)));
  });

  it('Expand-Label with SHA-384 agrees with node:crypto for random secrets, labels and contexts', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 48, maxLength: 48 }), fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.replace(/[^ -~]/g, 'a')),
      fc.uint8Array({ maxLength: 48 }), fc.integer({ min: 1, max: 100 }), (secret, label, context, len) => {
        expect(toHex(expandLabel(SHA384, secret, label, context, len))).toBe(toHex(nodeExpandLabel('sha384', secret, label, context, len)));
      }), { numRuns: 50 });
  });
});

describe('transcript hash (§4.4.1)', () => {
  it('reproduces RFC 8448 §3\'s hashes at ServerHello, server Finished and client Finished', () => {
    p.probeInit(0x1301);
    p.probeThInit();
    const feed = (k: string) => {
      const [m] = put(hex(V[k]));
      p.probeThUpdate(m, V[k].length / 2);
    };
    feed('client_hello');
    feed('server_hello');
    p.probeThChoose(SHA256);
    expect(p.probeThHash(OUT())).toBe(32);
    expect(toHex(read(OUT(), 32))).toBe(V.hello_hash);
    for (const k of ['encrypted_extensions', 'certificate', 'certificate_verify', 'server_finished']) feed(k);
    p.probeThHash(OUT());
    expect(toHex(read(OUT(), 32))).toBe(V.server_finished_hash);
    feed('client_finished');
    p.probeThHash(OUT());
    expect(toHex(read(OUT(), 32))).toBe(V.client_finished_hash);
  });

  it('keeps SHA-384 when the suite asks for it, and replaces ClientHello1 by message_hash after a HelloRetryRequest', () => {
    const ch1 = hex(V.client_hello);
    p.probeInit(0x1302);
    p.probeThInit();
    const [m] = put(ch1);
    p.probeThUpdate(m, ch1.length);
    p.probeThChoose(SHA384);
    p.probeThHash(OUT());
    expect(toHex(read(OUT(), 48))).toBe(createHash('sha384').update(ch1).digest('hex'));
    p.probeThMessageHash();
    p.probeThHash(OUT());
    const inner = createHash('sha384').update(ch1).digest();
    const expected = createHash('sha384').update(Buffer.concat([Buffer.from([254, 0, 0, 48]), inner])).digest('hex');
    expect(toHex(read(OUT(), 48))).toBe(expected);
  });
});

describe('key schedule against RFC 8448 §4 (Resumed 0-RTT Handshake)', () => {
  it('the early secret from §3\'s resumption PSK matches RFC 8448 §4 ("extract secret early")', () => {
    const [psk] = put(hex(R.psk));
    p.probeEarlySecret(SHA256, psk, 32, OUT());
    expect(toHex(read(OUT(), 32))).toBe(R.early_secret);
  });

  it('the PSK binder over the truncated ClientHello matches RFC 8448 §4 (§4.2.11.2: "res binder", then Finished\'s MAC)', () => {
    const empty = createHash('sha256').digest();
    const [early, label, h] = put(hex(R.early_secret), ascii('res binder'), empty);
    p.probeDeriveSecret(SHA256, early, label, 10, h, OUT());
    expect(toHex(read(OUT(), 32))).toBe(R.binder_key);
    p.probeThInit();
    const [prefix] = put(hex(R.client_hello).subarray(0, R.client_hello_prefix_len));
    p.probeThUpdate(prefix, R.client_hello_prefix_len);
    p.probeThChoose(SHA256);
    const [binderKey, transcript] = put(hex(R.binder_key), new Uint8Array(32));
    expect(p.probeThHash(transcript)).toBe(32);
    expect(toHex(read(transcript, 32))).toBe(R.binder_hash);
    p.probeFinishedKey(SHA256, binderKey, OUT());
    expect(toHex(read(OUT(), 32))).toBe(R.binder_finished_key);
    p.probeFinishedMac(SHA256, binderKey, transcript, OUT());
    expect(toHex(read(OUT(), 32))).toBe(R.binder);
  });

  it.each([
    ['c e traffic', 'c_e_traffic'],
    ['e exp master', 'e_exp_master'],
  ])('Derive-Secret(early, "%s", ClientHello) matches RFC 8448 §4', (label, expected) => {
    const [s, l, h] = put(hex(R.early_secret), ascii(label), createHash('sha256').update(hex(R.client_hello)).digest());
    p.probeDeriveSecret(SHA256, s, l, label.length, h, OUT());
    expect(toHex(read(OUT(), 32))).toBe(R[expected]);
  });
});

describe('record layer against RFC 8448 §3', () => {
  function openAt(record: string, key: string, iv: string, seq: number): { type: number; content: string } {
    p.probeInit(0x1301);
    const [k, i] = put(hex(V[key]), hex(V[iv]));
    p.probeSetReadKeys(k, i);
    // Sequence numbers advance only on successful opens: open dummies sealed
    // under the same keys to reach the record's number.
    const rec = hex(record);
    p.probeSetWriteKeys(k, i);
    for (let n = 0; n < seq; n++) {
      const c = p.probeSendContent();
      mem()[c] = 0x41;
      p.probeResetSend();
      p.probeSeal(23, 1);
      mem().set(read(p.probeSend(), 5 + 1 + 1 + 16), p.probeRecv());
      expect(p.probeOpen()).toBe(23);
    }
    mem().set(rec, p.probeRecv());
    const type = p.probeOpen();
    const content = type > 0 ? toHex(read(p.probeRecv() + 5, p.probeOpenedLen())) : '';
    return { type, content };
  }

  it('opens the server\'s encrypted handshake flight (EncryptedExtensions..Finished)', () => {
    const { type, content } = openAt(V.server_flight_record, 'server_hs_key', 'server_hs_iv', 0);
    expect(type).toBe(22);
    expect(content).toBe(V.encrypted_extensions + V.certificate + V.certificate_verify + V.server_finished);
  });

  it('opens the NewSessionTicket, application data and close_notify records in sequence', () => {
    expect(openAt(V.new_session_ticket_record, 'server_ap_key', 'server_ap_iv', 0)).toEqual({ type: 22, content: V.new_session_ticket });
    expect(openAt(V.server_app_record, 'server_ap_key', 'server_ap_iv', 1)).toEqual({ type: 23, content: V.application_data });
    expect(openAt(V.server_alert_record, 'server_ap_key', 'server_ap_iv', 2)).toEqual({ type: 21, content: '0100' });
  });

  it('seals the client Finished, application data and close_notify byte for byte as in RFC 8448 §3', () => {
    p.probeInit(0x1301);
    let [k, i] = put(hex(V.client_hs_key), hex(V.client_hs_iv));
    p.probeSetWriteKeys(k, i);
    const seal = (type: number, content: string) => {
      p.probeResetSend();
      mem().set(hex(content), p.probeSendContent());
      expect(p.probeSeal(type, content.length / 2)).toBe(0);
      return toHex(read(p.probeSend(), p.probeSendLen()));
    };
    expect(seal(22, V.client_finished)).toBe(V.client_finished_record);
    [k, i] = put(hex(V.client_ap_key), hex(V.client_ap_iv));
    p.probeSetWriteKeys(k, i);
    expect(seal(23, V.application_data)).toBe(V.client_app_record);
    expect(seal(21, '0100')).toBe(V.client_alert_record);
  });

  it('rejects a record with any single bit flipped, header included, and releases nothing', () => {
    const rec = hex(V.server_app_record);
    for (let bit = 0; bit < rec.length * 8; bit += 7) {
      const bad = rec.slice();
      bad[bit >> 3] ^= 1 << (bit & 7);
      p.probeInit(0x1301);
      const [k, i] = put(hex(V.server_ap_key), hex(V.server_ap_iv));
      p.probeSetReadKeys(k, i);
      mem().set(bad, p.probeRecv());
      const type = p.probeOpen();
      expect(type).toBeLessThan(0);
      // The ciphertext is left as it was: no plaintext in the buffer.
      expect(toHex(read(p.probeRecv(), bad.length))).toBe(toHex(bad));
    }
  });

  it.each([[0x1301, 16, 'aes-128-gcm'], [0x1302, 32, 'aes-256-gcm'], [0x1303, 32, 'chacha20-poly1305']])(
    'suite %s seals what node:crypto opens, for random contents and sequence numbers',
    (suite, keyLen, cipher) => {
      fc.assert(fc.property(fc.uint8Array({ minLength: keyLen, maxLength: keyLen }), fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.uint8Array({ maxLength: 600 }), fc.integer({ min: 0, max: 3 }), (key, iv, content, seq) => {
          p.probeInit(suite);
          const [k, i] = put(key, iv);
          p.probeSetWriteKeys(k, i);
          let record = new Uint8Array(0);
          for (let n = 0; n <= seq; n++) {
            p.probeResetSend();
            mem().set(content, p.probeSendContent());
            p.probeSeal(23, content.length);
            record = read(p.probeSend(), p.probeSendLen());
          }
          const nonce = Buffer.from(iv);
          nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
          const body = record.subarray(5, record.length - 16);
          const dec = createDecipheriv(cipher, key, nonce, { authTagLength: 16 });
          dec.setAAD(record.subarray(0, 5));
          dec.setAuthTag(record.subarray(record.length - 16));
          const plain = Buffer.concat([dec.update(body), dec.final()]);
          expect(toHex(plain)).toBe(toHex(content) + '17');
        }), { numRuns: 20 });
    },
  );
});

describe('codec', () => {
  it('a vector whose length runs past the input fails, and the failure is sticky', () => {
    const [m] = put(hex('0005aabbcc'));
    p.probeRdInit(m, 5);
    expect(p.probeRdVec(2, 0, 0xffff)).toBe(0);
    expect(p.probeRdOk()).toBe(0);
    expect(p.probeRdU8()).toBe(0);
    expect(p.probeRdOk()).toBe(0);
  });

  it('a vector length outside <min..max> fails even when the bytes are there', () => {
    const [m] = put(hex('01aa'));
    p.probeRdInit(m, 2);
    expect(p.probeRdVec(1, 2, 10)).toBe(0);
    expect(p.probeRdOk()).toBe(0);
  });

  it('reads u8/u16/u24 big-endian and reports done only at the exact end', () => {
    const [m] = put(hex('01020304050607'));
    p.probeRdInit(m, 7);
    expect(p.probeRdU8()).toBe(1);
    expect(p.probeRdU16()).toBe(0x0203);
    expect(p.probeRdU24()).toBe(0x040506);
    expect(p.probeRdDone()).toBe(0);
    expect(p.probeRdU8()).toBe(7);
    expect(p.probeRdDone()).toBe(1);
  });

  it('never reads past its end, whatever the bytes say', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 20 }), (bytes, ops) => {
      const [m] = put(bytes);
      p.probeRdInit(m, bytes.length);
      for (const op of ops) {
        if (op === 0) p.probeRdU8();
        else if (op === 1) p.probeRdU16();
        else if (op === 2) p.probeRdU24();
        else p.probeRdVec(op - 2, 0, 0xffff);
      }
      // Either every read fitted, or the reader is failed and empty.
      if (p.probeRdOk() === 0) expect(p.probeRdDone()).toBe(0);
    }));
  });

  it('writes nested vectors in the RFC\'s shape and refuses to write past its capacity', () => {
    const out = OUT();
    p.probeWrInit(out, 8);
    const outer = p.probeWrOpen(2);
    p.probeWrU8(7);
    const inner = p.probeWrOpen(1);
    p.probeWrU16(0xbeef);
    p.probeWrClose(inner, 1);
    p.probeWrClose(outer, 2);
    expect(p.probeWrOk()).toBe(1);
    expect(toHex(read(out, 6))).toBe('00040702beef');
    p.probeWrU16(1);
    expect(p.probeWrOk()).toBe(1);
    p.probeWrU8(1);
    expect(p.probeWrOk()).toBe(0);
    expect(p.probeWrHere()).toBe(out + 8);
  });
});
