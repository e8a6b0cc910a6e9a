// Montgomery arithmetic modulo an odd modulus of N 32-bit limbs (N <= 12):
// the one limb-count-generic routine under the P-256 and P-384 fields and
// group orders (p256_field.ts, p256_scalar.ts, p384_field.ts).
//
// Variant: constant time, u32 limbs little-endian (limb 0 least significant),
// u32 x u32 -> u64 products. Multiplication is CIOS (Koc, Acar, Kaliski,
// "Analyzing and Comparing Montgomery Multiplication Algorithms", 1996, §5):
// montMul(a, b) = a * b * R^-1 mod m with R = 2^(32N). Every result is fully
// reduced into [0, m) by a subtraction that is always computed and kept by
// mask (BearSSL's i31 idiom), so no branch depends on a value.
//
// Secret: every operand value (private scalars, nonces, coordinates of a
// secret multiple). Public: the modulus descriptor, N, and the exponent of
// modPowPublic (m - 2 for Fermat inversion, FIPS 186-5 / SEC1 §2.1).
//
// Modulus descriptor (MOD_SIZE = 208 bytes, a static constant per modulus):
//   0    u32 N, the limb count
//   4    u32 m0inv = -m^-1 mod 2^32 (CIOS's per-limb quotient factor)
//   16   m            (12 limbs, the top 12 - N zero)
//   64   R^2 mod m    (toMont multiplies by it)
//   112  R mod m      (1 in Montgomery form)
//   160  m - 2        (Fermat's exponent: a^(m-2) = a^-1 for prime m)
// Field elements are 12-limb slots (FE_SIZE bytes) of which N limbs are used,
// so one point layout serves both curves.
import { eq, gt, maskOf, mux, wipe } from "./ct";
import { P256_P } from "./p256_field";
import { p256MontMul } from "./p256_mont";

export const MAX_LIMBS: usize = 12;
export const FE_SIZE: usize = 48;
export const MOD_M0INV: usize = 4;
export const MOD_M: usize = 16;
export const MOD_R2: usize = 64;
export const MOD_ONE: usize = 112;
export const MOD_EXP: usize = 160;

