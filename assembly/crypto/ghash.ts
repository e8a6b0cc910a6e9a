// GHASH (NIST SP 800-38D §6.4), constant-time, carry-less multiplication
// built from integer multiplications with "holes", on u32 operands.
//
// Secret: the hash subkey H and the running value Y (they reveal the tag and
// let anyone forge). The data blocks may be secret too (AAD). Public: the
// number of blocks.
//
// Assumption: a u32 x u32 -> u64 integer multiplication takes the same time
// whatever its operands. That holds on Cortex-M3/M4/M33 (UMULL), on rv32imc
// cores with a single-cycle or fixed-latency multiplier (MUL + MULHU) and on
// x86-64 and ARMv8 application cores; it does NOT hold on some small cores
// with early-terminating multipliers (ARM7TDMI, Cortex-M0 with the small
// multiplier), where this file would leak. BearSSL's inner.h documents the
// same caveat (BR_CT_MUL31). There is no table anywhere: a 4-bit table of
// multiples of H would be indexed by secret nibbles.
//
// Carry-less product of two 32-bit words (the idea of BearSSL's ghash_ctmul,
// in our own code): split each operand into four words that keep only every
// fourth bit (masks 0x11111111 << k). An ordinary product of two such words
// puts at most 8 partial products on any bit position, and the next position
// that can receive any is 4 bits higher; a count of at most 8 fits in those
// 4 bits, so carries never reach a position we keep and bit j of the integer
// product is exactly the XOR (parity) of its partial products. Sixteen such
// products, sorted by (k + l) mod 4, give the 63-bit carry-less product.
//
// Bit order (§6.3): block bit 0 (the most significant bit of byte 0) is the
// coefficient of x^0. Loading blocks big-endian therefore gives bit-reflected
// integers; the carry-less product of two reflected 128-bit values is the
// reflected 255-bit product, which one left shift aligns to 256 bits. Then
// x^128 = x^7 + x^2 + x + 1 folds the upper half (degrees 128..254) down; in
// reflected order multiplying by x is a right shift.
//
// Values are kept as two u64 halves (hi = bytes 0..7 big-endian): the
// products are u64 anyway, and on a 32-bit core a u64 XOR or shift is the
// same two or three instructions the u32 form would take.

/** Carry-less product of x and y (both < 2^32): the low 63 bits. */
@inline function clmul32(x: u32, y: u32): u64 {
  const x0 = <u64>(x & 0x11111111), x1 = <u64>(x & 0x22222222);
  const x2 = <u64>(x & 0x44444444), x3 = <u64>(x & 0x88888888);
  const y0 = <u64>(y & 0x11111111), y1 = <u64>(y & 0x22222222);
  const y2 = <u64>(y & 0x44444444), y3 = <u64>(y & 0x88888888);
  const z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
  const z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
  const z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
  const z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
  return (z0 & 0x1111111111111111)
    | (z1 & 0x2222222222222222)
    | (z2 & 0x4444444444444444)
    | (z3 & 0x8888888888888888);
}

/**
 * Y = (Y ^ X_i) . H for each of the n 16-byte blocks X_i at src (§6.4,
 * Algorithm 2). y points at Y and h at H, each two u64 words (hi, lo) in
 * native order; n is public.
 */
export function ghashBlocks(y: usize, h: usize, src: usize, n: usize): void {
  let yh = load<u64>(y, 0);
  let yl = load<u64>(y, 8);
  const hh = load<u64>(h, 0);
  const hl = load<u64>(h, 8);
  // H's 32-bit words (b3 most significant) and the Karatsuba sums; H is the
  // same for every block.
  const b0 = <u32>hl, b1 = <u32>(hl >> 32), b2 = <u32>hh, b3 = <u32>(hh >> 32);
  const b01 = b0 ^ b1, b23 = b2 ^ b3, b02 = b0 ^ b2, b13 = b1 ^ b3, bmm = b02 ^ b13;

  for (let i: usize = 0; i < n; i++) {
    const p = src + (i << 4);
    yh ^= bswap<u64>(load<u64>(p, 0));
    yl ^= bswap<u64>(load<u64>(p, 8));
    const a0 = <u32>yl, a1 = <u32>(yl >> 32), a2 = <u32>yh, a3 = <u32>(yh >> 32);

    // Two-level Karatsuba: nine 32x32 products instead of sixteen.
    const lo0 = clmul32(a0, b0);
    const lo1 = clmul32(a1, b1);
    const lom = clmul32(a0 ^ a1, b01) ^ lo0 ^ lo1;
    const hi0 = clmul32(a2, b2);
    const hi1 = clmul32(a3, b3);
    const him = clmul32(a2 ^ a3, b23) ^ hi0 ^ hi1;
    const c0 = a0 ^ a2, c1 = a1 ^ a3;
    const mi0 = clmul32(c0, b02);
    const mi1 = clmul32(c1, b13);
    const mim = clmul32(c0 ^ c1, bmm) ^ mi0 ^ mi1;
    // 128-bit products as (hi, lo) pairs.
    const pLoL = lo0 ^ (lom << 32), pLoH = lo1 ^ (lom >> 32);
    const pHiL = hi0 ^ (him << 32), pHiH = hi1 ^ (him >> 32);
    const pMiL = mi0 ^ (mim << 32) ^ pLoL ^ pHiL;
    const pMiH = mi1 ^ (mim >> 32) ^ pLoH ^ pHiH;
    // The 255-bit product z3:z2:z1:z0, then shifted left once.
    let z0 = pLoL;
    let z1 = pLoH ^ pMiL;
    let z2 = pHiL ^ pMiH;
    let z3 = pHiH;
    z3 = (z3 << 1) | (z2 >> 63);
    z2 = (z2 << 1) | (z1 >> 63);
    z1 = (z1 << 1) | (z0 >> 63);
    z0 = z0 << 1;

    // Reduction: E = z1:z0 holds degrees 128..255. E.x^s for s = 1, 2, 7
    // pushes its last s bits past degree 127 again; fold those first (they
    // land in the top 7 bits, where one more fold cannot overflow).
    const fh = z1 ^ (z0 << 63) ^ (z0 << 62) ^ (z0 << 57);
    const fl = z0;
    yh = z3 ^ fh ^ (fh >> 1) ^ (fh >> 2) ^ (fh >> 7);
    yl = z2 ^ fl ^ (fl >> 1) ^ (fl >> 2) ^ (fl >> 7) ^ (fh << 63) ^ (fh << 62) ^ (fh << 57);
  }
  store<u64>(y, yh, 0);
  store<u64>(y, yl, 8);
}
