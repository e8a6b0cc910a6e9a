// Arithmetic in GF(p), p = 2^255 - 19 (RFC 7748 §4.1), for X25519 and Ed25519.
//
// Variant: constant time, ten u32 limbs in radix 2^25.5 (limb i holds 26 bits
// when i is even and 25 bits when i is odd, at bit offset ceil(25.5 i)), u32 x
// u32 -> u64 products. This is the representation of the "ref10" code that
// Bernstein et al. published with the Ed25519 paper, chosen because a 32-bit
// core without a 64-bit multiplier does each product as one mul + one mulhu.
// Every value here may be secret: no branch, no comparison and no memory
// index depends on a limb. Loop bounds and shift counts are public constants.
//
// A field element ("fe") is 40 bytes of memory: ten little-endian u32 limbs.
// Every function loads its inputs into locals before it stores its output, so
// the output may alias any input.
//
// Limb bounds, the contract between the functions (write M = 2^26 for even
// limbs and 2^25 for odd limbs):
//   tight: limb < M, except limb 1 < 2^25 + 2^19. feMul, feSq, feMulSmall,
//          feCarry and feDecode return tight elements.
//   loose: limb < 3.3 M. feAdd of two tight elements and feSub of a tight
//          minus a tight element return loose ones.
// (Three tight elements added with two feAdds also stay loose: 3 (2^25 + 2^19)
// < 3.3 * 2^25 for limb 1, and 3 M < 3.3 M for the others.)
// feMul and feSq accept loose inputs: 19 * (3.3 * 2^26) still fits in a u32,
// and the largest output column (column 0: one plain product and nine times
// 19) stays below 3.3^2 * (1 + 9 * 19) * 2^52 < 2^63, so the u64 sums and the
// carries between them never overflow. feAdd or feSub of a loose element
// needs a feCarry first.

/** Bytes of one field element in memory. */
export const FE_SIZE: usize = 40;

const MASK26: u32 = 0x3ffffff;
const MASK25: u32 = 0x1ffffff;

/** One 32 x 32 -> 64-bit product: a single mul + mulhu pair on rv32. */
@inline function m(a: u32, b: u32): u64 {
  return <u64>a * <u64>b;
}

/**
 * Carries ten u64 column sums into a tight element at h. Limb i's carry goes
 * into limb i + 1; the carry out of limb 9 stands for a multiple of 2^255,
 * which is 19 mod p, so it re-enters limb 0 times 19 and one last carry moves
 * limb 0's excess into limb 1 (which is why limb 1 may exceed 2^25 a little).
 * Each column is below 2^63 (header), so the carries never overflow.
 */
@inline function carryStore(
  h: usize,
  h0: u64, h1: u64, h2: u64, h3: u64, h4: u64,
  h5: u64, h6: u64, h7: u64, h8: u64, h9: u64,
): void {
  h1 += h0 >> 26; const r0 = <u32>h0 & MASK26;
  h2 += h1 >> 25; const r1 = <u32>h1 & MASK25;
  h3 += h2 >> 26; const r2 = <u32>h2 & MASK26;
  h4 += h3 >> 25; const r3 = <u32>h3 & MASK25;
  h5 += h4 >> 26; const r4 = <u32>h4 & MASK26;
  h6 += h5 >> 25; const r5 = <u32>h5 & MASK25;
  h7 += h6 >> 26; const r6 = <u32>h6 & MASK26;
  h8 += h7 >> 25; const r7 = <u32>h7 & MASK25;
  h9 += h8 >> 26; const r8 = <u32>h8 & MASK26;
  const r9 = <u32>h9 & MASK25;
  // h9 < 2^63, so the carry is below 2^38 and 19 times it below 2^43.
  const t0 = <u64>r0 + (h9 >> 25) * 19;
  store<u32>(h, <u32>t0 & MASK26, 0);
  store<u32>(h, r1 + <u32>(t0 >> 26), 4);
  store<u32>(h, r2, 8);
  store<u32>(h, r3, 12);
  store<u32>(h, r4, 16);
  store<u32>(h, r5, 20);
  store<u32>(h, r6, 24);
  store<u32>(h, r7, 28);
  store<u32>(h, r8, 32);
  store<u32>(h, r9, 36);
}

