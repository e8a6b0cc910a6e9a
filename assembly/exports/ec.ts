// Wasm surface of the elliptic-curve area: P-256 key derivation and ECDH,
// ECDSA over P-256 and P-384. Integers and pointers only; thin wrappers
// over assembly/crypto/{p256,ecdh_p256,ecdsa}.ts.
//
// Curve ids: 0 = P-256, 1 = P-384. Hash ids: 0 SHA-256, 1 SHA-384,
// 2 SHA-512. Results of key operations are EcResult codes: 0 ok, 1 invalid
// private key, 2 invalid point. An ECDSA context is ecdsaCtxSize() bytes.
import { p256DerivePublicKey } from "../crypto/p256";
import { P256 } from "../crypto/p256";
import { P384 } from "../crypto/p384";
import { ecdhP256Shared } from "../crypto/ecdh_p256";
import {
  ECDSA_CTX_SIZE, ecdsaInit as init, ecdsaSignDigestOn, ecdsaSignFinal as signFinal,
  ecdsaUpdate as update, ecdsaVerifyDigestOn, ecdsaVerifyFinal as verifyFinal,
} from "../crypto/ecdsa";

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

/** Bytes of an ECDSA context (864). */
export function ecdsaCtxSize(): u32 {
  return <u32>ECDSA_CTX_SIZE;
}

/** Starts an ECDSA sign or verify over a message hashed with hash id; returns HashLen or 0. */
export function ecdsaInit(ctx: usize, hash: u32): u32 {
  return init(ctx, hash);
}

/** Absorbs len message bytes at data (any split). */
export function ecdsaUpdate(ctx: usize, data: usize, len: u32): void {
  update(ctx, data, len);
}

/**
 * Signs the streamed message (RFC 6979 nonce) with priv (secret, 32 or 48
 * bytes) on curve id curve; DER signature to out (<= 104 bytes). Returns
 * its length, or 0 for an invalid key or curve. Wipes the context.
 */
export function ecdsaSignFinal(ctx: usize, curve: u32, priv: usize, out: usize): u32 {
  const c = curveOf(curve);
  if (c == 0) return 0;
  return <u32>signFinal(ctx, c, priv, out);
}

/** 1 when sig (DER) is valid over the streamed message under pub; else 0. Wipes the context. */
export function ecdsaVerifyFinal(ctx: usize, curve: u32, pub: usize, pubLen: u32, sig: usize, sigLen: u32): u32 {
  const c = curveOf(curve);
  if (c == 0) return 0;
  return verifyFinal(ctx, c, pub, pubLen, sig, sigLen);
}

/**
 * Signs a digest (made with hash id; RFC 6979 HMACs with the same hash),
 * using ctx (an ECDSA context) as scratch. Returns the DER length or 0.
 */
export function ecdsaSignDigest(
  ctx: usize, curve: u32, hash: u32, priv: usize, digest: usize, digestLen: u32, out: usize,
): u32 {
  const c = curveOf(curve);
  if (c == 0) return 0;
  return <u32>ecdsaSignDigestOn(ctx, c, hash, priv, digest, digestLen, out);
}
