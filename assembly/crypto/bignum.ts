// Unsigned big integers for RSA public-key operations (RFC 8017 §5.2.2,
// RSAVP1), up to 4096 bits.
//
// Variant: little-endian arrays of u32 limbs in caller-given static memory
// (plus this file's own accumulator for products);
// a number's limb count `len` is public and every loop runs to it. Products
// are u32 x u32 -> u64 (a mul/mulhu pair on rv32); no other 64-bit arithmetic
// except one u64 quotient estimate per limb in bnToMont.
//
// Montgomery multiplication is the fused form of CIOS (Koç, Acar, Kaliski,
// "Analyzing and Comparing Montgomery Multiplication Algorithms", 1996, §4.2):
// one pass per word of b both adds a[j]*b[i] and reduces by m*n[j], so each
// limb of the accumulator is read and written once per pass. Squaring
// (bnMontSqr) forms each cross product once, then reduces separately (SOS,
// §4.1 of the same paper): 3/4 of the work of a product.
//
// What is constant time: every function here runs the same instructions and
// touches the same addresses for any limb values of a given `len`; the final
// subtractions are masked, not branched. The exception is bnToMont: the bit
// length of n picks which limbs it reads, its u64 division may be a
// variable-time library call on 32-bit cores, and it branches on the sign of
// each partial remainder. It only ever sees the public modulus and the public
// signature, the only inputs of RSA verification; do not reuse it on secrets.
import { eq, gt, maskOf, mux, neq } from "./ct";

/** Largest supported number: 4096 bits. */
export const BN_MAX_LIMBS: u32 = 128;

// Montgomery accumulator: len + 2 limbs for a product (the sum never exceeds
// 2n < 2R), 2 len + 1 for a square before its reduction.
const acc = memory.data((2 * BN_MAX_LIMBS + 2) * 4, 16);

@inline function limb(p: usize, i: u32): u32 {
  return load<u32>(p + ((<usize>i) << 2));
}

@inline function setLimb(p: usize, i: u32, v: u32): void {
  store<u32>(p + ((<usize>i) << 2), v);
}

/**
 * Reads srcLen big-endian bytes into len limbs at dst (zero-extended). The
 * caller guarantees srcLen <= 4 * len. Lengths are public.
 */
export function bnFromBytes(dst: usize, len: u32, src: usize, srcLen: u32): void {
  memory.fill(dst, 0, (<usize>len) << 2);
  // Byte i from the end goes to limb i / 4, at bit 8 * (i % 4).
  for (let i: u32 = 0; i < srcLen; i++) {
    const b = <u32>load<u8>(src + <usize>(srcLen - 1 - i));
    const w = i >> 2;
    setLimb(dst, w, limb(dst, w) | (b << ((i & 3) << 3)));
  }
}

/**
 * Writes the low dstLen bytes of the len-limb number at src to dst, big-endian
 * (I2OSP, RFC 8017 §4.1). The caller guarantees dstLen <= 4 * len and that
 * the number fits (RSAVP1's output is below n, which has dstLen bytes).
 */
export function bnToBytes(dst: usize, dstLen: u32, src: usize, len: u32): void {
  for (let i: u32 = 0; i < dstLen; i++) {
    const b = limb(src, i >> 2) >> ((i & 3) << 3);
    store<u8>(dst + <usize>(dstLen - 1 - i), <u8>b);
  }
}

/** Number of significant bits of the len-limb number at a (0 for zero). */
export function bnBitLength(a: usize, len: u32): u32 {
  // Scan every limb and keep the highest nonzero one with masks, so the time
  // does not depend on where the top bit is.
  let bits: u32 = 0;
  for (let i: u32 = 0; i < len; i++) {
    const w = limb(a, i);
    const nz = eq(w, 0) ^ 1;
    bits = mux(nz, (i << 5) + 32 - <u32>clz(w), bits);
  }
  return bits;
}

/** 1 when a < b (both len limbs), else 0: the borrow out of a - b. */
export function bnLess(a: usize, b: usize, len: u32): u32 {
  let borrow: u32 = 0;
  for (let i: u32 = 0; i < len; i++) {
    const x = limb(a, i);
    const y = limb(b, i);
    // Borrow out of x - y - borrow: x < y, or x == y with a borrow in.
    borrow = gt(y, x) | (eq(x, y) & borrow);
  }
  return borrow;
}

/** 1 when the len-limb number at a is odd. */
@inline export function bnIsOdd(a: usize): u32 {
  return load<u32>(a) & 1;
}

/**
 * -n[0]^-1 mod 2^32 for odd n[0]: the Montgomery constant. Newton's iteration
 * x <- x * (2 - n0 * x) doubles the number of correct low bits each step; x = n0
 * is already right to 3 bits (n0 * n0 = 1 mod 8 for odd n0).
 */
export function bnMontInv(n0: u32): u32 {
  let x = n0;
  x *= 2 - n0 * x; // 6 bits
  x *= 2 - n0 * x; // 12
  x *= 2 - n0 * x; // 24
  x *= 2 - n0 * x; // 48 >= 32
  return 0 - x;
}

