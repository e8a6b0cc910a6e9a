// X25519 (RFC 7748) as a specification: the RFC's vectors, libsodium's
// small-order points, the inputs the RFC says to accept, and agreement with
// node:crypto and @noble/curves on random keys.
import { createPrivateKey, createPublicKey, diffieHellman, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { x25519 as noble } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arena, engine, readBytes, writeBytes } from '../../host/engine.js';
import { x25519, x25519PublicKey } from '../../host/primitives/x25519.js';

const rfc7748 = JSON.parse(readFileSync(new URL('../vectors/rfc7748_x25519.json', import.meta.url), 'utf8'));
const smallOrder = JSON.parse(
  readFileSync(new URL('../vectors/libsodium_x25519_small_order.json', import.meta.url), 'utf8'),
);

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const P = 2n ** 255n - 19n;
/** The 32-byte little-endian encoding of n (0 <= n < 2^256). */
function le(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}
function fromLe(b: Uint8Array): bigint {
  return BigInt('0x' + toHex(Uint8Array.from(b).reverse()));
}

const BASE = le(9n);
const ZERO = new Uint8Array(32);

/** node:crypto's X25519 from raw keys (PKCS#8 / SPKI DER around the 32 bytes). */
function nodeX25519(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const priv = createPrivateKey({
    key: Buffer.concat([hex('302e020100300506032b656e04220420'), privateKey]),
    format: 'der',
    type: 'pkcs8',
  });
  const pub = createPublicKey({
    key: Buffer.concat([hex('302a300506032b656e032100'), publicKey]),
    format: 'der',
    type: 'spki',
  });
  return new Uint8Array(diffieHellman({ privateKey: priv, publicKey: pub }));
}

const key = fc.uint8Array({ minLength: 32, maxLength: 32 });

/** u values (bit 255 masked, reduced mod p) whose X25519 is all zero: libsodium's list, reduced. */
const smallOrderU = new Set<bigint>(
  smallOrder.points.map((p: { u: string }) => fromLe(hex(p.u)) % P),
);
/** A 32-byte u that node:crypto and noble accept (fast-check favours 0, 1 and all-ones). */
const peerU = key.filter((u) => !smallOrderU.has((fromLe(u) & (2n ** 255n - 1n)) % P));

describe('RFC 7748 §5.2 test vectors', () => {
  const cases: [number, { scalar: string; u: string; output: string }][] = rfc7748.scalarMult.cases.map(
    (c: { scalar: string; u: string; output: string }, i: number) => [i + 1, c],
  );
  it.each(cases)(
    'RFC 7748 §5.2 vector %i: X25519(scalar, u) is the published output u-coordinate',
    (_i, c) => {
      expect(toHex(x25519(hex(c.scalar), hex(c.u)))).toBe(c.output);
    },
  );

  it('RFC 7748 §5.2 iterated vector: from k = u = 9, 1 and 1,000 iterations give the published k', () => {
    let k = hex(rfc7748.iterated.start);
    let u = hex(rfc7748.iterated.start);
    for (let i = 1; i <= 1000; i++) {
      [k, u] = [x25519(k, u), k];
      if (i === 1) expect(toHex(k)).toBe(rfc7748.iterated.after['1']);
    }
    expect(toHex(k)).toBe(rfc7748.iterated.after['1000']);
  });
});

describe('RFC 7748 §6.1 Diffie-Hellman', () => {
  const dh = rfc7748.diffieHellman;

  it("RFC 7748 §6.1: x25519PublicKey gives Alice's and Bob's published public keys", () => {
    expect(toHex(x25519PublicKey(hex(dh.alicePrivate)))).toBe(dh.alicePublic);
    expect(toHex(x25519PublicKey(hex(dh.bobPrivate)))).toBe(dh.bobPublic);
  });

  it("RFC 7748 §6.1: Alice and Bob each derive the published shared secret from the other's public key", () => {
    expect(toHex(x25519(hex(dh.alicePrivate), hex(dh.bobPublic)))).toBe(dh.shared);
    expect(toHex(x25519(hex(dh.bobPrivate), hex(dh.alicePublic)))).toBe(dh.shared);
  });
});

