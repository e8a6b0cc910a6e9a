// ECDSA verification's variable-time u1 * G + u2 * Q
// (assembly/crypto/weierstrass_vartime.ts: Jacobian coordinates, affine
// tables, incomplete formulas with explicit exceptional cases) and the binary
// inversion under it (mont_vartime.ts). Signatures are built backwards from
// chosen u1, u2 and Q with @noble/curves' point arithmetic, so each case
// lands on the path it names: Q = G (the two tables coincide, an addition
// meets its own operand), Q = -G (an addition meets its negation), u1 = 0,
// and u1 * G = -(u2 * Q) (the sum is the identity, which must fail). Then a
// differential property against @noble/curves on random keys, messages and
// corrupted signatures. u2 = 0 cannot be reached: u2 = r / s and r >= 1.
import { p256 as nobleP256, p384 as nobleP384 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arena, engine, wipeArena, writeBytes } from '../../host/engine.js';
import { ecdsaVerify, type CurveName } from '../../host/primitives/ec.js';

const CURVES = [
  { name: 'P-256' as CurveName, id: 0, size: 32, hash: 'sha256' as const, noble: nobleP256 },
  { name: 'P-384' as CurveName, id: 1, size: 48, hash: 'sha384' as const, noble: nobleP384 },
];
type Curve = (typeof CURVES)[number];
type Point = InstanceType<typeof nobleP256.Point>;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const toBytes = (x: bigint, size: number) => new Uint8Array(Buffer.from(x.toString(16).padStart(size * 2, '0'), 'hex'));
const mod = (a: bigint, n: bigint) => ((a % n) + n) % n;
function inverse(a: bigint, n: bigint): bigint {
  let [r0, r1, t0, t1] = [mod(a, n), n, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, t0, t1] = [r1, r0 - q * r1, t1, t0 - q * t1];
  }
  return mod(t0, n);
}

/** DER Ecdsa-Sig-Value (RFC 5480 §2.2.3) of r and s, both in [1, n-1]. */
function derSig(r: bigint, s: bigint): Uint8Array {
  const int = (x: bigint) => {
    let h = x.toString(16);
    if (h.length % 2) h = '0' + h;
    let b = [...Buffer.from(h, 'hex')];
    if (b[0] & 0x80) b = [0, ...b];
    return [0x02, b.length, ...b];
  };
  const body = [...int(r), ...int(s)];
  return Uint8Array.of(0x30, body.length, ...body);
}

/** The engine's verdict on sig over a raw digest (no hashing), through ecdsaVerifyDigest. */
function verifyDigest(curve: Curve, pub: Uint8Array, digest: Uint8Array, sig: Uint8Array): number {
  const pubPtr = arena.params;
  const digestPtr = arena.params + 256;
  const sigPtr = arena.params + 512;
  try {
    writeBytes(pubPtr, pub);
    writeBytes(digestPtr, digest);
    writeBytes(sigPtr, sig);
    return engine.ecdsaVerifyDigest(curve.id, pubPtr, pub.length, digestPtr, digest.length, sigPtr, sig.length);
  } finally {
    wipeArena();
  }
}

/**
 * A signature (digest, r, s) under Q whose verification computes exactly
 * u1 * G + u2 * Q (FIPS 186-5 §6.4.2 steps 6-8): s = r / u2 and e = u1 * s,
 * so e / s = u1 and r / s = u2. r is x(u1 G + u2 Q) mod n when that sum is
 * finite (a valid signature), else the given fallback (nothing can be valid).
 */
function signatureFor(curve: Curve, Q: Point, u1: bigint, u2: bigint, fallbackR = 1234567n) {
  const { Point } = curve.noble;
  const n = Point.Fn.ORDER;
  const R = Point.BASE.multiplyUnsafe(mod(u1, n)).add(Q.multiplyUnsafe(mod(u2, n)));
  const finite = !R.equals(Point.ZERO);
  const r = finite ? mod(R.toAffine().x, n) : fallbackR;
  const s = mod(r * inverse(u2, n), n);
  const e = mod(u1 * s, n);
  return { finite, pub: Q.toBytes(false), digest: toBytes(e, curve.size), sig: derSig(r, s) };
}

