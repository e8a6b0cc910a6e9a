// Hash dispatch: one context layout and one init/update/final over SHA-256
// (FIPS 180-4 §6.2), SHA-384 (§6.5) and SHA-512 (§6.4), chosen by a hash id.
// HMAC, HKDF and the TLS transcript hash are written once against this.
//
// The id is public (it is the negotiated cipher suite's hash), so branching
// on it is fine; everything the hashes touch keeps their own constant-time
// contract.
//
// Context (HASH_CTX_SIZE = 208 bytes, caller-owned):
//   0   u32 hash id (0 = SHA-256, 1 = SHA-384, 2 = SHA-512)
//   8   the algorithm's own context (104 bytes for SHA-256, 200 for the others)
import { sha256Final, sha256Init, sha256Update, SHA256_CTX_SIZE } from "./sha256";
import { sha384Final, sha384Init } from "./sha384";
import { sha512Final, sha512Init, sha512Update, SHA512_CTX_SIZE } from "./sha512";

export const enum HashId {
  Sha256 = 0,
  Sha384 = 1,
  Sha512 = 2,
}

const STATE: usize = 8;
export const HASH_CTX_SIZE: usize = STATE + SHA512_CTX_SIZE;
export const HASH_MAX_DIGEST_SIZE: u32 = 64;
export const HASH_MAX_BLOCK_SIZE: u32 = 128;

/** Digest length in bytes (HashLen) for id, or 0 for an unknown id. */
export function hashDigestSize(id: u32): u32 {
  if (id == HashId.Sha256) return 32;
  if (id == HashId.Sha384) return 48;
  if (id == HashId.Sha512) return 64;
  return 0;
}

/** Block length in bytes (HMAC's B, RFC 2104 §2) for id, or 0 for an unknown id. */
export function hashBlockSize(id: u32): u32 {
  if (id == HashId.Sha256) return 64;
  if (id == HashId.Sha384 || id == HashId.Sha512) return 128;
  return 0;
}

/** Bytes of a context for id that are in use (copying this many clones it), or 0. */
export function hashCtxUsed(id: u32): u32 {
  if (id == HashId.Sha256) return <u32>(STATE + SHA256_CTX_SIZE);
  if (id == HashId.Sha384 || id == HashId.Sha512) return <u32>(STATE + SHA512_CTX_SIZE);
  return 0;
}

/**
 * Starts a hash of kind id in the context at ctx. Returns the digest length,
 * or 0 (and leaves ctx alone) when id is unknown.
 */
export function hashInit(ctx: usize, id: u32): u32 {
  const size = hashDigestSize(id);
  if (size == 0) return 0;
  store<u32>(ctx, id);
  if (id == HashId.Sha256) sha256Init(ctx + STATE);
  else if (id == HashId.Sha384) sha384Init(ctx + STATE);
  else sha512Init(ctx + STATE);
  return size;
}

/** Absorbs len bytes at data (secret content, public length), in any split. */
export function hashUpdate(ctx: usize, data: usize, len: usize): void {
  const id = load<u32>(ctx);
  if (id == HashId.Sha256) sha256Update(ctx + STATE, data, len);
  else if (id == HashId.Sha384 || id == HashId.Sha512) sha512Update(ctx + STATE, data, len);
}

/**
 * Writes the digest to out and returns its length (0 when ctx holds no known
 * id). The algorithm's state is wiped; hashInit starts it again.
 */
export function hashFinal(ctx: usize, out: usize): u32 {
  const id = load<u32>(ctx);
  if (id == HashId.Sha256) sha256Final(ctx + STATE, out);
  else if (id == HashId.Sha384) sha384Final(ctx + STATE, out);
  else if (id == HashId.Sha512) sha512Final(ctx + STATE, out);
  return hashDigestSize(id);
}

/** Makes dst an independent copy of the running hash at src (e.g. a transcript hash so far). */
export function hashCopy(dst: usize, src: usize): void {
  memory.copy(dst, src, <usize>hashCtxUsed(load<u32>(src)));
}

/** One-shot digest of len bytes at data into out: init, update, final. Returns its length or 0. */
export function hashCompute(ctx: usize, id: u32, data: usize, len: usize, out: usize): u32 {
  if (hashInit(ctx, id) == 0) return 0;
  hashUpdate(ctx, data, len);
  return hashFinal(ctx, out);
}
