// The P-256 curve (FIPS 186-5 / NIST SP 800-186 §3.2.1.3, SEC2 secp256r1):
// its descriptor for the generic point code in weierstrass.ts, and key
// generation (SEC1 §3.2.1: Q = d * G).
//
// Variant: constant time in the private key d (pointMulCt's fixed windows,
// mont.ts's masked reductions). Secret: d and every intermediate of d * G.
// Public: the curve constants, the resulting public key, the verdict.
import { declassify, wipe } from "./ct";
import { P256_P } from "./p256_field";
import { P256_N, scalarDecodeNonZero } from "./p256_scalar";
import {
  EcResult, POINT_SIZE, pointEncodeAffine, pointGenerator, pointMulCt, wipeCurveScratch,
} from "./weierstrass";

export const P256 = memory.data<u32>([
  <u32>P256_P, <u32>P256_N, 32, 0,
  // b * R mod p
  0x29c4bddf, 0xd89cdf62, 0x78843090, 0xacf005cd, 0xf7212ed6, 0xe5a220ab,
  0x04874834, 0xdc30061d, 0, 0, 0, 0,
  // Gx * R mod p
  0x18a9143c, 0x79e730d4, 0x5fedb601, 0x75ba95fc, 0x77622510, 0x79fb732b,
  0xa53755c6, 0x18905f76, 0, 0, 0, 0,
  // Gy * R mod p
  0xce95560a, 0xddf25357, 0xba19e45c, 0x8b4ab8e4, 0xdd21f325, 0xd2e88688,
  0x25885d85, 0x8571ff18, 0, 0, 0, 0,
]);

export const P256_BYTES: usize = 32;
/** SEC1 uncompressed point: 0x04 || X || Y. */
export const P256_POINT_BYTES: usize = 65;

const d = memory.data(48, 8);
const base = memory.data(144, 8);
const q = memory.data(144, 8);

/**
 * Writes the SEC1 uncompressed public key of the private key at priv (32
 * big-endian bytes, SECRET) to out (65 bytes). Returns EcResult.Ok, or
 * EcResult.InvalidPrivateKey (out untouched) when the key is not in
 * [1, n-1] (SEC1 §3.2.1, FIPS 186-5 §A.2).
 */
export function p256DerivePublicKey(priv: usize, out: usize): u32 {
  // The verdict is public (the caller reports it); the key's bits are not.
  const valid = declassify(scalarDecodeNonZero(P256_N, d, priv));
  wipe(d, 48);
  if (valid == 0) return EcResult.InvalidPrivateKey;
  pointGenerator(P256, base);
  pointMulCt(P256, q, base, priv);
  store<u8>(out, 0x04);
  pointEncodeAffine(P256, out + 1, out + 1 + P256_BYTES, q);
  wipe(q, POINT_SIZE);
  wipeCurveScratch();
  return EcResult.Ok;
}
