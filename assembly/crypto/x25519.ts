// X25519 (RFC 7748 §5): the Diffie-Hellman function on Curve25519, by the
// Montgomery ladder over u coordinates.
//
// Variant: constant time, field arithmetic from field25519.ts (ten 25.5-bit
// limbs in u32, u64 products). Secret: the scalar (the private key), every
// ladder value and the result (the shared secret). Public: the input u
// coordinate and the output's position and length. The ladder runs exactly
// 255 steps whatever the scalar, each step the same sequence of field
// operations, and its conditional swaps are masks, so timing and memory
// addresses depend on nothing secret.
//
// Not reentrant: the ladder works in static scratch (the engine is
// single-threaded and allocates nothing), wiped before each call returns.

import {
  FE_SIZE, feAdd, feCopy, feCswap, feDecode, feEncode, feInvert, feMul,
  feMulSmall, feSetSmall, feSq, feSub,
} from "./field25519";

/** Bytes of a scalar, of a u coordinate and of the result. */
export const X25519_SIZE: u32 = 32;

// RFC 7748 §5: a24 = (486662 - 2) / 4, the curve constant the doubling uses.
const A24: u32 = 121665;

// The base point's u coordinate, 9 (RFC 7748 §4.1), encoded.
const BASE_U = memory.data<u8>([
  9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);

// Static scratch: the clamped scalar, then the ladder's nine elements.
const SCRATCH_SIZE: usize = 32 + 9 * FE_SIZE;
const scratch = memory.data(<i32>SCRATCH_SIZE, 16);
const k = scratch;
const x1 = scratch + 32;
const x2 = x1 + FE_SIZE;
const z2 = x2 + FE_SIZE;
const x3 = z2 + FE_SIZE;
const z3 = x3 + FE_SIZE;
const tA = z3 + FE_SIZE;
const tB = tA + FE_SIZE;
const tC = tB + FE_SIZE;
const tD = tC + FE_SIZE;

/**
 * Writes X25519(scalar, u) (RFC 7748 §5) to the 32 bytes at out. scalar (32
 * bytes, secret) is clamped on a private copy; u (32 bytes, public) may have
 * bit 255 set (ignored) and may be non-canonical (processed mod p), as the RFC
 * requires. out may alias either input.
 *
 * Returns 1 when the result is all zero (u of small order, RFC 7748 §6.1) and
 * 0 otherwise, folded over all 32 output bytes so that the fold leaks
 * nothing; the all-zero result is still written, and the caller decides.
 */
export function x25519ScalarMult(out: usize, scalar: usize, u: usize): u32 {
  // RFC 7748 §5, decodeScalar25519: clear the three low bits (a multiple of
  // the cofactor 8), clear bit 255 and set bit 254 (a fixed ladder length).
  memory.copy(k, scalar, 32);
  store<u8>(k, load<u8>(k, 0) & 248, 0);
  store<u8>(k, (load<u8>(k, 31) & 127) | 64, 31);

  feDecode(x1, u);
  feSetSmall(x2, 1);
  feSetSmall(z2, 0);
  feCopy(x3, x1);
  feSetSmall(z3, 1);

  // The ladder's swap is deferred: swap holds whether (x2, x3) are currently
  // exchanged, so each step swaps only when the next bit differs from it.
  let swap: u32 = 0;
  for (let t: i32 = 254; t >= 0; t--) { // t is public: bit 254 down to bit 0
    const kt = (<u32>load<u8>(k + <usize>(t >> 3)) >> (t & 7)) & 1;
    swap ^= kt;
    feCswap(x2, x3, swap);
    feCswap(z2, z3, swap);
    swap = kt;
    ladderStep();
  }
  feCswap(x2, x3, swap);
  feCswap(z2, z3, swap);

  // Result: x2 / z2. z2 = 0 (small-order u) gives 0, since 0^(p-2) = 0.
  feInvert(z2, z2);
  feMul(x2, x2, z2);
  feEncode(out, x2);
  memory.fill(scratch, 0, SCRATCH_SIZE);

  let acc: u32 = 0;
  for (let i: usize = 0; i < 32; i++) acc |= <u32>load<u8>(out + i);
  // acc <= 255, so acc - 1 wraps to bit 31 only when acc == 0. Written out
  // rather than ct.ts's eq(acc, 0), whose final ^ 1 Binaryen folds into an
  // i32.eqz, the kind of compare a board compiler may turn into a branch.
  return (acc - 1) >> 31;
}

/**
 * Writes the public key X25519(scalar, 9) (RFC 7748 §6.1) to the 32 bytes at
 * out. scalar (32 bytes) is secret. Returns as x25519ScalarMult does (never 1
 * for the base point, whose order is large).
 */
export function x25519ScalarMultBase(out: usize, scalar: usize): u32 {
  return x25519ScalarMult(out, scalar, BASE_U);
}

/**
 * One ladder step (RFC 7748 §5, the loop body after cswap): a differential
 * addition (x3, z3) = P2 + P3 given P3 - P2 = x1, and a doubling
 * (x2, z2) = 2 P2, sharing A, B, AA and BB. The RFC's names are kept; D*A and
 * C*B overwrite D and C. Every operand's bound fits field25519's contract:
 * sums and differences of tight elements only feed feMul and feSq.
 */
@inline function ladderStep(): void {
  feAdd(tA, x2, z2);        // A = x2 + z2
  feSub(tB, x2, z2);        // B = x2 - z2
  feAdd(tC, x3, z3);        // C = x3 + z3
  feSub(tD, x3, z3);        // D = x3 - z3
  feMul(tD, tD, tA);        // DA = D * A
  feMul(tC, tC, tB);        // CB = C * B
  feSq(tA, tA);             // AA = A^2
  feSq(tB, tB);             // BB = B^2
  feAdd(x3, tD, tC);        // x3 = (DA + CB)^2
  feSq(x3, x3);
  feSub(z3, tD, tC);        // z3 = x1 * (DA - CB)^2
  feSq(z3, z3);
  feMul(z3, z3, x1);
  feMul(x2, tA, tB);        // x2 = AA * BB
  feSub(tB, tA, tB);        // E = AA - BB
  feMulSmall(z2, tB, A24);  // z2 = E * (AA + a24 * E)
  feAdd(z2, z2, tA);
  feMul(z2, z2, tB);
}
