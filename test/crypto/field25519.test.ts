// GF(2^255 - 19) in ten 25.5-bit limbs (assembly/crypto/field25519.ts), checked
// against BigInt arithmetic. The field file is compiled on its own into a
// test harness, so that the limb-level contracts (tight and loose bounds,
// non-canonical representations) are tested directly, not only through X25519.
import asc from 'assemblyscript/asc';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

const P = 2n ** 255n - 19n;
const OFFSETS = [0, 26, 51, 77, 102, 128, 153, 179, 204, 230].map(BigInt);
const WIDTH = (i: number): number => (i % 2 === 0 ? 26 : 25);
/** Tight bound per limb (exclusive): M, and 2^25 + 2^19 for limb 1. */
const TIGHT = Array.from({ length: 10 }, (_, i) => (i === 1 ? 2 ** 25 + 2 ** 19 : 2 ** WIDTH(i)));
/** Loose bound per limb (exclusive): 3.3 M, what feMul and feSq accept. */
const LOOSE = Array.from({ length: 10 }, (_, i) => Math.floor(3.3 * 2 ** WIDTH(i)));

type Field = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };
let fe: Field;
let base = 0;
const slot = (i: number): number => base + 64 * i; // slot 0..7: elements; 8..: bytes

beforeAll(async () => {
  const source = (file: string): string =>
    readFileSync(new URL(`../../assembly/crypto/${file}`, import.meta.url), 'utf8');
  const { binary, error, stderr } = await asc.compileString(
    {
      'harness.ts':
        'export * from "./field25519";\n' +
        'const scratch = memory.data(1024, 16);\n' +
        'export function scratchPtr(): usize { return scratch; }\n',
      'field25519.ts': source('field25519.ts'),
    },
    { runtime: 'stub', optimizeLevel: 3, noAssert: true },
  );
  expect(error, stderr?.toString()).toBeNull();
  fe = new WebAssembly.Instance(new WebAssembly.Module(binary as Uint8Array<ArrayBuffer>), {}).exports as unknown as Field;
  base = fe.scratchPtr();
});

const u32 = (): Uint32Array => new Uint32Array(fe.memory.buffer);
function writeLimbs(ptr: number, limbs: number[]): void {
  u32().set(limbs, ptr / 4);
}
function readLimbs(ptr: number): number[] {
  return Array.from(u32().subarray(ptr / 4, ptr / 4 + 10));
}
const value = (limbs: number[]): bigint => limbs.reduce((acc, l, i) => acc + (BigInt(l) << OFFSETS[i]), 0n);
const mod = (x: bigint): bigint => ((x % P) + P) % P;
function le(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}
const fromLe = (b: Uint8Array): bigint => b.reduceRight((acc, x) => (acc << 8n) + BigInt(x), 0n);
/** Limbs of n < 2^255, each within its width. */
const limbsOf = (n: bigint): number[] =>
  OFFSETS.map((o, i) => Number((n >> o) & ((1n << BigInt(WIDTH(i))) - 1n)));

function expectTight(limbs: number[]): void {
  limbs.forEach((l, i) => expect(l, `limb ${i}`).toBeLessThan(TIGHT[i]));
}
function expectLoose(limbs: number[]): void {
  limbs.forEach((l, i) => expect(l, `limb ${i}`).toBeLessThan(LOOSE[i]));
}

const limbsUnder = (bounds: number[]) => fc.tuple(...bounds.map((b) => fc.integer({ min: 0, max: b - 1 })));
const tight = limbsUnder(TIGHT);
const loose = limbsUnder(LOOSE);
/** Loose elements with every limb at its maximum: the worst case for the u64 column sums. */
const LOOSE_MAX = LOOSE.map((b) => b - 1);

