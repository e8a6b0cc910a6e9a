// Scalars modulo L, the order of Ed25519's base point (RFC 8032 §5.1:
// L = 2^252 + 27742317777372353535851937790883648493), as far as signature
// verification needs them: reducing a 64-byte SHA-512 output mod L (§5.1.7
// step 2, "interpret the 64-octet digest as a little-endian integer k") and
// the range check on S (§5.1.7 step 1, "if ... S >= L, the signature is
// invalid").
//
// Variant: constant time, eight u32 words per scalar, u32 x u32 -> u64
// products, Barrett reduction (Menezes, van Oorschot, Vanstone, Handbook of
// Applied Cryptography, Algorithm 14.42, radix b = 2^32, k = 8 words). In
// verification every scalar is public, but signing will reduce secret values
// (the nonce r and S) with the same code, so nothing here branches on or
// indexes memory by a scalar's value: loop bounds are public constants and the
// final corrections are masked subtractions.
//
// Scalars are 32 little-endian bytes in memory; wasm is little-endian, so a
// u32 load at offset 4 i is word i.
//
// Not reentrant: the reduction works in static scratch, wiped before return.

/** Bytes of a scalar. */
export const SCALAR_SIZE: usize = 32;

// L, eight words and a zero ninth word (the reduction works on nine).
const L = memory.data<u32>([
  0x5cf5d3ed, 0x5812631a, 0xa2f79cd6, 0x14def9de, 0, 0, 0, 0x10000000, 0,
]);

// Barrett's mu = floor(b^(2k) / L) = floor(2^512 / L), 260 bits in nine words.
const MU = memory.data<u32>([
  0x0a2c131b, 0xed9ce5a3, 0x086329a7, 0x2106215d, 0xffffffeb,
  0xffffffff, 0xffffffff, 0xffffffff, 0x0000000f,
]);

// Scratch: q1 * mu (18 words), then r (9 words).
const prod = memory.data(18 * 4, 16);
const rem = memory.data(9 * 4, 16);

/**
 * 1 when the 32-byte little-endian integer at s is below L, else 0: the
 * borrow out of s - L, computed over all eight words. s may be secret.
 */
export function scIsCanonical(s: usize): u32 {
  let borrow: u64 = 0;
  for (let i: usize = 0; i < 8; i++) {
    // A negative difference wraps to a u64 with bit 63 set; that bit is the
    // next borrow (the difference is at least -2^32, far from wrapping back).
    const t = <u64>load<u32>(s + 4 * i) - <u64>load<u32>(L + 4 * i) - borrow;
    borrow = t >> 63;
  }
  return <u32>borrow;
}

/**
 * Writes x mod L to the 32 bytes at out, for the 64-byte little-endian
 * integer at x (a SHA-512 digest, RFC 8032 §5.1.7 step 2 and §5.1.6 steps 2
 * and 4). x may be secret; out may alias x.
 */
export function scReduce(out: usize, x: usize): void {
  // HAC 14.42 step 1: q1 = floor(x / b^(k-1)) is words 7..15 of x;
  // q3 = floor(q1 * mu / b^(k+1)) is words 9..17 of the full product.
  memory.fill(prod, 0, 18 * 4);
  for (let i: usize = 0; i < 9; i++) {
    const qi = <u64>load<u32>(x + 4 * (7 + i));
    let carry: u64 = 0;
    for (let j: usize = 0; j < 9; j++) {
      // (2^32 - 1) + (2^32 - 1)^2 + (2^32 - 1) = 2^64 - 1: no overflow.
      const t = <u64>load<u32>(prod + 4 * (i + j)) + qi * <u64>load<u32>(MU + 4 * j) + carry;
      store<u32>(prod + 4 * (i + j), <u32>t);
      carry = t >> 32;
    }
    store<u32>(prod + 4 * (i + 9), <u32>carry);
  }

  // Step 2: r = (x mod b^(k+1)) - (q3 * L mod b^(k+1)), both nine words,
  // the subtraction taken mod b^(k+1). Only the low nine words of q3 * L
  // are needed, so column i + j >= 9 is never formed.
  memory.fill(rem, 0, 9 * 4);
  for (let i: usize = 0; i < 9; i++) {
    const qi = <u64>load<u32>(prod + 4 * (9 + i));
    let carry: u64 = 0;
    for (let j: usize = 0; j < 9 - i; j++) {
      const t = <u64>load<u32>(rem + 4 * (i + j)) + qi * <u64>load<u32>(L + 4 * j) + carry;
      store<u32>(rem + 4 * (i + j), <u32>t);
      carry = t >> 32;
    }
  }
  let borrow: u64 = 0;
  for (let i: usize = 0; i < 9; i++) {
    const t = <u64>load<u32>(x + 4 * i) - <u64>load<u32>(rem + 4 * i) - borrow;
    store<u32>(rem + 4 * i, <u32>t);
    borrow = t >> 63;
  }

  // Step 3 leaves 0 <= r < 3L (HAC Fact 14.43 (ii)), so two conditional
  // subtractions of L finish; each is computed, then kept or dropped by mask.
  subtractLIfNotBelow();
  subtractLIfNotBelow();

  for (let i: usize = 0; i < 8; i++) store<u32>(out + 4 * i, load<u32>(rem + 4 * i));
  memory.fill(prod, 0, 18 * 4);
  memory.fill(rem, 0, 9 * 4);
}

/** rem = rem - L when rem >= L, else rem, over all nine words either way. */
function subtractLIfNotBelow(): void {
  // First pass: the borrow out of rem - L says whether rem < L.
  let borrow: u64 = 0;
  for (let i: usize = 0; i < 9; i++) {
    const t = <u64>load<u32>(rem + 4 * i) - <u64>load<u32>(L + 4 * i) - borrow;
    borrow = t >> 63;
  }
  // keep: 0xFFFFFFFF when rem >= L (no borrow), else 0.
  const keep = <u32>borrow - 1;
  borrow = 0;
  for (let i: usize = 0; i < 9; i++) {
    const t = <u64>load<u32>(rem + 4 * i) - <u64>(load<u32>(L + 4 * i) & keep) - borrow;
    store<u32>(rem + 4 * i, <u32>t);
    borrow = t >> 63;
  }
}
