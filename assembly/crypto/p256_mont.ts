// Montgomery multiplication in the P-256 base field, specialised: CIOS
// (Koc, Acar, Kaliski 1996) with the whole state in locals and the inner
// loops written out, for the descriptor P256_P of p256_field.ts.
//
// Why a special case: mont.ts's generic CIOS keeps its working limbs in
// memory; on boards every access is a bounds-checked load or store, and this
// one product is about 70% of a P-256 scalar multiplication. P-256's shape
// makes the reduction cheap: p = -1 mod 2^32, so each round's quotient digit
// is the low limb itself, and p's limbs (low first) are -1, -1, -1, 0, 0, 0,
// 1, -1, so three reduction products vanish and one is a plain add.
//
// Variant: constant time, u32 limbs, u32 x u32 -> u64 products; the final
// subtraction is kept or dropped by mask. Inputs a, b in [0, p), secret.
import { maskOf, mux } from "./ct";

const ALL: u64 = 0xffffffff;

/** r = a * b * 2^-256 mod p; r may alias a or b. */
export function p256MontMul(r: usize, a: usize, b: usize): void {
  const a0 = <u64>load<u32>(a, 0), a1 = <u64>load<u32>(a, 4), a2 = <u64>load<u32>(a, 8), a3 = <u64>load<u32>(a, 12);
  const a4 = <u64>load<u32>(a, 16), a5 = <u64>load<u32>(a, 20), a6 = <u64>load<u32>(a, 24), a7 = <u64>load<u32>(a, 28);
  let t0: u32 = 0, t1: u32 = 0, t2: u32 = 0, t3: u32 = 0, t4: u32 = 0, t5: u32 = 0, t6: u32 = 0, t7: u32 = 0, t8: u32 = 0;
  for (let i: usize = 0; i < 32; i += 4) {
    // t += a * b[i]
    const bi = <u64>load<u32>(b + i);
    let c = <u64>t0 + a0 * bi; t0 = <u32>c;
    c = (c >> 32) + <u64>t1 + a1 * bi; t1 = <u32>c;
    c = (c >> 32) + <u64>t2 + a2 * bi; t2 = <u32>c;
    c = (c >> 32) + <u64>t3 + a3 * bi; t3 = <u32>c;
    c = (c >> 32) + <u64>t4 + a4 * bi; t4 = <u32>c;
    c = (c >> 32) + <u64>t5 + a5 * bi; t5 = <u32>c;
    c = (c >> 32) + <u64>t6 + a6 * bi; t6 = <u32>c;
    c = (c >> 32) + <u64>t7 + a7 * bi; t7 = <u32>c;
    c = (c >> 32) + <u64>t8; t8 = <u32>c;
    const hi = <u32>(c >> 32);
    // t = (t + q * p) / 2^32 with q = t0 (m0inv = 1): the low limb cancels.
    const q = <u64>t0;
    c = (<u64>t0 + q * ALL) >> 32;
    c += <u64>t1 + q * ALL; t0 = <u32>c; c >>= 32;
    c += <u64>t2 + q * ALL; t1 = <u32>c; c >>= 32;
    c += <u64>t3; t2 = <u32>c; c >>= 32;
    c += <u64>t4; t3 = <u32>c; c >>= 32;
    c += <u64>t5; t4 = <u32>c; c >>= 32;
    c += <u64>t6 + q; t5 = <u32>c; c >>= 32;
    c += <u64>t7 + q * ALL; t6 = <u32>c; c >>= 32;
    c += <u64>t8; t7 = <u32>c;
    t8 = hi + <u32>(c >> 32);
  }
  // t < 2p (the CIOS bound): subtract p once and keep the difference unless
  // it borrowed without a carry out of t (t8).
  let d = <u64>t0 - ALL; const d0 = <u32>d; let borrow = d >> 63;
  d = <u64>t1 - ALL - borrow; const d1 = <u32>d; borrow = d >> 63;
  d = <u64>t2 - ALL - borrow; const d2 = <u32>d; borrow = d >> 63;
  d = <u64>t3 - borrow; const d3 = <u32>d; borrow = d >> 63;
  d = <u64>t4 - borrow; const d4 = <u32>d; borrow = d >> 63;
  d = <u64>t5 - borrow; const d5 = <u32>d; borrow = d >> 63;
  d = <u64>t6 - 1 - borrow; const d6 = <u32>d; borrow = d >> 63;
  d = <u64>t7 - ALL - borrow; const d7 = <u32>d; borrow = d >> 63;
  const keep = maskOf(mux(t8, 1, <u32>borrow ^ 1));
  store<u32>(r, (d0 & keep) | (t0 & ~keep), 0);
  store<u32>(r, (d1 & keep) | (t1 & ~keep), 4);
  store<u32>(r, (d2 & keep) | (t2 & ~keep), 8);
  store<u32>(r, (d3 & keep) | (t3 & ~keep), 12);
  store<u32>(r, (d4 & keep) | (t4 & ~keep), 16);
  store<u32>(r, (d5 & keep) | (t5 & ~keep), 20);
  store<u32>(r, (d6 & keep) | (t6 & ~keep), 24);
  store<u32>(r, (d7 & keep) | (t7 & ~keep), 28);
}