/**
 * Subtracts n from the (len + 1)-limb value at t when t >= n, writing the
 * low len limbs to d. Masked, not branched: both outcomes read and write the
 * same limbs.
 */
function reduceOnce(d: usize, t: usize, n: usize, len: u32): void {
  // First pass: the borrow of t - n over len limbs, less the top word.
  let borrow: u32 = 0;
  for (let i: u32 = 0; i < len; i++) {
    const diff = <u64>limb(t, i) - <u64>limb(n, i) - <u64>borrow;
    borrow = <u32>(diff >> 63);
  }
  // t >= n exactly when the top word covers the borrow.
  const top = limb(t, len);
  const sub = maskOf(gt(top, borrow) | eq(top, borrow));
  borrow = 0;
  for (let i: u32 = 0; i < len; i++) {
    const x = limb(t, i);
    const diff = <u64>x - <u64>(limb(n, i) & sub) - <u64>borrow;
    borrow = <u32>(diff >> 63);
    setLimb(d, i, <u32>diff);
  }
}

/**
 * d = a * b * R^-1 mod n, with R = 2^(32 len), for a, b < n and n odd;
 * ninv = bnMontInv(n[0]). d may alias a or b (the product is built in a
 * private accumulator). The result is fully reduced (< n).
 */
export function bnMontMul(d: usize, a: usize, b: usize, n: usize, ninv: u32, len: u32): void {
  const t = acc;
  memory.fill(t, 0, (<usize>(len + 2)) << 2);
  const a0 = <u64>limb(a, 0);
  const n0 = <u64>limb(n, 0);
  for (let i: u32 = 0; i < len; i++) {
    const bi = <u64>limb(b, i);
    // Column 0 decides m so that t + a*bi + m*n is divisible by 2^32.
    let u = <u64>load<u32>(t) + a0 * bi;
    let c1 = u >> 32;
    // m in u32 first: inside <u64>(...) AssemblyScript would widen the
    // operands and keep the product's high bits.
    const m32: u32 = <u32>u * ninv;
    const m = <u64>m32;
    let v = (u & 0xffffffff) + m * n0;
    let c2 = v >> 32;
    let p = t;
    let pa = a;
    let pn = n;
    for (let j: u32 = 1; j < len; j++) {
      pa += 4;
      pn += 4;
      u = <u64>load<u32>(p, 4) + <u64>load<u32>(pa) * bi + c1;
      c1 = u >> 32;
      v = (u & 0xffffffff) + <u64>load<u32>(pn) * m + c2;
      c2 = v >> 32;
      store<u32>(p, <u32>v);
      p += 4;
    }
    // Top: the shifted-out carries land in limbs len - 1 and len.
    const top = <u64>load<u32>(p, 4) + c1 + c2;
    store<u32>(p, <u32>top);
    store<u32>(p, <u32>(top >> 32), 4);
  }
  reduceOnce(d, t, n, len);
}

/**
 * d = a^2 * R^-1 mod n, for a < n, n odd, ninv = bnMontInv(n[0]); d may alias
 * a. Squaring computes each cross product a[i] a[j] (i < j) once and doubles
 * the sum, so the product costs len^2 / 2 multiplications instead of len^2;
 * the Montgomery reduction of the 2 len-limb square (Koç et al., SOS) then
 * costs len^2. About 3/4 of bnMontMul, and RSA verification is mostly squares.
 */
export function bnMontSqr(d: usize, a: usize, n: usize, ninv: u32, len: u32): void {
  const t = acc;
  const wide = len << 1;
  memory.fill(t, 0, (<usize>(wide + 1)) << 2);
  // Cross products: t = sum over i < j of a[i] a[j] 2^(32 (i + j)).
  for (let i: u32 = 0; i + 1 < len; i++) {
    const ai = <u64>limb(a, i);
    let rowCarry: u64 = 0;
    let pt = t + ((<usize>(2 * i + 1)) << 2);
    let pa = a + ((<usize>(i + 1)) << 2);
    for (let j = i + 1; j < len; j++) {
      const p = <u64>load<u32>(pt) + <u64>load<u32>(pa) * ai + rowCarry;
      store<u32>(pt, <u32>p);
      rowCarry = p >> 32;
      pt += 4;
      pa += 4;
    }
    store<u32>(pt, <u32>rowCarry);
  }
  // Double them and add the squares a[i]^2 on the diagonal, in one pass.
  let shiftIn: u32 = 0;
  let c: u64 = 0;
  for (let i: u32 = 0; i < len; i++) {
    const ai = <u64>limb(a, i);
    const sq = ai * ai;
    const lo = limb(t, 2 * i);
    const hi = limb(t, 2 * i + 1);
    const lo2: u32 = (lo << 1) | shiftIn; // 32-bit shifts: the bit shifted out
    const hi2: u32 = (hi << 1) | (lo >> 31); // moves up explicitly
    const u = <u64>lo2 + (sq & 0xffffffff) + c;
    const v = <u64>hi2 + (sq >> 32) + (u >> 32);
    shiftIn = hi >> 31;
    setLimb(t, 2 * i, <u32>u);
    setLimb(t, 2 * i + 1, <u32>v);
    c = v >> 32;
  }
  // Reduce: add m n 2^(32 i) to clear limb i, for each i; the carry out of
  // limb i + len is kept in `top` rather than rippled further.
  let top: u64 = 0;
  const n0 = <u64>limb(n, 0);
  for (let i: u32 = 0; i < len; i++) {
    let pt = t + ((<usize>i) << 2);
    const m32: u32 = load<u32>(pt) * ninv; // u32 on purpose (see bnMontMul)
    const m = <u64>m32;
    let u = <u64>load<u32>(pt) + m * n0;
    let cc = u >> 32;
    let pn = n;
    for (let j: u32 = 1; j < len; j++) {
      pt += 4;
      pn += 4;
      u = <u64>load<u32>(pt) + <u64>load<u32>(pn) * m + cc;
      store<u32>(pt, <u32>u);
      cc = u >> 32;
    }
    pt += 4;
    const w = <u64>load<u32>(pt) + cc + top;
    store<u32>(pt, <u32>w);
    top = w >> 32;
  }
  // The result, below 2n, is limbs len .. 2 len - 1 with `top` above them.
  setLimb(t, wide, <u32>top);
  reduceOnce(d, t + ((<usize>len) << 2), n, len);
}

