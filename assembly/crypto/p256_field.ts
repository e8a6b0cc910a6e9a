// The P-256 base field GF(p), p = 2^256 - 2^224 + 2^192 + 2^96 - 1
// (FIPS 186-5 / NIST SP 800-186 §3.2.1.3), as a modulus descriptor for the
// Montgomery routines in mont.ts: 8 u32 limbs, R = 2^256.
//
// Variant: constant time (every field operation is mont.ts's), u32 limbs.
// Because p = -1 mod 2^32, m0inv is 1: CIOS's per-limb quotient is the low
// limb itself. Secret: field elements derived from private scalars; public:
// this table.
export const P256_P = memory.data<u32>([
  8, 0x00000001, 0, 0, // N, m0inv = -m^-1 mod 2^32
  // m
  0xffffffff, 0xffffffff, 0xffffffff, 0x00000000, 0x00000000, 0x00000000,
  0x00000001, 0xffffffff, 0, 0, 0, 0,
  // R^2 mod m
  0x00000003, 0x00000000, 0xffffffff, 0xfffffffb, 0xfffffffe, 0xffffffff,
  0xfffffffd, 0x00000004, 0, 0, 0, 0,
  // R mod m (1 in Montgomery form)
  0x00000001, 0x00000000, 0x00000000, 0xffffffff, 0xffffffff, 0xffffffff,
  0xfffffffe, 0x00000000, 0, 0, 0, 0,
  // m - 2
  0xfffffffd, 0xffffffff, 0xffffffff, 0x00000000, 0x00000000, 0x00000000,
  0x00000001, 0xffffffff, 0, 0, 0, 0,
]);