describe.each(CURVES)('$name verification: exceptional cases of the Jacobian formulas', (curve) => {
  const { Point } = curve.noble;
  const n = Point.Fn.ORDER;
  const G = Point.BASE;

  it('accepts u1 = u2 = 1 with Q = G: the addition of G to G must double', () => {
    const c = signatureFor(curve, G, 1n, 1n);
    expect(c.finite).toBe(true);
    expect(verifyDigest(curve, c.pub, c.digest, c.sig)).toBe(1);
  });

  it('accepts u1 = u2 = 2^100 + small with Q = G: the sum meets a table entry equal to itself mid-way', () => {
    const c = signatureFor(curve, G, 2n ** 100n + 5n, 2n ** 100n + 2n);
    expect(verifyDigest(curve, c.pub, c.digest, c.sig)).toBe(1);
  });

  it('accepts random u1, u2 with Q = G (both odd-multiple tables identical)', () => {
    for (const [u1, u2] of [[3n, 7n], [n - 1n, n - 1n], [n - 2n, 1n], [0xdeadbeefn << 128n, n >> 1n]]) {
      const c = signatureFor(curve, G, u1, u2);
      expect(verifyDigest(curve, c.pub, c.digest, c.sig)).toBe(1);
    }
  });

  it('rejects every signature whose sum is u1 * G + u1 * (-G), the identity', () => {
    for (const u of [1n, 2n, 15n, 2n ** 100n + 5n, n - 1n]) {
      const c = signatureFor(curve, G.negate(), u, u);
      expect(c.finite).toBe(false);
      expect(verifyDigest(curve, c.pub, c.digest, c.sig)).toBe(0);
    }
  });

  it('accepts a signature whose running sum passes through the identity with Q = -G (P + (-P) mid-way)', () => {
    // The top digits cancel (G + (-G)), the low ones leave 3G.
    const c = signatureFor(curve, G.negate(), 2n ** 100n + 5n, 2n ** 100n + 2n);
    expect(c.finite).toBe(true);
    expect(verifyDigest(curve, c.pub, c.digest, c.sig)).toBe(1);
  });

  it('accepts u1 = 0 (an all-zero digest): the sum is u2 * Q alone', () => {
    const Q = G.multiply(0x1234567890abcdefn);
    for (const [q, u2] of [[Q, 99n], [Q, n - 1n], [G, 5n], [G.negate(), 31n]] as const) {
      const c = signatureFor(curve, q, 0n, u2);
      expect(hex(c.digest)).toBe('00'.repeat(curve.size));
      expect(verifyDigest(curve, c.pub, c.digest, c.sig)).toBe(1);
    }
  });

  it('rejects u1 * G = -(u2 * Q) for random keys: the identity never verifies', () => {
    fc.assert(
      fc.property(fc.bigInt(1n, n - 1n), fc.bigInt(1n, n - 1n), fc.bigInt(1n, n - 1n), (d, u2, fallbackR) => {
        const c = signatureFor(curve, G.multiply(d), mod(-u2 * d, n), u2, fallbackR);
        expect(c.finite).toBe(false);
        expect(verifyDigest(curve, c.pub, c.digest, c.sig)).toBe(0);
      }),
      { numRuns: 20 },
    );
  });

  it('accepts r = x_R - n for a sum whose x_R is at least n (v = x_R mod n, FIPS 186-5 §6.4.2 step 10)', () => {
    // The first point with x in [n + 1, p) (p - n is 2^128 or more: such
    // points exist, but a random signature never lands on one). As the
    // public key with u1 = 0 and u2 = 1, the sum is that point itself.
    const { Fp } = Point;
    const { b } = Point.CURVE();
    let x = n + 1n; // x = n would give r = 0, out of range
    let y: bigint | undefined;
    for (; y === undefined; x++) {
      try {
        y = Fp.sqrt(Fp.add(Fp.sub(Fp.pow(x, 3n), Fp.mul(3n, x)), b));
      } catch {
        y = undefined;
      }
    }
    const R = Point.fromAffine({ x: x - 1n, y });
    R.assertValidity();
    const c = signatureFor(curve, R, 0n, 1n);
    expect(c.sig).toEqual(derSig(x - 1n - n, x - 1n - n));
    expect(curve.noble.verify(c.sig, c.digest, c.pub, { prehash: false, lowS: false, format: 'der' })).toBe(true);
    expect(verifyDigest(curve, c.pub, c.digest, c.sig)).toBe(1);
    // Other r values near it fail: x_R itself is out of range, x_R - n + 1 is wrong.
    expect(verifyDigest(curve, c.pub, c.digest, derSig(x - 1n - n + 1n, x - 1n - n))).toBe(0);
  });

  it('accepts signatures built from random u1, u2 and keys, and agrees with noble on each', () => {
    fc.assert(
      fc.property(fc.bigInt(1n, n - 1n), fc.bigInt(0n, n - 1n), fc.bigInt(1n, n - 1n), (d, u1, u2) => {
        const c = signatureFor(curve, G.multiply(d), u1, u2);
        fc.pre(c.finite);
        expect(curve.noble.verify(c.sig, c.digest, c.pub, { prehash: false, lowS: false, format: 'der' })).toBe(true);
        expect(verifyDigest(curve, c.pub, c.digest, c.sig)).toBe(1);
      }),
      { numRuns: 50 },
    );
  });
});

describe.each(CURVES)('$name verification agrees with @noble/curves', (curve) => {
  const nobleVerifies = (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => {
    try {
      return curve.noble.verify(sig, msg, pub, { lowS: false, format: 'der' });
    } catch {
      return false;
    }
  };
  const n = curve.noble.Point.Fn.ORDER;
  const keyAndMessage = fc.record({ d: fc.bigInt(1n, n - 2n), msg: fc.uint8Array({ maxLength: 100 }) });
  const keyPair = (d: bigint) => {
    const priv = toBytes(d, curve.size);
    return { priv, pub: curve.noble.getPublicKey(priv, false) };
  };

  it('on valid signatures over random keys and messages', () => {
    fc.assert(
      fc.property(keyAndMessage, ({ d, msg }) => {
        const { priv, pub } = keyPair(d);
        const sig = curve.noble.sign(msg, priv, { lowS: false, format: 'der' });
        expect(ecdsaVerify(curve.name, curve.hash, pub, msg, sig)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on corrupted signatures, messages and keys (one flipped bit, another key)', () => {
    fc.assert(
      fc.property(keyAndMessage, fc.nat(), fc.constantFrom('signature', 'message', 'key'), ({ d, msg }, at, what) => {
        const { priv, pub } = keyPair(d);
        let sig = curve.noble.sign(msg, priv, { lowS: false, format: 'der' });
        let m = msg;
        let q = pub;
        if (what === 'signature') {
          sig = sig.slice();
          sig[at % sig.length] ^= 1 << (at % 8);
        } else if (what === 'message') {
          m = Uint8Array.of(...msg, 0).map((b, i) => (i === at % (msg.length + 1) ? b ^ 0x80 : b));
        } else {
          q = keyPair(d + 1n).pub;
        }
        const expected = nobleVerifies(sig, m, q);
        expect(ecdsaVerify(curve.name, curve.hash, q, m, sig)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
