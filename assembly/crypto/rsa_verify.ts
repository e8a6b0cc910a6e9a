// RSA signature verification: RSASSA-PKCS1-v1_5-VERIFY (RFC 8017 §8.2.2) and
// RSASSA-PSS-VERIFY (§8.1.2), over a message hashed incrementally with
// SHA-256, SHA-384 or SHA-512 (hash.ts), against a key given as (n, e).
//
// Variant: RSAVP1 from rsa.ts (2048 to 4096 bits), then the scheme's encoding
// check (rsa_pkcs1.ts: encode and compare; rsa_pss.ts: EMSA-PSS-VERIFY).
// The message may be secret to the caller (it is hashed in constant time);
// the key, signature and verdict are public.
//
// Context (RSA_VERIFY_CTX_SIZE bytes, caller-owned):
//   0   u32 hash id
//   8   the running message hash (hash.ts context)
import { hashFinal, hashInit, hashUpdate, HASH_CTX_SIZE, HASH_MAX_DIGEST_SIZE } from "./hash";
import { RSA_MAX_BYTES, rsaPublic } from "./rsa";
import { emsaPkcs1Check } from "./rsa_pkcs1";
import { emsaPssVerify } from "./rsa_pss";
import { wipe } from "./ct";

const HASH: usize = 8;
export const RSA_VERIFY_CTX_SIZE: usize = HASH + HASH_CTX_SIZE;

export const enum RsaScheme {
  /** RSASSA-PKCS1-v1_5 (§8.2). */
  Pkcs1 = 0,
  /** RSASSA-PSS with MGF1 over the message hash (§8.1). */
  Pss = 1,
}

const encoded = memory.data(<i32>RSA_MAX_BYTES, 16);
const digest = memory.data(<i32>HASH_MAX_DIGEST_SIZE, 16);

/**
 * Verifies the signature (sigLen bytes) over the message whose hLen-byte
 * digest under hash id is at mHash, with the public key (n: nLen big-endian
 * bytes, e). scheme is an RsaScheme; saltLen is PSS's required salt length
 * or PSS_SALT_ANY (ignored for PKCS #1 v1.5). Returns 1 for a valid
 * signature, 0 for anything else, including every malformed or refused key
 * or signature (see rsaPublic).
 */
export function rsaVerifyDigest(
  n: usize, nLen: u32, e: u32, id: u32, mHash: usize,
  sig: usize, sigLen: u32, scheme: u32, saltLen: u32,
): u32 {
  const modBits = rsaPublic(n, nLen, e, sig, sigLen, encoded);
  if (modBits == 0) return 0;
  const k = (modBits + 7) >> 3;
  if (scheme == RsaScheme.Pkcs1) return emsaPkcs1Check(encoded, k, id, mHash);
  if (scheme != RsaScheme.Pss) return 0;
  // §8.1.2 step 2c: EM has emLen = ceil((modBits - 1) / 8) bytes. When
  // modBits - 1 is a multiple of 8, EM is one byte shorter than k and I2OSP
  // (§4.1) requires the extra leading byte of m to be zero.
  const emBits = modBits - 1;
  const emLen = (emBits + 7) >> 3;
  if (emLen < k && load<u8>(encoded) != 0) return 0;
  return emsaPssVerify(mHash, encoded + <usize>(k - emLen), emBits, id, saltLen);
}

/** Starts hashing a message with hash id. Returns the digest length, or 0 for an unknown id. */
export function rsaVerifyInit(ctx: usize, id: u32): u32 {
  store<u32>(ctx, id);
  return hashInit(ctx + HASH, id);
}

/** Absorbs len more bytes of the message (any split). */
export function rsaVerifyUpdate(ctx: usize, data: usize, len: usize): void {
  hashUpdate(ctx + HASH, data, len);
}

/**
 * Finishes the message hash and verifies the signature over it (rsaVerifyDigest
 * with the context's hash). Returns 1 or 0. The context is spent.
 */
export function rsaVerifyFinal(
  ctx: usize, n: usize, nLen: u32, e: u32,
  sig: usize, sigLen: u32, scheme: u32, saltLen: u32,
): u32 {
  const id = load<u32>(ctx);
  if (hashFinal(ctx + HASH, digest) == 0) return 0;
  const ok = rsaVerifyDigest(n, nLen, e, id, digest, sig, sigLen, scheme, saltLen);
  wipe(digest, HASH_MAX_DIGEST_SIZE);
  return ok;
}
