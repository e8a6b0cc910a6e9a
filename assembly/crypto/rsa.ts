// RSAVP1, the RSA verification primitive (RFC 8017 §5.2.2): m = s^e mod n,
// for public keys of 2048 to 4096 bits and any odd exponent 3 <= e < 2^32.
//
// Variant: u32 limbs, Montgomery arithmetic from bignum.ts, left-to-right
// binary exponentiation over the (public) bits of e. For e = 65537 that is 16
// squarings and one multiplication, plus the conversion of s into Montgomery
// form (about half a multiplication) and no conversion out: the last step
// multiplies the Montgomery-form power by s in plain form, which cancels R.
//
// Everything here is public (key, signature, result), so the code may branch
// on it; the arithmetic below it is constant-time anyway (see bignum.ts).
import {
  bnBitLength, bnFromBytes, bnIsOdd, bnLess, bnMontInv, bnMontMul, bnMontSqr, bnToBytes, bnToMont,
  BN_MAX_LIMBS,
} from "./bignum";

/**
 * Smallest and largest accepted moduli, in bits (weaker keys are refused).
 * Only a test build lowers the floor, with `--use EMBER_TEST_RSA_MIN_BITS=1024`
 * (test/support/asc.ts, for RFC 8448's RSA-1024 server key); the shipped
 * builds never define that name, so they keep 2048.
 */
// @ts-ignore: EMBER_TEST_RSA_MIN_BITS is introduced by asc --use; isDefined() makes it optional.
export const RSA_MIN_BITS: u32 = isDefined(EMBER_TEST_RSA_MIN_BITS) ? <u32>EMBER_TEST_RSA_MIN_BITS : 2048;
export const RSA_MAX_BITS: u32 = 4096;
/** Largest modulus or signature, in bytes. */
export const RSA_MAX_BYTES: u32 = RSA_MAX_BITS / 8;

// Operands: the modulus, the signature, s in Montgomery form and the running
// power. bnToMont needs one limb of headroom.
const modulus = memory.data(BN_MAX_LIMBS * 4, 16);
const sig = memory.data(BN_MAX_LIMBS * 4, 16);
const sigMont = memory.data((BN_MAX_LIMBS + 1) * 4, 16);
const power = memory.data(BN_MAX_LIMBS * 4, 16);

/**
 * Bit length of the modulus given as nLen big-endian bytes at n (leading zero
 * bytes allowed), or 0 when it is longer than RSA_MAX_BYTES.
 */
export function rsaModulusBits(n: usize, nLen: u32): u32 {
  if (nLen > RSA_MAX_BYTES) return 0;
  const len = (nLen + 3) >> 2;
  bnFromBytes(modulus, len, n, nLen);
  return bnBitLength(modulus, len);
}

/**
 * RSAVP1: writes s^e mod n to em as k big-endian bytes, k = the modulus's
 * byte length, and returns the modulus's bit length (modBits, so k =
 * ceil(modBits / 8)); returns 0 without writing when the key or the
 * signature is unacceptable:
 *   - n is not odd or not 2048 to 4096 bits long (RFC 8017 §3.1 needs an odd
 *     product of primes; smaller keys are too weak to accept);
 *   - e is even or below 3 (§3.1: 3 <= e < n, and e is odd for a valid key);
 *   - the signature is not exactly k bytes (§8.1.2 step 1, §8.2.2 step 1);
 *   - s >= n (§5.2.2 step 1: "signature representative out of range").
 * n (nLen bytes) and sig (sigLen bytes) are big-endian; all of it is public.
 */
export function rsaPublic(n: usize, nLen: u32, e: u32, s: usize, sLen: u32, em: usize): u32 {
  const nbits = rsaModulusBits(n, nLen);
  if (nbits < RSA_MIN_BITS || nbits > RSA_MAX_BITS) return 0;
  if (!bnIsOdd(modulus) || (e & 1) == 0 || e < 3) return 0;
  const k = (nbits + 7) >> 3;
  if (sLen != k) return 0;
  const len = (nbits + 31) >> 5;
  bnFromBytes(modulus, len, n + <usize>(nLen - k), k);
  bnFromBytes(sig, len, s, sLen);
  if (!bnLess(sig, modulus, len)) return 0;

  const ninv = bnMontInv(load<u32>(modulus));
  memory.copy(sigMont, sig, (<usize>len) << 2);
  bnToMont(sigMont, modulus, len, nbits); // s * R mod n
  memory.copy(power, sigMont, (<usize>len) << 2);
  // Bits of e below the top one, down to bit 1: square, and multiply by s
  // where the bit is set. Bit 0 (always set) is done last against plain s.
  const top = 31 - clz(e);
  for (let i = top - 1; i >= 1; i--) {
    bnMontSqr(power, power, modulus, ninv, len);
    if ((e >> i) & 1) bnMontMul(power, power, sigMont, modulus, ninv, len);
  }
  bnMontSqr(power, power, modulus, ninv, len);
  bnMontMul(power, power, sig, modulus, ninv, len); // (s^(e-1) R) * s / R = s^e
  bnToBytes(em, k, power, len);
  return nbits;
}