describe('field25519 multiplication and squaring', () => {
  it('feMul gives a tight a * b mod p for any loose a and b', () => {
    fc.assert(
      fc.property(loose, loose, (a, b) => {
        writeLimbs(slot(0), a);
        writeLimbs(slot(1), b);
        fe.feMul(slot(2), slot(0), slot(1));
        const h = readLimbs(slot(2));
        expectTight(h);
        expect(mod(value(h))).toBe(mod(value(a) * value(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('feMul and feSq stay exact with every limb of both inputs at the loose maximum', () => {
    writeLimbs(slot(0), LOOSE_MAX);
    fe.feMul(slot(1), slot(0), slot(0));
    fe.feSq(slot(2), slot(0));
    const expected = mod(value(LOOSE_MAX) ** 2n);
    for (const s of [slot(1), slot(2)]) {
      expectTight(readLimbs(s));
      expect(mod(value(readLimbs(s)))).toBe(expected);
    }
  });

  it('feSq gives a tight a^2 mod p for any loose a, as feMul(a, a) does', () => {
    fc.assert(
      fc.property(loose, (a) => {
        writeLimbs(slot(0), a);
        fe.feSq(slot(1), slot(0));
        const h = readLimbs(slot(1));
        expectTight(h);
        expect(mod(value(h))).toBe(mod(value(a) ** 2n));
      }),
      { numRuns: 2000 },
    );
  });

  it('feSqN squares n times', () => {
    fc.assert(
      fc.property(tight, fc.integer({ min: 1, max: 40 }), (a, n) => {
        writeLimbs(slot(0), a);
        fe.feSqN(slot(1), slot(0), n);
        let expected = mod(value(a));
        for (let i = 0; i < n; i++) expected = mod(expected * expected);
        expect(mod(value(readLimbs(slot(1))))).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('feMul allows the output to alias either input', () => {
    fc.assert(
      fc.property(tight, tight, (a, b) => {
        const expected = mod(value(a) * value(b));
        writeLimbs(slot(0), a);
        writeLimbs(slot(1), b);
        fe.feMul(slot(0), slot(0), slot(1));
        expect(mod(value(readLimbs(slot(0))))).toBe(expected);
        writeLimbs(slot(0), a);
        fe.feMul(slot(1), slot(0), slot(1));
        expect(mod(value(readLimbs(slot(1))))).toBe(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('feMulSmall gives a tight c * a mod p for a24 = 121665 and any c below 2^25', () => {
    fc.assert(
      fc.property(loose, fc.oneof(fc.constant(121665), fc.integer({ min: 0, max: 2 ** 25 - 1 })), (a, c) => {
        writeLimbs(slot(0), a);
        fe.feMulSmall(slot(1), slot(0), c);
        const h = readLimbs(slot(1));
        expectTight(h);
        expect(mod(value(h))).toBe(mod(BigInt(c) * value(a)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('field25519 addition, subtraction and carrying', () => {
  it('feAdd and feSub of tight elements give loose a + b and a - b mod p', () => {
    fc.assert(
      fc.property(tight, tight, (a, b) => {
        writeLimbs(slot(0), a);
        writeLimbs(slot(1), b);
        fe.feAdd(slot(2), slot(0), slot(1));
        fe.feSub(slot(3), slot(0), slot(1));
        const sum = readLimbs(slot(2));
        const difference = readLimbs(slot(3));
        expectLoose(sum);
        expectLoose(difference);
        expect(mod(value(sum))).toBe(mod(value(a) + value(b)));
        expect(mod(value(difference))).toBe(mod(value(a) - value(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('feSub of the largest tight element from zero does not wrap a limb', () => {
    const max = TIGHT.map((b) => b - 1);
    writeLimbs(slot(0), Array(10).fill(0));
    writeLimbs(slot(1), max);
    fe.feSub(slot(2), slot(0), slot(1));
    const h = readLimbs(slot(2));
    expectLoose(h);
    expect(mod(value(h))).toBe(mod(-value(max)));
  });

  it('feCarry makes any u32 limbs tight without changing the value mod p', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff }), { minLength: 10, maxLength: 10 }), (a) => {
        writeLimbs(slot(0), a);
        fe.feCarry(slot(1), slot(0));
        const h = readLimbs(slot(1));
        expectTight(h);
        expect(mod(value(h))).toBe(mod(value(a)));
      }),
      { numRuns: 1000 },
    );
  });

  it('feCswap swaps two elements when ctl is 1 and keeps them when ctl is 0', () => {
    fc.assert(
      fc.property(tight, tight, fc.integer({ min: 0, max: 1 }), (a, b, ctl) => {
        writeLimbs(slot(0), a);
        writeLimbs(slot(1), b);
        fe.feCswap(slot(0), slot(1), ctl);
        expect([readLimbs(slot(0)), readLimbs(slot(1))]).toEqual(ctl ? [b, a] : [a, b]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('field25519 encoding and decoding', () => {
  const bytes = slot(8);

  it('feDecode reads 32 little-endian bytes into tight limbs, ignoring bit 255 and not reducing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (s) => {
        new Uint8Array(fe.memory.buffer).set(s, bytes);
        fe.feDecode(slot(0), bytes);
        const h = readLimbs(slot(0));
        expectTight(h);
        expect(value(h)).toBe(fromLe(s) & (2n ** 255n - 1n));
      }),
      { numRuns: 1000 },
    );
  });

  it('feEncode writes the canonical encoding (below p) of any loose element', () => {
    fc.assert(
      fc.property(loose, (a) => {
        writeLimbs(slot(0), a);
        fe.feEncode(bytes, slot(0));
        expect(fromLe(new Uint8Array(fe.memory.buffer, bytes, 32))).toBe(mod(value(a)));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['p', P],
    ['p + 1', P + 1n],
    ['p + 18', P + 18n],
    ['p - 1', P - 1n],
    ['2^255 - 1', 2n ** 255n - 1n],
    ['0', 0n],
    ['2^26 - 1 (limb 0 full)', 2n ** 26n - 1n],
  ])('feEncode reduces the limbs of %s to the canonical value', (_name, n) => {
    writeLimbs(slot(0), limbsOf(n));
    fe.feEncode(bytes, slot(0));
    expect(fromLe(new Uint8Array(fe.memory.buffer, bytes, 32))).toBe(mod(n));
  });

  it('feEncode reduces loose limbs whose value lies at or just above p, 2p and 3p', () => {
    for (const k of [1n, 2n, 3n]) {
      for (const r of [0n, 1n, 18n, 19n]) {
        // The low 255 bits in their limbs; the multiples of 2^255 as extra weight in limb 9.
        const n = k * P + r;
        const limbs = limbsOf(n & (2n ** 255n - 1n));
        limbs[9] += Number(n >> 255n) * 2 ** 25;
        expect(value(limbs)).toBe(n);
        expectLoose(limbs);
        writeLimbs(slot(0), limbs);
        fe.feEncode(bytes, slot(0));
        expect(fromLe(new Uint8Array(fe.memory.buffer, bytes, 32))).toBe(r);
      }
    }
  });

  it('feEncode of feDecode is the input reduced mod p (bit 255 dropped)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (s) => {
        new Uint8Array(fe.memory.buffer).set(s, bytes);
        fe.feDecode(slot(0), bytes);
        fe.feEncode(bytes, slot(0));
        expect(fromLe(new Uint8Array(fe.memory.buffer, bytes, 32))).toBe(mod(fromLe(s) & (2n ** 255n - 1n)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('field25519 inversion', () => {
  it('feInvert gives z^-1: z * feInvert(z) = 1 for random nonzero z', () => {
    fc.assert(
      fc.property(loose.filter((a) => mod(value(a)) !== 0n), (a) => {
        writeLimbs(slot(0), a);
        fe.feInvert(slot(1), slot(0));
        const h = readLimbs(slot(1));
        expectTight(h);
        expect(mod(value(h) * value(a))).toBe(1n);
      }),
      { numRuns: 100 },
    );
  });

  it('feInvert of zero, and of p (a non-canonical zero), is zero', () => {
    for (const n of [0n, P]) {
      writeLimbs(slot(0), limbsOf(n));
      fe.feInvert(slot(1), slot(0));
      expect(mod(value(readLimbs(slot(1))))).toBe(0n);
    }
  });
});

describe('field25519 helpers for Ed25519 (RFC 8032 §5.1.3)', () => {
  const canonicalOf = (n: bigint): number[] => limbsOf(mod(n));
  /** Tight limbs of p + r (r < 19), a non-canonical representative of r. */
  const nonCanonical = (r: bigint): number[] => limbsOf(P + r);

  it('feNeg gives a tight -a mod p for any tight a, the largest included', () => {
    const max = TIGHT.map((b) => b - 1);
    fc.assert(
      fc.property(fc.oneof(tight, fc.constant(max)), (a) => {
        writeLimbs(slot(0), a);
        fe.feNeg(slot(1), slot(0));
        const h = readLimbs(slot(1));
        expectTight(h);
        expect(mod(value(h))).toBe(mod(-value(a)));
      }),
      { numRuns: 1000 },
    );
  });

  it('feIsZero is 1 for 0 and for p and 2p in loose limbs, and 0 for anything else', () => {
    for (const limbs of [limbsOf(0n), nonCanonical(0n)]) {
      writeLimbs(slot(0), limbs);
      expect(fe.feIsZero(slot(0))).toBe(1);
    }
    const twoP = limbsOf(2n * P - 2n ** 255n);
    twoP[9] += 2 ** 25; // + 2^255: the value is now 2p
    expect(value(twoP)).toBe(2n * P);
    expectLoose(twoP);
    writeLimbs(slot(0), twoP);
    expect(fe.feIsZero(slot(0))).toBe(1);
    fc.assert(
      fc.property(loose, (a) => {
        writeLimbs(slot(0), a);
        expect(fe.feIsZero(slot(0))).toBe(mod(value(a)) === 0n ? 1 : 0);
      }),
      { numRuns: 500 },
    );
    for (const n of [1n, P - 1n, 2n ** 254n]) {
      writeLimbs(slot(0), canonicalOf(n));
      expect(fe.feIsZero(slot(0))).toBe(0);
    }
  });

  it('feIsNegative is the low bit of the canonical value, not of the limbs', () => {
    fc.assert(
      fc.property(loose, (a) => {
        writeLimbs(slot(0), a);
        expect(fe.feIsNegative(slot(0))).toBe(Number(mod(value(a)) & 1n));
      }),
      { numRuns: 1000 },
    );
    for (let r = 0n; r < 19n; r++) {
      // p + r has the opposite low bit to r (p is odd).
      writeLimbs(slot(0), nonCanonical(r));
      expect(fe.feIsNegative(slot(0)), `p + ${r}`).toBe(Number(r & 1n));
    }
  });

  it('feEqual compares values mod p: equal for different limbs of one value, unequal otherwise', () => {
    for (let r = 0n; r < 19n; r++) {
      writeLimbs(slot(0), limbsOf(r));
      writeLimbs(slot(1), nonCanonical(r));
      expect(fe.feEqual(slot(0), slot(1)), `${r} and p + ${r}`).toBe(1);
    }
    fc.assert(
      fc.property(loose, loose, (a, b) => {
        writeLimbs(slot(0), a);
        writeLimbs(slot(1), b);
        expect(fe.feEqual(slot(0), slot(1))).toBe(mod(value(a)) === mod(value(b)) ? 1 : 0);
        expect(fe.feEqual(slot(0), slot(0))).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it('fePow22523 gives z^((p - 5) / 8) for random z, 0 and 1', () => {
    const e = (P - 5n) / 8n;
    const pow = (b: bigint): bigint => {
      let r = 1n;
      b = mod(b);
      for (let k = e; k > 0n; k >>= 1n, b = (b * b) % P) if (k & 1n) r = (r * b) % P;
      return r;
    };
    fc.assert(
      fc.property(fc.oneof(loose, fc.constant(limbsOf(0n)), fc.constant(limbsOf(1n))), (a) => {
        writeLimbs(slot(0), a);
        fe.fePow22523(slot(1), slot(0));
        const h = readLimbs(slot(1));
        expectTight(h);
        expect(mod(value(h))).toBe(pow(value(a)));
      }),
      { numRuns: 100 },
    );
  });

  it('fePow22523 and feNeg allow the output to alias the input', () => {
    fc.assert(
      fc.property(tight, (a) => {
        writeLimbs(slot(0), a);
        fe.fePow22523(slot(1), slot(0));
        fe.fePow22523(slot(0), slot(0));
        expect(readLimbs(slot(0))).toEqual(readLimbs(slot(1)));
        writeLimbs(slot(0), a);
        fe.feNeg(slot(0), slot(0));
        expect(mod(value(readLimbs(slot(0))))).toBe(mod(-value(a)));
      }),
      { numRuns: 20 },
    );
  });
});
