// P-256 and P-384: key derivation, ECDH, ECDSA signing (RFC 6979) and
// verification. Published vectors, differential properties against
// node:crypto and @noble/curves in both directions, strict DER and point
// validation, the engine's incremental contract, and argument checks.
import { createECDH, createHash, createPublicKey, randomBytes, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { p256 as nobleP256, p384 as nobleP384 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASHES, type HashName } from '../../host/args.js';
import { arena, engine, readBytes, wipeArena, writeBytes } from '../../host/engine.js';
import { ecdhP256, ecdsaSign, ecdsaVerify, publicKeyP256, type CurveName } from '../../host/primitives/ec.js';
import rfc4754 from '../vectors/rfc4754_ecdsa_p256.json';
import rfc5903 from '../vectors/rfc5903_ecdh_p256.json';
import rfc6979p256 from '../vectors/rfc6979_ecdsa_p256.json';
import rfc6979p384 from '../vectors/rfc6979_ecdsa_p384.json';

const HASH_NAMES: HashName[] = ['sha256', 'sha384', 'sha512'];
const CURVES: CurveName[] = ['P-256', 'P-384'];
const CHUNK_EDGES = [16383, 16384, 16385, 32768 + 7];
const MiB = 1 << 20;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const big = (b: Uint8Array) => BigInt('0x' + (hex(b) || '0'));
const toBytes = (x: bigint, size: number) => unhex(x.toString(16).padStart(size * 2, '0'));

const ORDER: Record<CurveName, bigint> = {
  'P-256': 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  'P-384': 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};
const PRIME: Record<CurveName, bigint> = {
  'P-256': 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n,
  'P-384': 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n,
};
const SIZE: Record<CurveName, number> = { 'P-256': 32, 'P-384': 48 };
const NOBLE = { 'P-256': nobleP256, 'P-384': nobleP384 };
const NODE_CURVE = { 'P-256': 'prime256v1', 'P-384': 'secp384r1' };

/** DER of an unsigned integer (X.690 §8.3: minimal, a 0x00 before a leading 1 bit). */
function derInt(x: bigint): Uint8Array {
  let h = x.toString(16);
  if (h.length % 2) h = '0' + h;
  let b = unhex(h);
  if (b[0] & 0x80) b = Uint8Array.of(0, ...b);
  return Uint8Array.of(0x02, b.length, ...b);
}
function derSig(r: bigint, s: bigint): Uint8Array {
  const body = [...derInt(r), ...derInt(s)];
  return Uint8Array.of(0x30, body.length, ...body);
}
/** r and s of a DER signature (the engine's output is trusted to be well formed here). */
function parseSig(sig: Uint8Array): { r: bigint; s: bigint } {
  const rLen = sig[3];
  const r = big(sig.subarray(4, 4 + rLen));
  const s = big(sig.subarray(6 + rLen, 6 + rLen + sig[5 + rLen]));
  return { r, s };
}

function nodeKeyPair(curve: CurveName) {
  const ecdh = createECDH(NODE_CURVE[curve]);
  ecdh.generateKeys();
  const priv = new Uint8Array(ecdh.getPrivateKey());
  return { priv: priv.length === SIZE[curve] ? priv : toBytes(big(priv), SIZE[curve]), pub: new Uint8Array(ecdh.getPublicKey()) };
}
/** A node:crypto KeyObject for an uncompressed SEC1 point, through JWK. */
function nodePublicKey(curve: CurveName, point: Uint8Array) {
  const size = SIZE[curve];
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
  return createPublicKey({
    key: { kty: 'EC', crv: curve, x: b64(point.subarray(1, 1 + size)), y: b64(point.subarray(1 + size)) },
    format: 'jwk',
  });
}
function nodePrivateKey(curve: CurveName, priv: Uint8Array, point: Uint8Array) {
  const size = SIZE[curve];
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
  return {
    key: {
      kty: 'EC', crv: curve, d: b64(priv), x: b64(point.subarray(1, 1 + size)), y: b64(point.subarray(1 + size)),
    },
    format: 'jwk' as const,
  };
}
const nodeVerifies = (curve: CurveName, hash: HashName, pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) =>
  nodeVerify(hash, msg, nodePublicKey(curve, pub), sig);

const keyArb = (curve: CurveName) =>
  fc.bigInt({ min: 1n, max: ORDER[curve] - 1n }).map((d) => toBytes(d, SIZE[curve]));

describe('RFC 6979 A.2.5 (P-256) vectors', () => {
  const v = rfc6979p256;
  const x = unhex(v.x);
  const point = unhex('04' + v.Ux + v.Uy);

  it('publicKeyP256 derives the key pair of RFC 6979 A.2.5', () => {
    expect(hex(publicKeyP256(x))).toBe(hex(point));
  });

  it.each(v.signatures)('ecdsaSign reproduces the $hash signature of "$message" exactly (RFC 6979 A.2.5)', (c) => {
    const expected = derSig(BigInt('0x' + c.r), BigInt('0x' + c.s));
    const message = ascii(c.message);
    expect(hex(ecdsaSign('P-256', c.hash as HashName, x, message))).toBe(hex(expected));
    expect(ecdsaVerify('P-256', c.hash as HashName, point, message, expected)).toBe(true);
    // The transcription itself: node:crypto accepts the vector as typed.
    expect(nodeVerifies('P-256', c.hash as HashName, point, message, expected)).toBe(true);
  });
});

describe('RFC 6979 A.2.6 (P-384) vectors', () => {
  const v = rfc6979p384;
  const x = unhex(v.x);
  const point = unhex('04' + v.Ux + v.Uy);

  it.each(v.signatures)('ecdsaVerify accepts the $hash signature of "$message" and rejects it on another message (RFC 6979 A.2.6)', (c) => {
    const sig = derSig(BigInt('0x' + c.r), BigInt('0x' + c.s));
    const message = ascii(c.message);
    expect(nodeVerifies('P-384', c.hash as HashName, point, message, sig)).toBe(true);
    expect(ecdsaVerify('P-384', c.hash as HashName, point, message, sig)).toBe(true);
    expect(ecdsaVerify('P-384', c.hash as HashName, point, ascii(c.message + '.'), sig)).toBe(false);
  });

  it.each(v.signatures)('ecdsaSign over P-384 reproduces the $hash signature of "$message" (RFC 6979 A.2.6)', (c) => {
    const expected = derSig(BigInt('0x' + c.r), BigInt('0x' + c.s));
    expect(hex(ecdsaSign('P-384', c.hash as HashName, x, ascii(c.message)))).toBe(hex(expected));
  });
});

describe('RFC 5903 §8.1 (P-256 ECDH) vector', () => {
  const v = rfc5903;
  const gi = unhex('04' + v.gix + v.giy);
  const gr = unhex('04' + v.grx + v.gry);

  it('publicKeyP256 derives both public points of RFC 5903 §8.1', () => {
    expect(hex(publicKeyP256(unhex(v.i)))).toBe(hex(gi));
    expect(hex(publicKeyP256(unhex(v.r)))).toBe(hex(gr));
  });

  it('both sides of RFC 5903 §8.1 compute the shared x-coordinate', () => {
    expect(hex(ecdhP256(unhex(v.i), gr))).toBe(v.girx.toLowerCase());
    expect(hex(ecdhP256(unhex(v.r), gi))).toBe(v.girx.toLowerCase());
  });
});

describe('RFC 4754 §8.1 (ECDSA-256) vector', () => {
  const v = rfc4754;
  const point = unhex('04' + v.gwx + v.gwy);
  const sig = derSig(BigInt('0x' + v.r), BigInt('0x' + v.s));

  it('publicKeyP256 derives the public key of RFC 4754 §8.1', () => {
    expect(hex(publicKeyP256(unhex(v.w)))).toBe(hex(point));
  });

  it('ecdsaVerify accepts the RFC 4754 §8.1 signature over "abc" and rejects r + 1 and s + 1', () => {
    expect(hex(createHash('sha256').update(v.message).digest())).toBe(v.h.toLowerCase());
    expect(ecdsaVerify('P-256', 'sha256', point, ascii(v.message), sig)).toBe(true);
    const r = BigInt('0x' + v.r), s = BigInt('0x' + v.s);
    expect(ecdsaVerify('P-256', 'sha256', point, ascii(v.message), derSig(r + 1n, s))).toBe(false);
    expect(ecdsaVerify('P-256', 'sha256', point, ascii(v.message), derSig(r, s + 1n))).toBe(false);
  });
});

describe('P-256 keys and ECDH against node:crypto and @noble/curves', () => {
  it('publicKeyP256 matches node:crypto and noble on random private keys', () => {
    fc.assert(
      fc.property(keyArb('P-256'), (d) => {
        const mine = hex(publicKeyP256(d));
        const ecdh = createECDH('prime256v1');
        ecdh.setPrivateKey(d);
        expect(mine).toBe(ecdh.getPublicKey('hex'));
        expect(mine).toBe(hex(nobleP256.getPublicKey(d, false)));
      }),
      { numRuns: 60 },
    );
  });

  it('publicKeyP256 handles the extreme private keys 1 (G) and n - 1 (-G)', () => {
    const n = ORDER['P-256'];
    const g = hex(nobleP256.Point.BASE.toBytes(false));
    expect(hex(publicKeyP256(toBytes(1n, 32)))).toBe(g);
    expect(hex(publicKeyP256(toBytes(n - 1n, 32)))).toBe(hex(nobleP256.Point.BASE.negate().toBytes(false)));
    expect(hex(publicKeyP256(toBytes(2n, 32)))).toBe(hex(nobleP256.Point.BASE.double().toBytes(false)));
  });

  it('ecdhP256 agrees with node:crypto and noble on random key pairs, both ways', () => {
    fc.assert(
      fc.property(keyArb('P-256'), fc.constant(null), (d) => {
        const peer = nodeKeyPair('P-256');
        const ours = ecdhP256(d, peer.pub);
        const ecdh = createECDH('prime256v1');
        ecdh.setPrivateKey(d);
        expect(hex(ours)).toBe(hex(ecdh.computeSecret(peer.pub)));
        expect(hex(ours)).toBe(hex(nobleP256.getSharedSecret(d, peer.pub).subarray(1)));
        // And the other side, with our public key.
        const back = createECDH('prime256v1');
        back.setPrivateKey(peer.priv);
        expect(hex(back.computeSecret(publicKeyP256(d)))).toBe(hex(ours));
        expect(hex(ecdhP256(peer.priv, publicKeyP256(d)))).toBe(hex(ours));
      }),
      { numRuns: 60 },
    );
  });
});

describe('ECDSA against node:crypto and @noble/curves', () => {
  it.each(CURVES.flatMap((c) => HASH_NAMES.map((h) => [c, h] as const)))(
    '%s/%s: our signatures verify under node:crypto and noble, and theirs under ecdsaVerify',
    (curve, hash) => {
      fc.assert(
        fc.property(keyArb(curve), fc.uint8Array({ maxLength: 4096 }), (d, message) => {
          const pub = NOBLE[curve].getPublicKey(d, false);
          const sig = ecdsaSign(curve, hash, d, message);
          expect(nodeVerifies(curve, hash, pub, message, sig)).toBe(true);
          const digest = createHash(hash).update(message).digest();
          expect(NOBLE[curve].verify(sig, digest, pub, { prehash: false, format: 'der', lowS: false })).toBe(true);
          const theirs = new Uint8Array(nodeSign(hash, message, nodePrivateKey(curve, d, pub)));
          expect(ecdsaVerify(curve, hash, pub, message, theirs)).toBe(true);
          const noble = NOBLE[curve].sign(digest, d, { prehash: false, format: 'der' });
          expect(ecdsaVerify(curve, hash, pub, message, noble)).toBe(true);
        }),
        { numRuns: curve === 'P-256' ? 25 : 10 },
      );
    },
  );

  it('P-256/SHA-256 signatures equal noble\'s RFC 6979 signatures byte for byte', () => {
    fc.assert(
      fc.property(keyArb('P-256'), fc.uint8Array({ maxLength: 300 }), (d, message) => {
        const expected = nobleP256.sign(message, d, { format: 'der', lowS: false });
        expect(hex(ecdsaSign('P-256', 'sha256', d, message))).toBe(hex(expected));
      }),
      { numRuns: 40 },
    );
  });

  it('signs and verifies messages of every length from 0 to 300 bytes', () => {
    const { priv, pub } = nodeKeyPair('P-256');
    const key = nodePublicKey('P-256', pub);
    for (let n = 0; n <= 300; n++) {
      const message = new Uint8Array(randomBytes(n));
      const sig = ecdsaSign('P-256', 'sha256', priv, message);
      expect(nodeVerify('sha256', message, key, sig)).toBe(true);
    }
  });

  it.each([...CHUNK_EDGES, MiB])('streams a %d-byte message through the engine\'s chunks for sign and verify', (n) => {
    const { priv, pub } = nodeKeyPair('P-256');
    const message = new Uint8Array(randomBytes(n));
    const sig = ecdsaSign('P-256', 'sha384', priv, message);
    expect(nodeVerifies('P-256', 'sha384', pub, message, sig)).toBe(true);
    expect(ecdsaVerify('P-256', 'sha384', pub, message, sig)).toBe(true);
    message[n - 1] ^= 1;
    expect(ecdsaVerify('P-256', 'sha384', pub, message, sig)).toBe(false);
  });

  it('ecdsaVerify rejects a signature under another key or over another message', () => {
    fc.assert(
      fc.property(keyArb('P-256'), keyArb('P-256'), fc.uint8Array({ minLength: 1, maxLength: 64 }), (d, e, message) => {
        fc.pre(hex(d) !== hex(e));
        const sig = ecdsaSign('P-256', 'sha256', d, message);
        expect(ecdsaVerify('P-256', 'sha256', publicKeyP256(e), message, sig)).toBe(false);
        const other = message.slice();
        other[0] ^= 0x80;
        expect(ecdsaVerify('P-256', 'sha256', publicKeyP256(d), other, sig)).toBe(false);
        expect(ecdsaVerify('P-256', 'sha512', publicKeyP256(d), message, sig)).toBe(false);
      }),
      { numRuns: 20 },
    );
  });
});

describe.each(CURVES)('%s signatures that are malformed or out of range', (curve) => {
  const n = ORDER[curve];
  const size = SIZE[curve];
  const d = toBytes(0x1234567890abcdefn * 0x1000000000000000000n + 99n, size);
  const pub = NOBLE[curve].getPublicKey(d, false);
  const message = ascii('the message');
  const good = ecdsaSign(curve, 'sha256', d, message);
  const { r, s } = parseSig(good);
  const verify = (sig: Uint8Array) => ecdsaVerify(curve, 'sha256', pub, message, sig);

  it('accepts the signature itself and its high-S twin (n - s): ECDSA does not require low S', () => {
    expect(verify(good)).toBe(true);
    const twin = derSig(r, n - s);
    expect(nodeVerifies(curve, 'sha256', pub, message, twin)).toBe(true);
    expect(verify(twin)).toBe(true);
  });

  it('rejects r or s equal to 0, to n, or above n (r + n, s + n)', () => {
    for (const [rr, ss] of [[0n, s], [r, 0n], [0n, 0n], [n, s], [r, n], [r + n, s], [r, s + n], [n - 1n + n, s]]) {
      expect(verify(derSig(rr, ss))).toBe(false);
    }
  });

  it('rejects r and s that do not fit the curve (one byte longer than the order)', () => {
    expect(verify(derSig(r + (1n << BigInt(8 * size)), s))).toBe(false);
    expect(verify(derSig(r, s + (1n << BigInt(8 * size + 1))))).toBe(false);
  });

  it('rejects non-minimal DER: a superfluous 0x00, a long-form length, a negative integer', () => {
    const rInt = derInt(r), sInt = derInt(s);
    const seq = (...parts: Uint8Array[]) => {
      const body = parts.flatMap((p) => [...p]);
      return Uint8Array.of(0x30, body.length, ...body);
    };
    const padded = (int: Uint8Array) => Uint8Array.of(0x02, int[1] + 1, 0x00, ...int.subarray(2));
    expect(verify(seq(padded(rInt), sInt))).toBe(false);
    expect(verify(seq(rInt, padded(sInt)))).toBe(false);
    const longForm = (int: Uint8Array) => Uint8Array.of(0x02, 0x81, int[1], ...int.subarray(2));
    expect(verify(seq(longForm(rInt), sInt))).toBe(false);
    const body = [...rInt, ...sInt];
    expect(verify(Uint8Array.of(0x30, 0x81, body.length, ...body))).toBe(false);
    // A negative integer: the 0x00 that kept a high bit positive removed.
    const stripped = (int: Uint8Array) => (int[2] === 0 ? Uint8Array.of(0x02, int[1] - 1, ...int.subarray(3)) : int);
    const rHigh = derInt(r | (1n << BigInt(8 * size - 1)));
    expect(verify(seq(stripped(rHigh), sInt))).toBe(false);
  });

  it('rejects trailing garbage, truncation, wrong tags and wrong lengths', () => {
    expect(verify(Uint8Array.of(...good, 0x00))).toBe(false);
    expect(verify(good.subarray(0, good.length - 1))).toBe(false);
    expect(verify(new Uint8Array(0))).toBe(false);
    expect(verify(Uint8Array.of(0x30, 0x00))).toBe(false);
    const bad = good.slice();
    bad[0] = 0x31;
    expect(verify(bad)).toBe(false);
    const badInt = good.slice();
    badInt[2] = 0x03;
    expect(verify(badInt)).toBe(false);
    const longer = good.slice();
    longer[1] += 1;
    expect(verify(longer)).toBe(false);
    // The IEEE P1363 form r || s is not DER.
    expect(verify(Uint8Array.of(...toBytes(r, size), ...toBytes(s, size)))).toBe(false);
    // Three integers in the sequence.
    const three = [...derInt(r), ...derInt(s), ...derInt(1n)];
    expect(verify(Uint8Array.of(0x30, three.length, ...three))).toBe(false);
    expect(verify(new Uint8Array(5000))).toBe(false);
  });

  it('rejects the signature with any single bit flipped', () => {
    for (let i = 0; i < good.length * 8; i++) {
      const flipped = good.slice();
      flipped[i >> 3] ^= 1 << (i & 7);
      expect(verify(flipped)).toBe(false);
    }
  });
});

/** a^e mod m. */
function modPow(a: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  for (a %= m; e > 0n; e >>= 1n, a = (a * a) % m) if (e & 1n) r = (r * a) % m;
  return r;
}
/** The valid P-256 point with the smallest x: x + p still fits 32 bytes, so it tests the x < p check alone. */
function smallPoint(): { x: bigint; y: bigint } {
  const p = PRIME['P-256'];
  const b = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
  for (let x = 0n; ; x++) {
    const rhs = (((x * x * x - 3n * x + b) % p) + p) % p;
    const y = modPow(rhs, (p + 1n) / 4n, p); // p = 3 mod 4
    if ((y * y) % p === rhs) return { x, y };
  }
}

describe('invalid public points', () => {
  const p = PRIME['P-256'];
  const small = smallPoint();
  const d = toBytes(7n, 32);
  const good = publicKeyP256(toBytes(12345n, 32));
  const x = big(good.subarray(1, 33)), y = big(good.subarray(33));
  const point = (px: bigint, py: bigint) => Uint8Array.of(4, ...toBytes(px, 32), ...toBytes(py, 32));
  const message = ascii('m');
  const sig = ecdsaSign('P-256', 'sha256', toBytes(12345n, 32), message);
  const cases: Array<[string, Uint8Array]> = [
    ['a point off the curve (y + 1)', point(x, (y + 1n) % p)],
    ['x = p (a coordinate not reduced)', point(p, y)],
    ['a valid point with x + p written in place of x', point(small.x + p, small.y)],
    ['y = p', point(x, p)],
    ['(0, 0)', point(0n, 0n)],
    ['the SEC1 encoding of the point at infinity (one 0x00 byte)', Uint8Array.of(0)],
    ['a compressed point (0x02 prefix)', Uint8Array.of(2, ...good.subarray(1, 33))],
    ['a wrong prefix (0x05)', Uint8Array.of(5, ...good.subarray(1))],
    ['a hybrid prefix (0x06)', Uint8Array.of(6, ...good.subarray(1))],
    ['64 bytes (no prefix)', good.subarray(1)],
    ['66 bytes (a trailing byte)', Uint8Array.of(...good, 0)],
    ['an empty array', new Uint8Array(0)],
    ['a P-384 point', nobleP384.getPublicKey(toBytes(5n, 48), false)],
  ];

  it.each(cases)('ecdhP256 throws an error with code INVALID_POINT for %s', (_, bad) => {
    expect(() => ecdhP256(d, bad)).toThrowError(expect.objectContaining({ code: 'INVALID_POINT' }));
  });

  it.each(cases)('ecdsaVerify returns false (and does not throw) for %s', (_, bad) => {
    expect(ecdsaVerify('P-256', 'sha256', bad, message, sig)).toBe(false);
  });

  it('the valid points themselves are accepted by both', () => {
    expect(ecdhP256(d, good)).toHaveLength(32);
    expect(ecdhP256(d, point(small.x, small.y))).toHaveLength(32);
    expect(ecdsaVerify('P-256', 'sha256', good, message, sig)).toBe(true);
  });

  it('ecdsaVerify over P-384 rejects a P-384 point off the curve', () => {
    const pk = nobleP384.getPublicKey(toBytes(5n, 48), false).slice();
    pk[96] ^= 1;
    const s384 = ecdsaSign('P-384', 'sha384', toBytes(5n, 48), message);
    expect(ecdsaVerify('P-384', 'sha384', pk, message, s384)).toBe(false);
  });
});

describe('private keys and arguments', () => {
  const n = ORDER['P-256'];
  const pub = publicKeyP256(toBytes(3n, 32));

  it.each([
    ['0', 0n], ['n', n], ['n + 1', n + 1n], ['2^256 - 1', 2n ** 256n - 1n],
  ])('publicKeyP256, ecdhP256 and ecdsaSign reject the private key %s with a RangeError', (_, k) => {
    const key = toBytes(k, 32);
    expect(() => publicKeyP256(key)).toThrow(RangeError);
    expect(() => ecdhP256(key, pub)).toThrow(RangeError);
    expect(() => ecdsaSign('P-256', 'sha256', key, new Uint8Array(1))).toThrow(RangeError);
  });

  it('rejects private keys of the wrong length with a RangeError naming privateKey', () => {
    expect(() => publicKeyP256(new Uint8Array(31))).toThrow(/privateKey/);
    expect(() => publicKeyP256(new Uint8Array(33))).toThrow(RangeError);
    expect(() => ecdhP256(new Uint8Array(48), pub)).toThrow(RangeError);
    expect(() => ecdsaSign('P-256', 'sha256', new Uint8Array(48).fill(1), new Uint8Array(0))).toThrow(/privateKey/);
    expect(() => ecdsaSign('P-384', 'sha256', new Uint8Array(32).fill(1), new Uint8Array(0))).toThrow(RangeError);
  });

  it('rejects wrong argument types with a TypeError naming the argument', () => {
    const key = toBytes(3n, 32);
    expect(() => publicKeyP256('00' as unknown as Uint8Array)).toThrow(/privateKey/);
    expect(() => publicKeyP256([1, 2] as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => ecdhP256(key, null as unknown as Uint8Array)).toThrow(/publicKey/);
    expect(() => ecdsaSign('P-256', 'sha256', key, 'msg' as unknown as Uint8Array)).toThrow(/message/);
    expect(() => ecdsaVerify('P-256', 'sha256', 'pk' as unknown as Uint8Array, new Uint8Array(0), new Uint8Array(0))).toThrow(TypeError);
    expect(() => ecdsaVerify('P-256', 'sha256', pub, new Uint8Array(0), {} as unknown as Uint8Array)).toThrow(/signature/);
    expect(() => ecdsaVerify(256 as unknown as CurveName, 'sha256', pub, new Uint8Array(0), new Uint8Array(0))).toThrow(TypeError);
  });

  it('rejects unknown curve and hash names with a RangeError naming the argument', () => {
    const key = toBytes(3n, 32);
    expect(() => ecdsaSign('P-521' as CurveName, 'sha256', key, new Uint8Array(0))).toThrow(/curve/);
    expect(() => ecdsaSign('P-256', 'sha1' as HashName, key, new Uint8Array(0))).toThrow(/hash/);
    expect(() => ecdsaVerify('secp256k1' as CurveName, 'sha256', pub, new Uint8Array(0), new Uint8Array(8))).toThrow(RangeError);
    expect(() => ecdsaVerify('P-256', 'md5' as HashName, pub, new Uint8Array(0), new Uint8Array(8))).toThrow(RangeError);
  });

  it('leaves no copy of a private key, nonce or shared secret in engine memory', () => {
    const d = new Uint8Array(randomBytes(32));
    d[0] |= 1;
    d[0] &= 0x7f;
    const peer = nodeKeyPair('P-256');
    const shared = ecdhP256(d, peer.pub);
    ecdsaSign('P-256', 'sha256', d, ascii('sample'));
    const memory = Buffer.from(engine.memory.buffer);
    expect(memory.indexOf(Buffer.from(d))).toBe(-1);
    expect(memory.indexOf(Buffer.from(shared))).toBe(-1);
    expect(memory.indexOf(Buffer.from(d.subarray(0, 8)))).toBe(-1);
  });
});

describe('the engine\'s incremental ECDSA contract', () => {
  const { ctx, input, params } = arena;
  const priv = params, out = params + 64, pubPtr = params + 256, digestPtr = params + 512;

  it('signs the same message split at any points into the same signature', () => {
    fc.assert(
      fc.property(
        keyArb('P-256'), fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(600), { maxLength: 6 }),
        fc.constantFrom(...HASH_NAMES),
        (d, message, cuts, hash) => {
          const points = [...new Set(cuts.map((c) => c % (message.length + 1)))].sort((a, b) => a - b);
          try {
            engine.ecdsaInit(ctx, HASHES[hash].id);
            let at = 0;
            for (const p of [...points, message.length]) {
              writeBytes(input, message.subarray(at, p));
              engine.ecdsaUpdate(ctx, input, p - at);
              at = p;
            }
            writeBytes(priv, d);
            const len = engine.ecdsaSignFinal(ctx, 0, priv, out);
            expect(hex(readBytes(out, len))).toBe(hex(ecdsaSign('P-256', hash, d, message)));
          } finally {
            wipeArena();
          }
        },
      ),
      { numRuns: 20 },
    );
  });

  it('the one-shot ecdsaSignDigest / ecdsaVerifyDigest agree with the streamed calls', () => {
    const d = toBytes(424242n, 32);
    const message = ascii('one shot');
    const digest = new Uint8Array(createHash('sha256').update(message).digest());
    const pub = publicKeyP256(d);
    const streamed = ecdsaSign('P-256', 'sha256', d, message);
    try {
      writeBytes(priv, d);
      writeBytes(digestPtr, digest);
      const len = engine.ecdsaSignDigest(ctx, 0, HASHES.sha256.id, priv, digestPtr, 32, out);
      const sig = readBytes(out, len);
      expect(hex(sig)).toBe(hex(streamed));
      writeBytes(pubPtr, pub);
      expect(engine.ecdsaVerifyDigest(0, pubPtr, 65, digestPtr, 32, out, len)).toBe(1);
      expect(engine.ecdsaVerifyDigest(2, pubPtr, 65, digestPtr, 32, out, len)).toBe(0);
    } finally {
      wipeArena();
    }
  });

  it('reports the context size the host reserves', () => {
    expect(engine.ecdsaCtxSize()).toBeLessThanOrEqual(4096);
  });
});
