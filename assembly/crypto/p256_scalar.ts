// Arithmetic modulo the P-256 group order n (FIPS 186-5 / NIST SP 800-186
// §3.2.1.3), as a modulus descriptor for mont.ts (8 u32 limbs, R = 2^256),
// plus the scalar conversions ECDSA and ECDH need (SEC1 §2.3.8 and §4.1,
// FIPS 186-5 §6.4, RFC 6979 §2.3.2-§2.3.4). The helpers take the order's
// descriptor, so P-384 (p384_field.ts) uses them unchanged.
//
// Variant: constant time, u32 limbs. Secret: private keys, nonces, every
// intermediate of a signature. Public: n, lengths, the hash output in verify.
import { limbCount, modDecode, modIsZero, modReduceOnce } from "./mont";

export const P256_N = memory.data<u32>([
  8, 0xee00bc4f, 0, 0, // N, m0inv = -m^-1 mod 2^32
  // m
  0xfc632551, 0xf3b9cac2, 0xa7179e84, 0xbce6faad, 0xffffffff, 0xffffffff,
  0x00000000, 0xffffffff, 0, 0, 0, 0,
  // R^2 mod m
  0xbe79eea2, 0x83244c95, 0x49bd6fa6, 0x4699799c, 0x2b6bec59, 0x2845b239,
  0xf3d95620, 0x66e12d94, 0, 0, 0, 0,
  // R mod m (1 in Montgomery form)
  0x039cdaaf, 0x0c46353d, 0x58e8617b, 0x43190552, 0x00000000, 0x00000000,
  0xffffffff, 0x00000000, 0, 0, 0, 0,
  // m - 2
  0xfc63254f, 0xf3b9cac2, 0xa7179e84, 0xbce6faad, 0xffffffff, 0xffffffff,
  0x00000000, 0xffffffff, 0, 0, 0, 0,
]);

// A digest padded on the left to the order's length (bits2int of a short hash).
const padded = memory.data(48, 8);

/**
 * Reads a scalar (N*4 big-endian bytes at src, SECRET when it is a key) into
 * r as plain limbs. Returns 1 when it is in [1, n-1], else 0, computed over
 * every limb (the caller branches once on the verdict).
 */
export function scalarDecodeNonZero(n: usize, r: usize, src: usize): u32 {
  const below = modDecode(n, r, src);
  return below & (modIsZero(n, r) ^ 1);
}

/**
 * r = bits2int(digest) mod n as plain limbs (RFC 6979 §2.3.2 then §2.3.3's
 * reduction; FIPS 186-5 §6.4.1 step 4 / §6.4.2 step 5 for e): the leftmost
 * qlen bits of the hash, where qlen = 32N is the order's bit length (both
 * orders here are a whole number of limbs long). A shorter digest is its own
 * value. 2^qlen < 2n, so one conditional subtraction reduces it.
 */
export function scalarFromDigest(n: usize, r: usize, digest: usize, len: usize): void {
  const size = limbCount(n) << 2;
  memory.fill(padded, 0, 48);
  if (len >= size) {
    memory.copy(padded, digest, size);
  } else {
    memory.copy(padded + (size - len), digest, len);
  }
  modDecode(n, r, padded);
  modReduceOnce(n, r, r);
  memory.fill(padded, 0, 48);
}
