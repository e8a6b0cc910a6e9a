// X25519's wasm surface (RFC 7748 §5, §6.1): pointers in, a ctl out. The
// inputs and the result are 32 bytes each; there is no context, because the
// inputs have a fixed size and one call does the whole function.
//
//   x25519ScalarMult(out, scalar, u): u32
//     out <- X25519(scalar, u). scalar secret (clamped internally), u public
//     (bit 255 ignored, non-canonical values reduced). Returns 1 when the
//     result is all zero (small-order u), else 0; the result is written either
//     way. out may alias scalar or u.
//   x25519ScalarMultBase(out, scalar): u32
//     out <- X25519(scalar, 9), the public key. Same return value.
//   x25519Size(): u32
//     32, the size of a scalar, a u coordinate and a result.
import { X25519_SIZE } from "../crypto/x25519";

export { x25519ScalarMult, x25519ScalarMultBase } from "../crypto/x25519";

export function x25519Size(): u32 {
  return X25519_SIZE;
}