/** h = f * g mod p. f, g loose or tight; h tight. */
export function feMul(h: usize, f: usize, g: usize): void {
  const f0 = load<u32>(f, 0), f1 = load<u32>(f, 4), f2 = load<u32>(f, 8), f3 = load<u32>(f, 12);
  const f4 = load<u32>(f, 16), f5 = load<u32>(f, 20), f6 = load<u32>(f, 24), f7 = load<u32>(f, 28);
  const f8 = load<u32>(f, 32), f9 = load<u32>(f, 36);
  const g0 = load<u32>(g, 0), g1 = load<u32>(g, 4), g2 = load<u32>(g, 8), g3 = load<u32>(g, 12);
  const g4 = load<u32>(g, 16), g5 = load<u32>(g, 20), g6 = load<u32>(g, 24), g7 = load<u32>(g, 28);
  const g8 = load<u32>(g, 32), g9 = load<u32>(g, 36);

  // f_i g_j lands at bit offset off(i) + off(j). That is off(i + j) plus one
  // extra bit when i and j are both odd (25.5 rounds up twice), hence the
  // doubled odd f limbs; a position at or past 2^255 wraps to 19 times the
  // position 255 bits lower, hence the g limbs times 19.
  const g1_19 = g1 * 19, g2_19 = g2 * 19, g3_19 = g3 * 19, g4_19 = g4 * 19, g5_19 = g5 * 19;
  const g6_19 = g6 * 19, g7_19 = g7 * 19, g8_19 = g8 * 19, g9_19 = g9 * 19;
  const f1_2 = f1 << 1, f3_2 = f3 << 1, f5_2 = f5 << 1, f7_2 = f7 << 1, f9_2 = f9 << 1;

  const h0 = m(f0, g0) + m(f1_2, g9_19) + m(f2, g8_19) + m(f3_2, g7_19) + m(f4, g6_19)
    + m(f5_2, g5_19) + m(f6, g4_19) + m(f7_2, g3_19) + m(f8, g2_19) + m(f9_2, g1_19);
  const h1 = m(f0, g1) + m(f1, g0) + m(f2, g9_19) + m(f3, g8_19) + m(f4, g7_19)
    + m(f5, g6_19) + m(f6, g5_19) + m(f7, g4_19) + m(f8, g3_19) + m(f9, g2_19);
  const h2 = m(f0, g2) + m(f1_2, g1) + m(f2, g0) + m(f3_2, g9_19) + m(f4, g8_19)
    + m(f5_2, g7_19) + m(f6, g6_19) + m(f7_2, g5_19) + m(f8, g4_19) + m(f9_2, g3_19);
  const h3 = m(f0, g3) + m(f1, g2) + m(f2, g1) + m(f3, g0) + m(f4, g9_19)
    + m(f5, g8_19) + m(f6, g7_19) + m(f7, g6_19) + m(f8, g5_19) + m(f9, g4_19);
  const h4 = m(f0, g4) + m(f1_2, g3) + m(f2, g2) + m(f3_2, g1) + m(f4, g0)
    + m(f5_2, g9_19) + m(f6, g8_19) + m(f7_2, g7_19) + m(f8, g6_19) + m(f9_2, g5_19);
  const h5 = m(f0, g5) + m(f1, g4) + m(f2, g3) + m(f3, g2) + m(f4, g1)
    + m(f5, g0) + m(f6, g9_19) + m(f7, g8_19) + m(f8, g7_19) + m(f9, g6_19);
  const h6 = m(f0, g6) + m(f1_2, g5) + m(f2, g4) + m(f3_2, g3) + m(f4, g2)
    + m(f5_2, g1) + m(f6, g0) + m(f7_2, g9_19) + m(f8, g8_19) + m(f9_2, g7_19);
  const h7 = m(f0, g7) + m(f1, g6) + m(f2, g5) + m(f3, g4) + m(f4, g3)
    + m(f5, g2) + m(f6, g1) + m(f7, g0) + m(f8, g9_19) + m(f9, g8_19);
  const h8 = m(f0, g8) + m(f1_2, g7) + m(f2, g6) + m(f3_2, g5) + m(f4, g4)
    + m(f5_2, g3) + m(f6, g2) + m(f7_2, g1) + m(f8, g0) + m(f9_2, g9_19);
  const h9 = m(f0, g9) + m(f1, g8) + m(f2, g7) + m(f3, g6) + m(f4, g5)
    + m(f5, g4) + m(f6, g3) + m(f7, g2) + m(f8, g1) + m(f9, g0);

  carryStore(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
}

/**
 * h = f^2 mod p. f loose or tight; h tight. 55 products instead of feMul's
 * 100: each cross term f_i f_j (i < j) is computed once and doubled.
 */
export function feSq(h: usize, f: usize): void {
  const f0 = load<u32>(f, 0), f1 = load<u32>(f, 4), f2 = load<u32>(f, 8), f3 = load<u32>(f, 12);
  const f4 = load<u32>(f, 16), f5 = load<u32>(f, 20), f6 = load<u32>(f, 24), f7 = load<u32>(f, 28);
  const f8 = load<u32>(f, 32), f9 = load<u32>(f, 36);

  // Same placement rules as feMul; the extra factor 2 of a cross term is
  // folded into the left operand, and the odd-odd 2 and the wrap 19 into the
  // right one (38 = 2 * 19).
  const f0_2 = f0 << 1, f1_2 = f1 << 1, f2_2 = f2 << 1, f3_2 = f3 << 1, f4_2 = f4 << 1;
  const f5_2 = f5 << 1, f6_2 = f6 << 1, f7_2 = f7 << 1, f8_2 = f8 << 1;
  const f6_19 = f6 * 19, f7_19 = f7 * 19, f8_19 = f8 * 19, f9_19 = f9 * 19;
  const f5_38 = f5 * 38, f7_38 = f7 * 38, f9_38 = f9 * 38;

  const h0 = m(f0, f0) + m(f1_2, f9_38) + m(f2_2, f8_19) + m(f3_2, f7_38) + m(f4_2, f6_19) + m(f5, f5_38);
  const h1 = m(f0_2, f1) + m(f2_2, f9_19) + m(f3_2, f8_19) + m(f4_2, f7_19) + m(f5_2, f6_19);
  const h2 = m(f0_2, f2) + m(f1_2, f1) + m(f3_2, f9_38) + m(f4_2, f8_19) + m(f5_2, f7_38) + m(f6, f6_19);
  const h3 = m(f0_2, f3) + m(f1_2, f2) + m(f4_2, f9_19) + m(f5_2, f8_19) + m(f6_2, f7_19);
  const h4 = m(f0_2, f4) + m(f1_2, f3_2) + m(f2, f2) + m(f5_2, f9_38) + m(f6_2, f8_19) + m(f7, f7_38);
  const h5 = m(f0_2, f5) + m(f1_2, f4) + m(f2_2, f3) + m(f6_2, f9_19) + m(f7_2, f8_19);
  const h6 = m(f0_2, f6) + m(f1_2, f5_2) + m(f2_2, f4) + m(f3_2, f3) + m(f7_2, f9_38) + m(f8, f8_19);
  const h7 = m(f0_2, f7) + m(f1_2, f6) + m(f2_2, f5) + m(f3_2, f4) + m(f8_2, f9_19);
  const h8 = m(f0_2, f8) + m(f1_2, f7_2) + m(f2_2, f6) + m(f3_2, f5_2) + m(f4, f4) + m(f9, f9_38);
  const h9 = m(f0_2, f9) + m(f1_2, f8) + m(f2_2, f7) + m(f3_2, f6) + m(f4_2, f5);

  carryStore(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
}

/**
 * h = f^(2^n) mod p: n >= 1 successive squarings. n is public (an exponent
 * of a fixed addition chain); f loose or tight; h tight.
 */
export function feSqN(h: usize, f: usize, n: u32): void {
  feSq(h, f);
  for (let i: u32 = 1; i < n; i++) feSq(h, h);
}

/**
 * h = c * f mod p for a small public constant c < 2^25 (RFC 7748 §5 uses
 * a24 = 121665). f loose or tight; h tight. Ten products instead of a feMul.
 */
export function feMulSmall(h: usize, f: usize, c: u32): void {
  carryStore(h,
    m(load<u32>(f, 0), c), m(load<u32>(f, 4), c), m(load<u32>(f, 8), c),
    m(load<u32>(f, 12), c), m(load<u32>(f, 16), c), m(load<u32>(f, 20), c),
    m(load<u32>(f, 24), c), m(load<u32>(f, 28), c), m(load<u32>(f, 32), c),
    m(load<u32>(f, 36), c));
}

/** h = f + g, limb by limb, no carry. f, g tight; h loose. */
export function feAdd(h: usize, f: usize, g: usize): void {
  const f0 = load<u32>(f, 0), f1 = load<u32>(f, 4), f2 = load<u32>(f, 8), f3 = load<u32>(f, 12);
  const f4 = load<u32>(f, 16), f5 = load<u32>(f, 20), f6 = load<u32>(f, 24), f7 = load<u32>(f, 28);
  const f8 = load<u32>(f, 32), f9 = load<u32>(f, 36);
  const g0 = load<u32>(g, 0), g1 = load<u32>(g, 4), g2 = load<u32>(g, 8), g3 = load<u32>(g, 12);
  const g4 = load<u32>(g, 16), g5 = load<u32>(g, 20), g6 = load<u32>(g, 24), g7 = load<u32>(g, 28);
  const g8 = load<u32>(g, 32), g9 = load<u32>(g, 36);
  store<u32>(h, f0 + g0, 0);
  store<u32>(h, f1 + g1, 4);
  store<u32>(h, f2 + g2, 8);
  store<u32>(h, f3 + g3, 12);
  store<u32>(h, f4 + g4, 16);
  store<u32>(h, f5 + g5, 20);
  store<u32>(h, f6 + g6, 24);
  store<u32>(h, f7 + g7, 28);
  store<u32>(h, f8 + g8, 32);
  store<u32>(h, f9 + g9, 36);
}

// 2p in the limb layout: limb 0 is 2 (2^26 - 19), the others 2 (M - 1).
const P2_0: u32 = 0x7ffffda;
const P2_EVEN: u32 = 0x7fffffe;
const P2_ODD: u32 = 0x3fffffe;

/**
 * h = f - g mod p, as f + 2p - g limb by limb: the limbs are unsigned, and
 * adding 2p keeps every one of them non-negative without a branch because a
 * tight g limb never exceeds the matching limb of 2p. f, g tight; h loose.
 */
export function feSub(h: usize, f: usize, g: usize): void {
  const f0 = load<u32>(f, 0), f1 = load<u32>(f, 4), f2 = load<u32>(f, 8), f3 = load<u32>(f, 12);
  const f4 = load<u32>(f, 16), f5 = load<u32>(f, 20), f6 = load<u32>(f, 24), f7 = load<u32>(f, 28);
  const f8 = load<u32>(f, 32), f9 = load<u32>(f, 36);
  const g0 = load<u32>(g, 0), g1 = load<u32>(g, 4), g2 = load<u32>(g, 8), g3 = load<u32>(g, 12);
  const g4 = load<u32>(g, 16), g5 = load<u32>(g, 20), g6 = load<u32>(g, 24), g7 = load<u32>(g, 28);
  const g8 = load<u32>(g, 32), g9 = load<u32>(g, 36);
  store<u32>(h, f0 + P2_0 - g0, 0);
  store<u32>(h, f1 + P2_ODD - g1, 4);
  store<u32>(h, f2 + P2_EVEN - g2, 8);
  store<u32>(h, f3 + P2_ODD - g3, 12);
  store<u32>(h, f4 + P2_EVEN - g4, 16);
  store<u32>(h, f5 + P2_ODD - g5, 20);
  store<u32>(h, f6 + P2_EVEN - g6, 24);
  store<u32>(h, f7 + P2_ODD - g7, 28);
  store<u32>(h, f8 + P2_EVEN - g8, 32);
  store<u32>(h, f9 + P2_ODD - g9, 36);
}

/**
 * Swaps the elements at f and g when ctl == 1 and leaves them when ctl == 0
 * (RFC 7748 §5 cswap), reading and writing both either way. ctl is secret.
 */
export function feCswap(f: usize, g: usize, ctl: u32): void {
  const mask = 0 - ctl;
  cswapLimb(f, g, mask, 0);
  cswapLimb(f, g, mask, 4);
  cswapLimb(f, g, mask, 8);
  cswapLimb(f, g, mask, 12);
  cswapLimb(f, g, mask, 16);
  cswapLimb(f, g, mask, 20);
  cswapLimb(f, g, mask, 24);
  cswapLimb(f, g, mask, 28);
  cswapLimb(f, g, mask, 32);
  cswapLimb(f, g, mask, 36);
}

/** One limb of feCswap; mask is 0 or 0xFFFFFFFF, off a public constant. */
@inline function cswapLimb(f: usize, g: usize, mask: u32, off: usize): void {
  const a = load<u32>(f + off), b = load<u32>(g + off);
  const x = (a ^ b) & mask;
  store<u32>(f + off, a ^ x);
  store<u32>(g + off, b ^ x);
}

/** h = f (40 bytes). */
@inline export function feCopy(h: usize, f: usize): void {
  memory.copy(h, f, FE_SIZE);
}

/** h = c for a small public constant c < 2^26 (0 and 1 in practice). */
export function feSetSmall(h: usize, c: u32): void {
  memory.fill(h, 0, FE_SIZE);
  store<u32>(h, c, 0);
}

/**
 * h = f reduced to tight limbs (not yet canonical): one carry pass with the
 * 2^255 = 19 fold. f: any u32 limbs; h tight.
 */
export function feCarry(h: usize, f: usize): void {
  carryStore(h,
    <u64>load<u32>(f, 0), <u64>load<u32>(f, 4), <u64>load<u32>(f, 8), <u64>load<u32>(f, 12),
    <u64>load<u32>(f, 16), <u64>load<u32>(f, 20), <u64>load<u32>(f, 24), <u64>load<u32>(f, 28),
    <u64>load<u32>(f, 32), <u64>load<u32>(f, 36));
}

/**
 * Decodes 32 little-endian bytes at s into h, ignoring bit 255 (RFC 7748 §5:
 * "implementations of X25519 MUST mask the most significant bit"). Values from
 * p to 2^255 - 1 are kept as they are: they are valid, if non-canonical,
 * representatives, and every later operation works mod p. h is tight.
 */
export function feDecode(h: usize, s: usize): void {
  const w0 = load<u32>(s, 0), w1 = load<u32>(s, 4), w2 = load<u32>(s, 8), w3 = load<u32>(s, 12);
  const w4 = load<u32>(s, 16), w5 = load<u32>(s, 20), w6 = load<u32>(s, 24), w7 = load<u32>(s, 28);
  // Limb offsets 0, 26, 51, 77, 102, 128, 153, 179, 204, 230 bits.
  store<u32>(h, w0 & MASK26, 0);
  store<u32>(h, ((w0 >> 26) | (w1 << 6)) & MASK25, 4);
  store<u32>(h, ((w1 >> 19) | (w2 << 13)) & MASK26, 8);
  store<u32>(h, ((w2 >> 13) | (w3 << 19)) & MASK25, 12);
  store<u32>(h, (w3 >> 6) & MASK26, 16);
  store<u32>(h, w4 & MASK25, 20);
  store<u32>(h, ((w4 >> 25) | (w5 << 7)) & MASK26, 24);
  store<u32>(h, ((w5 >> 19) | (w6 << 13)) & MASK25, 28);
  store<u32>(h, ((w6 >> 12) | (w7 << 20)) & MASK26, 32);
  store<u32>(h, (w7 >> 6) & MASK25, 36); // bit 255 (w7 bit 31) falls off here
}

/**
 * Encodes f as its canonical 32 little-endian bytes at s: the unique
 * representative in [0, p) (RFC 7748 §5, encodeUCoordinate). f loose or tight.
 * Constant time: the final subtraction of p is an addition of 19 * q where q
 * is computed, not tested.
 */
export function feEncode(s: usize, f: usize): void {
  let h0 = load<u32>(f, 0), h1 = load<u32>(f, 4), h2 = load<u32>(f, 8), h3 = load<u32>(f, 12);
  let h4 = load<u32>(f, 16), h5 = load<u32>(f, 20), h6 = load<u32>(f, 24), h7 = load<u32>(f, 28);
  let h8 = load<u32>(f, 32), h9 = load<u32>(f, 36);

  // 1. One carry pass: limbs 1..9 within their widths, and the value below
  //    2^255 + 19 * 2^6, which is below 2p.
  h1 += h0 >> 26; h0 &= MASK26;
  h2 += h1 >> 25; h1 &= MASK25;
  h3 += h2 >> 26; h2 &= MASK26;
  h4 += h3 >> 25; h3 &= MASK25;
  h5 += h4 >> 26; h4 &= MASK26;
  h6 += h5 >> 25; h5 &= MASK25;
  h7 += h6 >> 26; h6 &= MASK26;
  h8 += h7 >> 25; h7 &= MASK25;
  h9 += h8 >> 26; h8 &= MASK26;
  h0 += (h9 >> 25) * 19; h9 &= MASK25;

  // 2. q = floor((h + 19) / 2^255), computed by carries alone: 1 exactly when
  //    h >= p (as h < 2p), else 0.
  let q = (h0 + 19) >> 26;
  q = (h1 + q) >> 25;
  q = (h2 + q) >> 26;
  q = (h3 + q) >> 25;
  q = (h4 + q) >> 26;
  q = (h5 + q) >> 25;
  q = (h6 + q) >> 26;
  q = (h7 + q) >> 25;
  q = (h8 + q) >> 26;
  q = (h9 + q) >> 25;

  // 3. h - q p = h + 19 q - q 2^255: add 19 q, carry, and drop bit 255.
  h0 += 19 * q;
  h1 += h0 >> 26; h0 &= MASK26;
  h2 += h1 >> 25; h1 &= MASK25;
  h3 += h2 >> 26; h2 &= MASK26;
  h4 += h3 >> 25; h3 &= MASK25;
  h5 += h4 >> 26; h4 &= MASK26;
  h6 += h5 >> 25; h5 &= MASK25;
  h7 += h6 >> 26; h6 &= MASK26;
  h8 += h7 >> 25; h7 &= MASK25;
  h9 += h8 >> 26; h8 &= MASK26;
  h9 &= MASK25;

  store<u32>(s, h0 | (h1 << 26), 0);
  store<u32>(s, (h1 >> 6) | (h2 << 19), 4);
  store<u32>(s, (h2 >> 13) | (h3 << 13), 8);
  store<u32>(s, (h3 >> 19) | (h4 << 6), 12);
  store<u32>(s, h5 | (h6 << 25), 16);
  store<u32>(s, (h6 >> 7) | (h7 << 19), 20);
  store<u32>(s, (h7 >> 13) | (h8 << 12), 24);
  store<u32>(s, (h8 >> 20) | (h9 << 6), 28);
}

// Scratch for feInvert: four elements, wiped before it returns.
const inv = memory.data(4 * <i32>FE_SIZE, 16);

/**
 * h = z^(p - 2) = 1 / z mod p (Fermat), and 0 when z = 0, which RFC 7748 §5
 * relies on for low-order inputs. The exponent 2^255 - 21 is public, so a
 * fixed chain of 254 squarings and 11 multiplications reaches it with no
 * secret-dependent step. z loose or tight; h tight.
 */
export function feInvert(h: usize, z: usize): void {
  const t0 = inv, t1 = inv + FE_SIZE, t2 = inv + 2 * FE_SIZE, t3 = inv + 3 * FE_SIZE;
  // The exponent of each intermediate is in its comment.
  feSq(t0, z);            // 2
  feSqN(t1, t0, 2);       // 8
  feMul(t1, z, t1);       // 9
  feMul(t0, t0, t1);      // 11
  feSq(t2, t0);           // 22
  feMul(t1, t1, t2);      // 31 = 2^5 - 1
  feSqN(t2, t1, 5);       // 2^10 - 2^5
  feMul(t1, t2, t1);      // 2^10 - 1
  feSqN(t2, t1, 10);      // 2^20 - 2^10
  feMul(t2, t2, t1);      // 2^20 - 1
  feSqN(t3, t2, 20);      // 2^40 - 2^20
  feMul(t2, t3, t2);      // 2^40 - 1
  feSqN(t2, t2, 10);      // 2^50 - 2^10
  feMul(t1, t2, t1);      // 2^50 - 1
  feSqN(t2, t1, 50);      // 2^100 - 2^50
  feMul(t2, t2, t1);      // 2^100 - 1
  feSqN(t3, t2, 100);     // 2^200 - 2^100
  feMul(t2, t3, t2);      // 2^200 - 1
  feSqN(t2, t2, 50);      // 2^250 - 2^50
  feMul(t1, t2, t1);      // 2^250 - 1
  feSqN(t1, t1, 5);       // 2^255 - 2^5
  feMul(h, t1, t0);       // 2^255 - 21 = p - 2
  memory.fill(inv, 0, 4 * FE_SIZE);
}

/**
 * h = -f mod p, as 2p - f limb by limb and one carry pass (a tight f limb
 * never exceeds the matching limb of 2p, so no limb wraps). f tight; h tight.
 * RFC 8032 §5.1.3 step 4 negates x this way ("set x <-- p - x").
 */
export function feNeg(h: usize, f: usize): void {
  carryStore(h,
    <u64>(P2_0 - load<u32>(f, 0)), <u64>(P2_ODD - load<u32>(f, 4)),
    <u64>(P2_EVEN - load<u32>(f, 8)), <u64>(P2_ODD - load<u32>(f, 12)),
    <u64>(P2_EVEN - load<u32>(f, 16)), <u64>(P2_ODD - load<u32>(f, 20)),
    <u64>(P2_EVEN - load<u32>(f, 24)), <u64>(P2_ODD - load<u32>(f, 28)),
    <u64>(P2_EVEN - load<u32>(f, 32)), <u64>(P2_ODD - load<u32>(f, 36)));
}

// Scratch for the predicates below: two canonical encodings, wiped after use.
const enc = memory.data(64, 16);

/**
 * 1 when f = 0 mod p, else 0. The limbs alone cannot tell (p itself is a
 * valid representative of 0), so the canonical encoding is tested: every byte
 * is folded in before the verdict. f loose or tight, may be secret.
 */
export function feIsZero(f: usize): u32 {
  feEncode(enc, f);
  let acc: u32 = 0;
  for (let i: usize = 0; i < 32; i++) acc |= <u32>load<u8>(enc + i);
  memory.fill(enc, 0, 32);
  // acc <= 255, so acc - 1 reaches bit 31 only when acc == 0 (no i32.eqz).
  return (acc - 1) >> 31;
}

/**
 * The low bit of f's canonical encoding: RFC 8032 §5.1.2 calls x "negative"
 * when it is odd, and stores that bit as the sign of an encoded point. f loose
 * or tight, may be secret; returns a ctl.
 */
export function feIsNegative(f: usize): u32 {
  feEncode(enc, f);
  const bit = <u32>load<u8>(enc) & 1;
  memory.fill(enc, 0, 32);
  return bit;
}

/**
 * 1 when f = g mod p (their canonical encodings are equal), else 0, folded
 * over all 32 bytes. f, g loose or tight, may be secret.
 */
export function feEqual(f: usize, g: usize): u32 {
  feEncode(enc, f);
  feEncode(enc + 32, g);
  let acc: u32 = 0;
  for (let i: usize = 0; i < 32; i++) acc |= <u32>load<u8>(enc + i) ^ <u32>load<u8>(enc + 32 + i);
  memory.fill(enc, 0, 64);
  return (acc - 1) >> 31;
}

/**
 * h = z^((p - 5) / 8) = z^(2^252 - 3) mod p, the power RFC 8032 §5.1.3 step 2
 * uses to take a square root (p = 5 mod 8). A fixed public chain of 250
 * squarings and 11 multiplications, feInvert's up to 2^250 - 1. z loose or
 * tight; h tight.
 */
export function fePow22523(h: usize, z: usize): void {
  const t0 = inv, t1 = inv + FE_SIZE, t2 = inv + 2 * FE_SIZE;
  feSq(t0, z);            // 2
  feSqN(t1, t0, 2);       // 8
  feMul(t1, z, t1);       // 9
  feMul(t0, t0, t1);      // 11
  feSq(t0, t0);           // 22
  feMul(t0, t1, t0);      // 31 = 2^5 - 1
  feSqN(t1, t0, 5);       // 2^10 - 2^5
  feMul(t0, t1, t0);      // 2^10 - 1
  feSqN(t1, t0, 10);      // 2^20 - 2^10
  feMul(t1, t1, t0);      // 2^20 - 1
  feSqN(t2, t1, 20);      // 2^40 - 2^20
  feMul(t1, t2, t1);      // 2^40 - 1
  feSqN(t1, t1, 10);      // 2^50 - 2^10
  feMul(t0, t1, t0);      // 2^50 - 1
  feSqN(t1, t0, 50);      // 2^100 - 2^50
  feMul(t1, t1, t0);      // 2^100 - 1
  feSqN(t2, t1, 100);     // 2^200 - 2^100
  feMul(t1, t2, t1);      // 2^200 - 1
  feSqN(t1, t1, 50);      // 2^250 - 2^50
  feMul(t0, t1, t0);      // 2^250 - 1
  feSqN(t0, t0, 2);       // 2^252 - 4
  feMul(h, t0, z);        // 2^252 - 3
  memory.fill(inv, 0, 3 * FE_SIZE);
}