describe('x25519 agrees with node:crypto and @noble/curves', () => {
  it('x25519 gives the shared secret node:crypto and @noble/curves give, on random keys and points', () => {
    fc.assert(
      fc.property(key, key, (privateKey, peerPrivate) => {
        const publicKey = nodeX25519(peerPrivate, BASE);
        const ours = x25519(privateKey, publicKey);
        expect(toHex(ours)).toBe(toHex(nodeX25519(privateKey, publicKey)));
        expect(toHex(ours)).toBe(toHex(noble.getSharedSecret(privateKey, publicKey)));
      }),
      { numRuns: 150 },
    );
  });

  it('x25519 agrees with node:crypto on random 32-byte strings as u, including twist points', () => {
    // A random u lies on the curve or on its twist with even odds; X25519 is
    // defined on both (RFC 7748 §5), and so are node's and noble's.
    fc.assert(
      fc.property(key, peerU, (privateKey, u) => {
        const ours = x25519(privateKey, u);
        expect(toHex(ours)).toBe(toHex(nodeX25519(privateKey, u)));
        expect(toHex(ours)).toBe(toHex(noble.getSharedSecret(privateKey, u)));
      }),
      { numRuns: 300 },
    );
  });

  it('x25519PublicKey gives the public key node:crypto and @noble/curves give, on random keys', () => {
    fc.assert(
      fc.property(key, (privateKey) => {
        const ours = x25519PublicKey(privateKey);
        expect(toHex(ours)).toBe(toHex(nodeX25519(privateKey, BASE)));
        expect(toHex(ours)).toBe(toHex(noble.getPublicKey(privateKey)));
      }),
      { numRuns: 100 },
    );
  });

  it('two parties with random keys derive the same shared secret', () => {
    fc.assert(
      fc.property(key, key, (a, b) => {
        expect(toHex(x25519(a, x25519PublicKey(b)))).toBe(toHex(x25519(b, x25519PublicKey(a))));
      }),
      { numRuns: 40 },
    );
  });

  it('x25519PublicKey(k) is x25519(k, 9)', () => {
    fc.assert(
      fc.property(key, (k) => {
        expect(toHex(x25519PublicKey(k))).toBe(toHex(x25519(k, BASE)));
      }),
      { numRuns: 20 },
    );
  });

  it('every result is the canonical encoding: below p, bit 255 clear', () => {
    fc.assert(
      fc.property(key, key, (k, u) => {
        expect(fromLe(x25519(k, u)) < P).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('inputs RFC 7748 §5 says to accept', () => {
  it('a u with bit 255 set gives the same result as the same u with it cleared', () => {
    fc.assert(
      fc.property(key, key, (k, u) => {
        const high = Uint8Array.from(u);
        high[31] |= 0x80;
        const low = Uint8Array.from(u);
        low[31] &= 0x7f;
        expect(toHex(x25519(k, high))).toBe(toHex(x25519(k, low)));
      }),
      { numRuns: 40 },
    );
  });

  it('a non-canonical u from p + 2 to 2^255 - 1 gives the same result as u - p, as node:crypto and @noble/curves do', () => {
    const k = randomBytes(32);
    for (let r = 2n; r <= 18n; r++) {
      const reduced = x25519(k, le(r));
      expect(toHex(x25519(k, le(P + r)))).toBe(toHex(reduced));
      expect(toHex(nodeX25519(k, le(P + r)))).toBe(toHex(reduced));
      expect(toHex(noble.getSharedSecret(k, le(P + r)))).toBe(toHex(reduced));
    }
  });

  it('u = 2^255 - 1 (all ones but bit 255) is processed as 18', () => {
    const k = randomBytes(32);
    expect(toHex(x25519(k, le(2n ** 255n - 1n)))).toBe(toHex(x25519(k, le(18n))));
    expect(toHex(x25519(k, new Uint8Array(32).fill(0xff)))).toBe(toHex(x25519(k, le(18n))));
  });

  it('the scalar is clamped: bits 0, 1, 2 and 255 do not matter and bit 254 is always set', () => {
    fc.assert(
      fc.property(key, key, (k, u) => {
        const clamped = Uint8Array.from(k);
        clamped[0] &= 248;
        clamped[31] = (clamped[31] & 127) | 64;
        const unclamped = Uint8Array.from(k);
        unclamped[0] |= 7;
        unclamped[31] = (unclamped[31] | 128) & ~64;
        const expected = toHex(x25519(clamped, u));
        expect(toHex(x25519(k, u))).toBe(expected);
        expect(toHex(x25519(unclamped, u))).toBe(expected);
      }),
      { numRuns: 30 },
    );
  });
});

describe("small-order u (RFC 7748 §6.1, libsodium's blocklist)", () => {
  const points: [string, Uint8Array][] = smallOrder.points.map((p: { name: string; u: string }) => [
    p.name,
    hex(p.u),
  ]);

  it.each(points)('x25519 returns the all-zero shared secret for u = %s instead of throwing', (_name, u) => {
    for (let i = 0; i < 3; i++) expect(x25519(randomBytes(32), u)).toEqual(ZERO);
  });

  it.each(points)('x25519 returns the all-zero shared secret for u = %s with bit 255 set', (_name, u) => {
    const high = Uint8Array.from(u);
    high[31] |= 0x80;
    expect(x25519(randomBytes(32), high)).toEqual(ZERO);
  });

  it('node:crypto and @noble/curves throw on those points, so they are left out of the differential tests', () => {
    for (const [, u] of points) {
      expect(() => nodeX25519(randomBytes(32), u)).toThrow();
      expect(() => noble.getSharedSecret(randomBytes(32), u)).toThrow();
    }
  });

  it('the engine export returns 1 for an all-zero result and 0 otherwise, and writes the result either way', () => {
    const call = (k: Uint8Array, u: Uint8Array): [number, Uint8Array] => {
      writeBytes(arena.params, k);
      writeBytes(arena.params + 32, u);
      writeBytes(arena.output, new Uint8Array(32).fill(0xaa));
      const zero = engine.x25519ScalarMult(arena.output, arena.params, arena.params + 32);
      return [zero, readBytes(arena.output, 32)];
    };
    const k = randomBytes(32);
    for (const [, u] of points) expect(call(k, u)).toEqual([1, ZERO]);
    const [zero, shared] = call(k, BASE);
    expect(zero).toBe(0);
    expect(toHex(shared)).toBe(toHex(nodeX25519(k, BASE)));
    expect(engine.x25519ScalarMultBase(arena.output, arena.params)).toBe(0);
  });
});

describe('the engine surface', () => {
  it('x25519ScalarMult writes a correct result when out aliases the scalar or u', () => {
    const k = randomBytes(32);
    const u = x25519PublicKey(randomBytes(32));
    const expected = toHex(nodeX25519(k, u));
    for (const out of [arena.params, arena.params + 32]) {
      writeBytes(arena.params, k);
      writeBytes(arena.params + 32, u);
      engine.x25519ScalarMult(out, arena.params, arena.params + 32);
      expect(toHex(readBytes(out, 32))).toBe(expected);
    }
  });

  it('x25519Size is 32', () => {
    expect(engine.x25519Size()).toBe(32);
  });

  it('leaves neither the private key, its clamped form nor the shared secret anywhere in engine memory', () => {
    const k = randomBytes(32);
    const clamped = Uint8Array.from(k);
    clamped[0] &= 248;
    clamped[31] = (clamped[31] & 127) | 64;
    const u = x25519PublicKey(randomBytes(32));
    const shared = x25519(k, u);
    const memory = Buffer.from(engine.memory.buffer);
    for (const secret of [k, clamped, shared]) expect(memory.indexOf(Buffer.from(secret))).toBe(-1);
  });
});

describe('argument checks', () => {
  const good = new Uint8Array(32);
  const notBytes: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a 32-character string', 'a'.repeat(32)],
    ['an array of 32 numbers', Array(32).fill(0)],
    ['a 32-byte ArrayBuffer', new ArrayBuffer(32)],
    ['a 32-byte Uint16Array', new Uint16Array(16)],
  ];

  it.each(notBytes)('x25519 throws a TypeError naming privateKey or publicKey when one is %s', (_what, bad) => {
    expect(() => x25519(bad as Uint8Array, good)).toThrow(TypeError);
    expect(() => x25519(bad as Uint8Array, good)).toThrow(/privateKey/);
    expect(() => x25519(good, bad as Uint8Array)).toThrow(TypeError);
    expect(() => x25519(good, bad as Uint8Array)).toThrow(/publicKey/);
  });

  it.each(notBytes)('x25519PublicKey throws a TypeError naming privateKey when it is %s', (_what, bad) => {
    expect(() => x25519PublicKey(bad as Uint8Array)).toThrow(TypeError);
    expect(() => x25519PublicKey(bad as Uint8Array)).toThrow(/privateKey/);
  });

  it.each([0, 1, 31, 33, 64])('a %i-byte key is a RangeError naming the argument', (length) => {
    const bad = new Uint8Array(length);
    expect(() => x25519(bad, good)).toThrow(RangeError);
    expect(() => x25519(bad, good)).toThrow(/privateKey/);
    expect(() => x25519(good, bad)).toThrow(RangeError);
    expect(() => x25519(good, bad)).toThrow(/publicKey/);
    expect(() => x25519PublicKey(bad)).toThrow(RangeError);
    expect(() => x25519PublicKey(bad)).toThrow(/privateKey/);
  });

  it('accepts a Buffer (a Uint8Array) for either key', () => {
    const k = randomBytes(32);
    expect(toHex(x25519(k, Buffer.from(BASE)))).toBe(toHex(x25519PublicKey(Uint8Array.from(k))));
  });
});
