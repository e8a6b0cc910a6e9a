// Wasm surface of the elliptic-curve area: P-256 key derivation and ECDH,
// ECDSA over P-256 and P-384. Integers and pointers only; thin wrappers
// over assembly/crypto/{p256,ecdh_p256,ecdsa}.ts.
//
// Curve ids: 0 = P-256, 1 = P-384. Results of key operations are
// EcResult codes: 0 ok, 1 invalid private key, 2 invalid point.
import { p256DerivePublicKey } from "../crypto/p256";
import { P256 } from "../crypto/p256";
import { P384 } from "../crypto/p384";
import { ecdhP256Shared } from "../crypto/ecdh_p256";
import { ecdsaVerifyDigestOn } from "../crypto/ecdsa";

/** Curve descriptor for a curve id, or 0 for an unknown id. */
function curveOf(curve: u32): usize {
  if (curve == 0) return P256;
  if (curve == 1) return P384;
  return 0;
}

/** out (65 bytes) = SEC1 uncompressed public key of priv (32 bytes, secret). */
export function p256PublicKey(priv: usize, out: usize): u32 {
  return p256DerivePublicKey(priv, out);
}

/** out (32 bytes) = x of priv * pub; pub is pubLen bytes of SEC1 uncompressed point. */
export function ecdhP256(priv: usize, pub: usize, pubLen: u32, out: usize): u32 {
  return ecdhP256Shared(priv, pub, pubLen, out);
}

/**
 * 1 when sig (DER, sigLen bytes) is a valid ECDSA signature on the digest
 * (digestLen bytes) under pub (SEC1 uncompressed, pubLen bytes) on curve id
 * curve; 0 otherwise, for any malformed input or unknown curve.
 */
export function ecdsaVerifyDigest(
  curve: u32, pub: usize, pubLen: u32, digest: usize, digestLen: u32, sig: usize, sigLen: u32,
): u32 {
  const c = curveOf(curve);
  if (c == 0) return 0;
  return ecdsaVerifyDigestOn(c, pub, pubLen, digest, digestLen, sig, sigLen);
}