// Scratch, one call at a time: CIOS needs N + 2 words; modAdd/modSub keep a
// sum and a difference before choosing. Wiped by wipeMontScratch().
const t = memory.data(64, 8);
const u = memory.data(64, 8);
// 1 as a plain (non-Montgomery) integer: montMul(a, 1) leaves the domain.
const PLAIN_ONE = memory.data<u32>([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
// Fixed-window table for modPowPublic: a^0 .. a^15, in Montgomery form.
const powTable = memory.data(16 * 48, 8);
const powAcc = memory.data(48, 8);

@inline export function limbCount(m: usize): usize {
  return <usize>load<u32>(m);
}

@inline function lw(p: usize, i: usize): u32 {
  return load<u32>(p + (i << 2));
}

@inline function sw(p: usize, i: usize, v: u32): void {
  store<u32>(p + (i << 2), v);
}

/**
 * r = s - m when that does not borrow or when hi (the carry out of s, 0 or
 * 1) is set; else r = s. Both are computed; the choice is a mask. s is N limbs.
 */
function reduceOnce(m: usize, r: usize, s: usize, hi: u32): void {
  const n = limbCount(m);
  let borrow: u64 = 0;
  for (let i: usize = 0; i < n; i++) {
    const d = <u64>lw(s, i) - <u64>lw(m + MOD_M, i) - borrow;
    sw(u, i, <u32>d);
    borrow = d >> 63;
  }
  const keep = mux(hi, 1, <u32>borrow ^ 1);
  for (let i: usize = 0; i < n; i++) sw(r, i, mux(keep, lw(u, i), lw(s, i)));
}

/** r = a + b mod m, for a, b in [0, m). r may alias a or b. */
export function modAdd(m: usize, r: usize, a: usize, b: usize): void {
  const n = limbCount(m);
  let c: u64 = 0;
  for (let i: usize = 0; i < n; i++) {
    c += <u64>lw(a, i) + <u64>lw(b, i);
    sw(t, i, <u32>c);
    c >>= 32;
  }
  reduceOnce(m, r, t, <u32>c);
}

/** r = a - b mod m, for a, b in [0, m). r may alias a or b. */
export function modSub(m: usize, r: usize, a: usize, b: usize): void {
  const n = limbCount(m);
  let borrow: u64 = 0;
  for (let i: usize = 0; i < n; i++) {
    const d = <u64>lw(a, i) - <u64>lw(b, i) - borrow;
    sw(t, i, <u32>d);
    borrow = d >> 63;
  }
  // Add m back under a mask when the difference went negative.
  const mask = maskOf(<u32>borrow);
  let c: u64 = 0;
  for (let i: usize = 0; i < n; i++) {
    c += <u64>lw(t, i) + <u64>(lw(m + MOD_M, i) & mask);
    sw(r, i, <u32>c);
    c >>= 32;
  }
}

/**
 * r = a * b * R^-1 mod m (CIOS), for a, b in [0, m): the product of two
 * Montgomery-form values in Montgomery form. r may alias a or b: the sum is
 * kept in scratch until the end.
 */
export function montMulGeneric(m: usize, r: usize, a: usize, b: usize): void {
  const n = limbCount(m);
  const m0inv = load<u32>(m, MOD_M0INV);
  const mm = m + MOD_M;
  for (let i: usize = 0; i < n + 2; i++) sw(t, i, 0);
  for (let i: usize = 0; i < n; i++) {
    // t += a * b[i]
    const bi = <u64>lw(b, i);
    let c: u64 = 0;
    for (let j: usize = 0; j < n; j++) {
      c += <u64>lw(t, j) + <u64>lw(a, j) * bi;
      sw(t, j, <u32>c);
      c >>= 32;
    }
    c += <u64>lw(t, n);
    sw(t, n, <u32>c);
    const top = <u32>(c >> 32);
    // t = (t + q * m) / 2^32, with q chosen so the low limb cancels.
    const q = <u64>(lw(t, 0) * m0inv);
    c = (<u64>lw(t, 0) + q * <u64>lw(mm, 0)) >> 32;
    for (let j: usize = 1; j < n; j++) {
      c += <u64>lw(t, j) + q * <u64>lw(mm, j);
      sw(t, j - 1, <u32>c);
      c >>= 32;
    }
    c += <u64>lw(t, n);
    sw(t, n - 1, <u32>c);
    sw(t, n, top + <u32>(c >> 32));
  }
  // t < 2m (CIOS bound), so one conditional subtraction reduces it.
  reduceOnce(m, r, t, lw(t, n));
}

/**
 * The Montgomery product every caller uses: one entry point, so a faster
 * routine for one modulus (an unrolled P-256 field multiplication) can be
 * dispatched here on the descriptor without touching the curve code.
 */
@inline export function montMul(m: usize, r: usize, a: usize, b: usize): void {
  // The branch is on which modulus (a public constant), never on data. The
  // size profile keeps only the generic routine: the unrolled one costs a
  // board about 1.3 KB of flash for twice the P-256 speed.
  if (ASC_SHRINK_LEVEL == 0 && m == P256_P) p256MontMul(r, a, b);
  else montMulGeneric(m, r, a, b);
}

/** r = a mod m for a in [0, 2m) (N limbs): one masked subtraction. */
export function modReduceOnce(m: usize, r: usize, a: usize): void {
  reduceOnce(m, r, a, 0);
}

/** r = a * R mod m: into the Montgomery domain. a must be in [0, m). */
export function toMont(m: usize, r: usize, a: usize): void {
  montMul(m, r, a, m + MOD_R2);
}

/** r = a * R^-1 mod m: out of the Montgomery domain. */
export function fromMont(m: usize, r: usize, a: usize): void {
  montMul(m, r, a, PLAIN_ONE);
}

/** Copies the N limbs of a to r. */
export function modCopy(m: usize, r: usize, a: usize): void {
  memory.copy(r, a, limbCount(m) << 2);
}

/** 1 when a is zero, else 0 (constant time). */
export function modIsZero(m: usize, a: usize): u32 {
  const n = limbCount(m);
  let acc: u32 = 0;
  for (let i: usize = 0; i < n; i++) acc |= lw(a, i);
  return eq(acc, 0);
}

/** 1 when a == b (N limbs), else 0 (constant time). */
export function modEqual(m: usize, a: usize, b: usize): u32 {
  const n = limbCount(m);
  let acc: u32 = 0;
  for (let i: usize = 0; i < n; i++) acc |= lw(a, i) ^ lw(b, i);
  return eq(acc, 0);
}

/**
 * Reads N*4 big-endian bytes at src into r (plain, not Montgomery). Returns 1
 * when the value is below m, else 0; the comparison runs over every limb.
 */
export function modDecode(m: usize, r: usize, src: usize): u32 {
  const n = limbCount(m);
  let borrow: u32 = 0;
  for (let i: usize = 0; i < n; i++) {
    const w = bswap<u32>(load<u32>(src + ((n - 1 - i) << 2)));
    sw(r, i, w);
    // Borrow of w - m[i] - borrow: w < m[i] + borrow, without comparisons.
    const mi = lw(m + MOD_M, i);
    borrow = gt(mi, w) | (eq(mi, w) & borrow);
  }
  return borrow;
}

/** Writes the N limbs of a (plain) as N*4 big-endian bytes at dst. */
export function modEncode(m: usize, dst: usize, a: usize): void {
  const n = limbCount(m);
  for (let i: usize = 0; i < n; i++) store<u32>(dst + ((n - 1 - i) << 2), bswap<u32>(lw(a, i)));
}

/**
 * r = a^e (Montgomery form in and out) for the public exponent e at m +
 * MOD_EXP, with 4-bit fixed windows: 4N*8 squarings and one multiplication
 * per nonzero window. The exponent is public, so skipping zero windows leaks
 * nothing; a's value never chooses a path or an address.
 */
export function modPowPublic(m: usize, r: usize, a: usize): void {
  const n = limbCount(m);
  const fe = FE_SIZE;
  modCopy(m, powTable, m + MOD_ONE);
  modCopy(m, powTable + fe, a);
  for (let i: usize = 2; i < 16; i++) montMul(m, powTable + i * fe, powTable + (i - 1) * fe, a);
  modCopy(m, powAcc, m + MOD_ONE);
  const e = m + MOD_EXP;
  for (let k: isize = <isize>(n << 3) - 1; k >= 0; k--) {
    for (let s = 0; s < 4; s++) montMul(m, powAcc, powAcc, powAcc);
    const w = (lw(e, <usize>k >> 3) >> ((<u32>k & 7) << 2)) & 15;
    if (w != 0) montMul(m, powAcc, powAcc, powTable + <usize>w * fe);
  }
  modCopy(m, r, powAcc);
  wipe(powTable, 16 * 48);
  wipe(powAcc, 48);
}

/** r = a^-1 mod m (Montgomery form in and out) by Fermat; 0 maps to 0. */
export function modInv(m: usize, r: usize, a: usize): void {
  modPowPublic(m, r, a);
}

/** Zeroes this file's scratch (it may hold secret limbs). */
export function wipeMontScratch(): void {
  wipe(t, 64);
  wipe(u, 64);
}
