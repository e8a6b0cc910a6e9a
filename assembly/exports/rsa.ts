// RSA signature verification on the wasm surface: RSASSA-PKCS1-v1_5 and
// RSASSA-PSS (RFC 8017 §8.2.2, §8.1.2) with SHA-256/384/512, keys as DER
// SubjectPublicKeyInfo. Thin wrappers over assembly/crypto/rsa*.ts and
// assembly/x509/spki.ts; every verdict is 1 (valid) or 0 (anything else).
//
// hashId: 0 SHA-256, 1 SHA-384, 2 SHA-512. scheme: 0 PKCS #1 v1.5, 1 PSS.
// saltLen (PSS only): the required salt length, or 0xFFFFFFFF for any.
import { rsaPublic } from "../crypto/rsa";
import {
  rsaVerifyInit as verifyInit, rsaVerifyUpdate as verifyUpdate, RSA_VERIFY_CTX_SIZE,
} from "../crypto/rsa_verify";
import { spkiParseRsa, spkiRsaVerifyDigest, spkiRsaVerifyFinal } from "../x509/spki";

/** Bytes the caller provides for a verification context. */
export function rsaVerifyCtxSize(): u32 {
  return <u32>RSA_VERIFY_CTX_SIZE;
}

/** Starts a verification of a message hashed with hashId. Returns the digest length, or 0 for an unknown id. */
export function rsaVerifyInit(ctx: usize, hashId: u32): u32 {
  return verifyInit(ctx, hashId);
}

/** Absorbs len bytes of the message (any split, any number of calls). */
export function rsaVerifyUpdate(ctx: usize, data: usize, len: u32): void {
  verifyUpdate(ctx, data, len);
}

/** Finishes the message hash and checks sig (sigLen bytes) under the key spki (spkiLen bytes). 1 or 0. */
export function rsaVerifyFinal(
  ctx: usize, spki: usize, spkiLen: u32, sig: usize, sigLen: u32, scheme: u32, saltLen: u32,
): u32 {
  return spkiRsaVerifyFinal(ctx, spki, spkiLen, sig, sigLen, scheme, saltLen);
}

/** One-shot: init, one update over msgLen bytes at msg, final. 1 or 0. */
export function rsaVerify(
  ctx: usize, spki: usize, spkiLen: u32, hashId: u32, msg: usize, msgLen: u32,
  sig: usize, sigLen: u32, scheme: u32, saltLen: u32,
): u32 {
  if (verifyInit(ctx, hashId) == 0) return 0;
  verifyUpdate(ctx, msg, msgLen);
  return spkiRsaVerifyFinal(ctx, spki, spkiLen, sig, sigLen, scheme, saltLen);
}

/** Checks sig over a message whose hashId digest is at digest (for X.509's TBS hash). 1 or 0. */
export function rsaVerifyDigest(
  spki: usize, spkiLen: u32, hashId: u32, digest: usize, sig: usize, sigLen: u32, scheme: u32, saltLen: u32,
): u32 {
  return spkiRsaVerifyDigest(spki, spkiLen, hashId, digest, sig, sigLen, scheme, saltLen);
}

/**
 * RSAVP1 alone (RFC 8017 §5.2.2), for tests and benchmarks: writes s^e mod n
 * (k bytes) to out and returns modBits, or 0 for a refused key or signature.
 */
export function rsaPublicOp(n: usize, nLen: u32, e: u32, sig: usize, sigLen: u32, out: usize): u32 {
  return rsaPublic(n, nLen, e, sig, sigLen, out);
}

/** Parses an RSA SubjectPublicKeyInfo into out (12 bytes: n pointer, n length, e). 1 or 0. */
export function rsaParseSpki(spki: usize, len: u32, out: usize): u32 {
  return spkiParseRsa(spki, len, out);
}
