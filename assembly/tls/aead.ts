// One AEAD interface for the record layer (RFC 8446 §5.2) over the three
// TLS 1.3 cipher suites (§B.4):
//   0x1301 TLS_AES_128_GCM_SHA256        gcm.ts, 16-byte key
//   0x1302 TLS_AES_256_GCM_SHA384        gcm.ts, 32-byte key
//   0x1303 TLS_CHACHA20_POLY1305_SHA256  chacha20poly1305.ts, 32-byte key
// Both ciphers take a 12-byte nonce and give a 16-byte tag. The crypto files
// keep their own status conventions (gcm: 1 = ok; chacha: AeadStatus.Ok = 0);
// this file turns both into 1 = ok / 0 = failed.
//
// Secret: key, plaintext. Public: nonce, AAD (the record header), lengths,
// the verdict. The scratch contexts live in static memory (one call at a
// time) and are wiped by the one-shot calls before they return.
import { CHACHA20POLY1305_CTX_SIZE, chacha20Poly1305Open, chacha20Poly1305Seal, AeadStatus } from "../crypto/chacha20poly1305";
import { GCM_CTX_SIZE, gcmOpen, gcmSeal } from "../crypto/gcm";
import { hashDigestSize, HashId } from "../crypto/hash";

export const enum Suite {
  Aes128GcmSha256 = 0x1301,
  Aes256GcmSha384 = 0x1302,
  Chacha20Poly1305Sha256 = 0x1303,
}

export const AEAD_TAG_SIZE: u32 = 16;
export const AEAD_NONCE_SIZE: u32 = 12;
export const AEAD_MAX_KEY_SIZE: u32 = 32;

const SCRATCH_SIZE: u32 = GCM_CTX_SIZE > CHACHA20POLY1305_CTX_SIZE ? GCM_CTX_SIZE : CHACHA20POLY1305_CTX_SIZE;
const scratch = memory.data(<i32>SCRATCH_SIZE, 16);

/** 1 for a suite this engine implements, else 0. */
export function suiteKnown(suite: u32): u32 {
  return <u32>(suite == Suite.Aes128GcmSha256 || suite == Suite.Aes256GcmSha384 || suite == Suite.Chacha20Poly1305Sha256);
}

/** The suite's AEAD key length (§5.2 key_length), or 0 for an unknown suite. */
export function suiteKeyLen(suite: u32): u32 {
  if (suite == Suite.Aes128GcmSha256) return 16;
  if (suite == Suite.Aes256GcmSha384 || suite == Suite.Chacha20Poly1305Sha256) return 32;
  return 0;
}

/** The suite's hash (hash.ts id): SHA-384 for AES-256-GCM, SHA-256 otherwise. */
export function suiteHash(suite: u32): u32 {
  return suite == Suite.Aes256GcmSha384 ? <u32>HashId.Sha384 : <u32>HashId.Sha256;
}

/** Hash length of the suite's hash. */
export function suiteHashLen(suite: u32): u32 {
  return hashDigestSize(suiteHash(suite));
}

/**
 * Seals len bytes at data in place under key and nonce with aad, and writes
 * the 16-byte tag right after them (at data + len). Returns 1, or 0 for an
 * unknown suite or a text too long for the cipher.
 */
export function aeadSeal(suite: u32, key: usize, nonce: usize, aad: usize, aadLen: usize, data: usize, len: usize): u32 {
  if (suite == Suite.Chacha20Poly1305Sha256) {
    return <u32>(chacha20Poly1305Seal(scratch, key, nonce, aad, aadLen, data, data, len, data + len) == AeadStatus.Ok);
  }
  const keyLen = suiteKeyLen(suite);
  if (keyLen == 0) return 0;
  return gcmSeal(scratch, key, keyLen, nonce, aad, aadLen, data, len, data);
}

/**
 * Opens len bytes of ciphertext at data followed by their 16-byte tag, in
 * place: the plaintext replaces the ciphertext only when the tag verifies
 * (nothing is released before). Returns 1 when it verified, else 0.
 */
export function aeadOpen(suite: u32, key: usize, nonce: usize, aad: usize, aadLen: usize, data: usize, len: usize): u32 {
  if (suite == Suite.Chacha20Poly1305Sha256) {
    return <u32>(chacha20Poly1305Open(scratch, key, nonce, aad, aadLen, data, data, len, data + len) == AeadStatus.Ok);
  }
  const keyLen = suiteKeyLen(suite);
  if (keyLen == 0) return 0;
  return gcmOpen(scratch, key, keyLen, nonce, aad, aadLen, data, len, data + len, data);
}
