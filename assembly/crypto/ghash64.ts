// GHASH (NIST SP 800-38D §6.4), constant-time, for hosts with a native 64-bit
// multiplier: carry-less products from u64 x u64 integer multiplications with
// "holes", four blocks per reduction. The 32-bit form is ghash.ts (read its
// header for the bit order and the reduction; this file keeps both).
//
// Secret: H and its powers, the running value Y, the data blocks. Public: the
// number of blocks. Assumption (as in ghash.ts): an integer multiplication
// takes the same time whatever its operands (true of x86-64 and ARMv8
// application cores). No table anywhere.
//
// Low half of a 64 x 64 carry-less product (the idea of BearSSL's
// ghash_ctmul64, in our own code): split each operand into four words that
// keep every fourth bit (masks 0x1111... << k). Bit 4 m + c of an integer
// product of two such words gathers at most m + 1 partial products, so below
// bit 60 a count never reaches 16 and never carries into the next kept bit;
// at bits 60..63 it can reach 16, whose carry leaves the 64-bit word. So the
// low 64 bits of sixteen such products, masked and merged, are exact. Wasm
// has no 64 x 64 -> 128 multiplication; the high half comes from bit
// reversal: rev(x) (x) rev(y) = rev127(x (x) y), so the low half of the
// product of the reversed operands, reversed again, is (x (x) y) >> 63. That
// is exactly the high word of (x (x) y) << 1, and the shift by one is the one
// GHASH's reflected bit order needs anyway (ghash.ts).
//
// Per 128-bit product: Karatsuba on the 64-bit halves, three products, each a
// low half and a reversed half: 96 multiplications (ghash.ts: 144 on u32).
//
// Aggregation: Y' = (Y ^ X1).H^4 ^ X2.H^3 ^ X3.H^2 ^ X4.H. All of it is
// linear until the reduction, and bit reversal is linear too, so four blocks
// share one reduction and one set of output reversals. H, H^2, H^3, H^4 are
// kept pre-split into their masked words: the H side of every product is a
// load, not four ANDs.

/** Bytes of GHASH key material: four powers of H, six halves x four masks. */
export const GHASH64_KEY_SIZE: u32 = 768;
// Bytes per power: h0 (low half), h1 (high half), h0 ^ h1 and their bit
// reversals, each as four masked words.
const POWER = 192;

// Scratch for deriving H^2..H^4 (secret, wiped).
const powerY = memory.data(16, 16);
const zeroBlock = memory.data(16, 16);

const M0: u64 = 0x1111111111111111;
const M1: u64 = 0x2222222222222222;
const M2: u64 = 0x4444444444444444;
const M3: u64 = 0x8888888888888888;

/** Reverses the bits inside each byte (public shifts). */
@inline function revBitsInBytes(x: u64): u64 {
  x = ((x >> 1) & 0x5555555555555555) | ((x & 0x5555555555555555) << 1);
  x = ((x >> 2) & 0x3333333333333333) | ((x & 0x3333333333333333) << 2);
  return ((x >> 4) & 0x0f0f0f0f0f0f0f0f) | ((x & 0x0f0f0f0f0f0f0f0f) << 4);
}

/** Full 64-bit reversal: bit i goes to bit 63 - i. */
@inline function rev64(x: u64): u64 {
  return bswap<u64>(revBitsInBytes(x));
}

/**
 * Low 64 bits of the carry-less product of x and the word whose four masked
 * parts are at p (p + 0: & M0, ... p + 24: & M3).
 */
@inline function clmulLow(x: u64, p: usize): u64 {
  const x0 = x & M0, x1 = x & M1, x2 = x & M2, x3 = x & M3;
  const y0 = load<u64>(p, 0), y1 = load<u64>(p, 8), y2 = load<u64>(p, 16), y3 = load<u64>(p, 24);
  const z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
  const z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
  const z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
  const z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
  return (z0 & M0) | (z1 & M1) | (z2 & M2) | (z3 & M3);
}

/** Stores the four masked parts of x at p. */
@inline function storeSplit(p: usize, x: u64): void {
  store<u64>(p, x & M0, 0);
  store<u64>(p, x & M1, 8);
  store<u64>(p, x & M2, 16);
  store<u64>(p, x & M3, 24);
}

/** Writes the pre-split form of the field element (hi, lo) at p (POWER bytes). */
function storePower(p: usize, hi: u64, lo: u64): void {
  const rlo = rev64(lo), rhi = rev64(hi);
  storeSplit(p, lo);
  storeSplit(p + 32, hi);
  storeSplit(p + 64, lo ^ hi);
  storeSplit(p + 96, rlo);
  storeSplit(p + 128, rhi);
  storeSplit(p + 160, rlo ^ rhi);
}

