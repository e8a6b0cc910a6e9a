// The P-384 curve (FIPS 186-5 / NIST SP 800-186 §3.2.1.4, SEC2 secp384r1):
// its descriptor for the generic point code in weierstrass.ts. P-384 serves
// ECDSA verification (ecdsa.ts) on public data, with the same constant-time
// field code as P-256 and the variable-time double multiplication.
import { P384_N, P384_P } from "./p384_field";

export const P384 = memory.data<u32>([
  <u32>P384_P, <u32>P384_N, 48, 0,
  // b * R mod p
  0x9d412dcc, 0x08118871, 0x7a4c32ec, 0xf729add8, 0x1920022e, 0x77f2209b,
  0x94938ae2, 0xe3374bee, 0x1f022094, 0xb62b21f4, 0x604fbff9, 0xcd08114b,
  // Gx * R mod p
  0x49c0b528, 0x3dd07566, 0xa0d6ce38, 0x20e378e2, 0x541b4d6e, 0x879c3afc,
  0x59a30eff, 0x64548684, 0x614ede2b, 0x812ff723, 0x299e1513, 0x4d3aadc2,
  // Gy * R mod p
  0x4b03a4fe, 0x23043dad, 0x7bb4a9ac, 0xa1bfa8bf, 0x2e83b050, 0x8bade756,
  0x68f4ffd9, 0xc6c35219, 0x3969a840, 0xdd800226, 0x5a15c5e9, 0x2b78abc2,
]);

export const P384_BYTES: usize = 48;