/**
 * x = x * R mod n (into Montgomery form), for x < n, n odd with nbits =
 * bnBitLength(n) >= 64 significant bits in len limbs. Shifts x left by one
 * limb len times, each time removing a quotient q estimated from the top 64
 * bits of x against the top 32 bits of n (Knuth, TAOCP vol. 2, §4.3.1,
 * Algorithm D step D3: the estimate is at most 2 too large), then adding n
 * back under a mask up to twice. x needs len + 1 limbs of room.
 *
 * Public data only (see the header): the estimate uses a u64 division and
 * the add-back branches on the remainder's sign.
 */
export function bnToMont(x: usize, n: usize, len: u32, nbits: u32): void {
  // The 32-bit window of n ending at its top bit, and where it starts.
  const k = nbits - 32;
  const kw = k >> 5;
  const ks = k & 31;
  const ntop = window32(n, kw, ks);
  for (let step: u32 = 0; step < len; step++) {
    // x = x * 2^32: move limbs up by one; x now has len + 1 limbs.
    memory.copy(x + 4, x, (<usize>len) << 2);
    store<u32>(x, 0);
    // Top 64 bits of x aligned with ntop: bits k .. k + 63 (x < 2^(nbits+32)).
    let xtop = (<u64>limb(x, kw + 1) << 32) | <u64>limb(x, kw);
    if (ks != 0) xtop = (xtop >> ks) | (<u64>limb(x, kw + 2) << (64 - ks));
    const q = xtop / <u64>ntop;
    // q fits in 32 bits unless the estimate saturates (D3's b - 1 cap).
    const qq = mux(neq(<u32>(q >> 32), 0), 0xffffffff, <u32>q);
    // x -= qq * n over len + 1 limbs (two's complement; the true remainder
    // lies in [-2n, n), which fits and keeps its sign in the top limb).
    let borrow: u64 = 0;
    const qm = <u64>qq;
    for (let i: u32 = 0; i < len; i++) {
      const pr = <u64>limb(n, i) * qm + borrow;
      const xi = <u64>limb(x, i);
      const lo = pr & 0xffffffff;
      setLimb(x, i, <u32>(xi - lo));
      borrow = (pr >> 32) + <u64>(gt(<u32>lo, <u32>xi));
    }
    setLimb(x, len, limb(x, len) - <u32>borrow);
    // Add n back while negative: at most twice (the estimate's error), and
    // rarely at all. The sign is public here (see the header), so this
    // branches rather than run two masked passes every step.
    if (limb(x, len) >> 31) {
      addBackIfNegative(x, n, len);
      if (limb(x, len) >> 31) addBackIfNegative(x, n, len);
    }
  }
}

/** 32 bits of the number at p starting at bit 32 * w + s (s < 32). */
@inline function window32(p: usize, w: u32, s: u32): u32 {
  const lo = <u64>limb(p, w);
  const hi = s != 0 ? <u64>limb(p, w + 1) : 0;
  return <u32>(((hi << 32) | lo) >> s);
}

/** x += n when the (len + 1)-limb two's-complement x is negative (masked). */
function addBackIfNegative(x: usize, n: usize, len: u32): void {
  const neg = maskOf(limb(x, len) >> 31);
  let carry: u64 = 0;
  for (let i: u32 = 0; i < len; i++) {
    const s = <u64>limb(x, i) + <u64>(limb(n, i) & neg) + carry;
    setLimb(x, i, <u32>s);
    carry = s >> 32;
  }
  setLimb(x, len, limb(x, len) + <u32>carry);
}