/**
 * Y = (...((Y ^ X_1).H ^ X_2).H ... ^ X_k).H for the k blocks at src, k = 1..4
 * (public), computed as sum_i X'_i.H^(k+1-i) with X'_1 = Y ^ X_1 and one
 * reduction. y: two u64 (hi, lo), hk: the key material (ghashKey64).
 */
function ghashStep(y: usize, hk: usize, src: usize, k: usize): void {
  let yh = load<u64>(y, 0);
  let yl = load<u64>(y, 8);
  // The Karatsuba halves' products, low parts (l*) and reversed high parts
  // (r*), summed over the blocks: 0 = low halves, 1 = high, 2 = middle.
  let l0: u64 = 0, l1: u64 = 0, l2: u64 = 0, r0: u64 = 0, r1: u64 = 0, r2: u64 = 0;
  // Y enters with the first block only; after that it is zero.
  let ryh = rev64(yh), ryl = rev64(yl);
  for (let i: usize = 0; i < k; i++) {
    const p = hk + (k - 1 - i) * POWER; // H^(k-i)
    const w1 = load<u64>(src + (i << 4), 0);
    const w0 = load<u64>(src + (i << 4), 8);
    // Blocks are big-endian (§6.3): the u64 of the integer is the byte swap
    // of the loaded word, and its bit reversal is the loaded word with the
    // bits of each byte reversed, no byte swap needed.
    const a1 = yh ^ bswap<u64>(w1), a0 = yl ^ bswap<u64>(w0);
    const ra1 = ryh ^ revBitsInBytes(w1), ra0 = ryl ^ revBitsInBytes(w0);
    yh = 0; yl = 0; ryh = 0; ryl = 0;
    l0 ^= clmulLow(a0, p);
    l1 ^= clmulLow(a1, p + 32);
    l2 ^= clmulLow(a0 ^ a1, p + 64);
    r0 ^= clmulLow(ra0, p + 96);
    r1 ^= clmulLow(ra1, p + 128);
    r2 ^= clmulLow(ra0 ^ ra1, p + 160);
  }
  // Each product shifted left once: (high, low) = (rev64(r), l << 1).
  const p0h = rev64(r0), p0l = l0 << 1;
  const p1h = rev64(r1), p1l = l1 << 1;
  const mh = rev64(r2) ^ p0h ^ p1h, ml = (l2 << 1) ^ p0l ^ p1l;
  // The 256-bit product z3:z2:z1:z0 (z3 most significant, degrees 0..63).
  const z0 = p0l, z1 = p0h ^ ml, z2 = p1l ^ mh, z3 = p1h;
  // Reduction by x^128 = x^7 + x^2 + x + 1, as in ghash.ts: E = z1:z0 holds
  // degrees 128..255; the bits E.x^s (s = 1, 2, 7) would push past degree
  // 127 are folded into E's top first, then E.(1 + x + x^2 + x^7) is added
  // to z3:z2 (multiplying by x is a right shift in this bit order).
  const fh = z1 ^ (z0 << 63) ^ (z0 << 62) ^ (z0 << 57);
  const fl = z0;
  store<u64>(y, z3 ^ fh ^ (fh >> 1) ^ (fh >> 2) ^ (fh >> 7), 0);
  store<u64>(y, z2 ^ fl ^ (fl >> 1) ^ (fl >> 2) ^ (fl >> 7) ^ (fh << 63) ^ (fh << 62) ^ (fh << 57), 8);
}

/**
 * Prepares the key material at hk (GHASH64_KEY_SIZE bytes) from the hash
 * subkey H = (hi, lo) (two u64, the bit order of ghash.ts). Secret in, secret
 * out; the scratch is wiped.
 */
export function ghashKey64(hk: usize, hi: u64, lo: u64): void {
  storePower(hk, hi, lo);
  // H^(j+1) = (H^j ^ 0).H: one single-block step on a zero block.
  store<u64>(powerY, hi, 0);
  store<u64>(powerY, lo, 8);
  for (let j: usize = 1; j < 4; j++) {
    ghashStep(powerY, hk, zeroBlock, 1);
    storePower(hk + j * POWER, load<u64>(powerY, 0), load<u64>(powerY, 8));
  }
  memory.fill(powerY, 0, 16);
}

/**
 * Y = (Y ^ X_i) . H for each of the n 16-byte blocks X_i at src (§6.4,
 * Algorithm 2), four at a time. y points at Y, two u64 (hi, lo) in native
 * order; hk at the key material from ghashKey64; n is public.
 */
export function ghashBlocks64(y: usize, hk: usize, src: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 4 <= n; i += 4) ghashStep(y, hk, src + (i << 4), 4);
  if (i < n) ghashStep(y, hk, src + (i << 4), n - i);
}
