// HMAC, RFC 2104 §2 (FIPS 198-1), over the hash dispatch in hash.ts:
//   HMAC(K, text) = H((K0 ^ opad) || H((K0 ^ ipad) || text))
// where K0 is K zero-padded to the block length B, or H(K) zero-padded when
// K is longer than B (RFC 2104 §3).
//
// Variant: the states after absorbing K0 ^ ipad and K0 ^ opad are computed
// once per key and kept, so a new MAC under the same key (hmacReset) costs a
// context copy (112 or 208 bytes) instead of two compressions: the TLS 1.3
// key schedule and HKDF-Expand restart HMAC under one key many times.
//
// Secret: the key, the keyed states and the message. Public: every length
// and the hash id (key lengths are fixed by the protocol). Keys may be fed
// in pieces (hmacKeyUpdate), so a key of any length can be streamed.
//
// Context (HMAC_CTX_SIZE = 640 bytes, caller-owned):
//   0    u32 hash id
//   8    u64 key length absorbed so far (while the key is being fed)
//   16   inner hash context, keyed with K0 ^ ipad      (HASH_CTX_SIZE bytes)
//   224  outer hash context, keyed with K0 ^ opad; while the key is being
//        fed, its first B bytes collect K (the first B bytes of it)
//   432  working hash context: the MAC being computed
import { wipe } from "./ct";
import {
  hashBlockSize, hashCopy, hashDigestSize, hashFinal, hashInit, hashUpdate,
  HASH_CTX_SIZE,
} from "./hash";

const KEY_LEN: usize = 8;
const INNER: usize = 16;
const OUTER: usize = INNER + HASH_CTX_SIZE;
const WORK: usize = OUTER + HASH_CTX_SIZE;
export const HMAC_CTX_SIZE: usize = WORK + HASH_CTX_SIZE;

// Scratch for one call at a time (wasm runs one call at a time); wiped
// before the call returns.
const pad = memory.data(128, 8); // HASH_MAX_BLOCK_SIZE
const innerDigest = memory.data(64, 8); // HASH_MAX_DIGEST_SIZE

/**
 * Starts keying an HMAC of hash id in the context at ctx; feed the key with
 * hmacKeyUpdate, then call hmacKeyFinal. Returns HashLen, or 0 (ctx left
 * alone) when id is unknown.
 */
export function hmacKeyInit(ctx: usize, id: u32): u32 {
  const size = hashDigestSize(id);
  if (size == 0) return 0;
  wipe(ctx, HMAC_CTX_SIZE);
  store<u32>(ctx, id);
  // The key is hashed as it arrives: only once it is all in do we know
  // whether K0 is K itself or H(K) (RFC 2104 §3).
  hashInit(ctx + WORK, id);
  return size;
}

/** Absorbs len more key bytes at key (secret content, public length). */
export function hmacKeyUpdate(ctx: usize, key: usize, len: usize): void {
  const block = <u64>hashBlockSize(load<u32>(ctx));
  const have = load<u64>(ctx, KEY_LEN);
  if (have < block) {
    const room = block - have;
    const n = <u64>len < room ? <usize>len : <usize>room;
    memory.copy(ctx + OUTER + <usize>have, key, n);
  }
  hashUpdate(ctx + WORK, key, len);
  store<u64>(ctx, have + <u64>len, KEY_LEN);
}

/**
 * Derives K0, precomputes the inner and outer keyed states and starts the
 * first MAC (as hmacReset does). The key bytes are gone from ctx afterwards.
 */
export function hmacKeyFinal(ctx: usize): void {
  const id = load<u32>(ctx);
  const block = <usize>hashBlockSize(id);
  const keyLen = load<u64>(ctx, KEY_LEN);
  const k0 = ctx + OUTER;
  if (keyLen > <u64>block) {
    // RFC 2104 §3: a key longer than B is replaced by its hash.
    const size = <usize>hashFinal(ctx + WORK, k0);
    memory.fill(k0 + size, 0, block - size);
  } else {
    memory.fill(k0 + <usize>keyLen, 0, block - <usize>keyLen);
  }
  // ipad = 0x36 and opad = 0x5c repeated B times (RFC 2104 §2); B is a
  // multiple of 4, so whole words are XORed.
  for (let i: usize = 0; i < block; i += 4) store<u32>(pad + i, load<u32>(k0 + i) ^ 0x36363636);
  hashInit(ctx + INNER, id);
  hashUpdate(ctx + INNER, pad, block);
  for (let i: usize = 0; i < block; i += 4) store<u32>(pad + i, load<u32>(k0 + i) ^ 0x5c5c5c5c);
  // hashInit wipes the outer slot, and K0 with it: pad already holds all of it.
  hashInit(ctx + OUTER, id);
  hashUpdate(ctx + OUTER, pad, block);
  wipe(pad, block);
  store<u64>(ctx, 0, KEY_LEN);
  hmacReset(ctx);
}

/** Keys an HMAC with the keyLen bytes at key in one call. Returns HashLen or 0. */
export function hmacInit(ctx: usize, id: u32, key: usize, keyLen: usize): u32 {
  const size = hmacKeyInit(ctx, id);
  if (size == 0) return 0;
  hmacKeyUpdate(ctx, key, keyLen);
  hmacKeyFinal(ctx);
  return size;
}

/** Starts a new MAC under the same key (the keyed inner state is copied, not recomputed). */
export function hmacReset(ctx: usize): void {
  hashCopy(ctx + WORK, ctx + INNER);
}

/** Absorbs len message bytes at data (secret content, public length), in any split. */
export function hmacUpdate(ctx: usize, data: usize, len: usize): void {
  hashUpdate(ctx + WORK, data, len);
}

/**
 * Writes the MAC (HashLen bytes) to out and returns HashLen. The key stays:
 * hmacReset starts another MAC under it.
 */
export function hmacFinal(ctx: usize, out: usize): u32 {
  const size = <usize>hashFinal(ctx + WORK, innerDigest);
  hashCopy(ctx + WORK, ctx + OUTER);
  hashUpdate(ctx + WORK, innerDigest, size);
  hashFinal(ctx + WORK, out);
  wipe(innerDigest, size);
  return <u32>size;
}

/**
 * One-shot HMAC of data under key into out, using ctx (HMAC_CTX_SIZE bytes)
 * as scratch, which is wiped before returning. Returns HashLen, or 0 when id
 * is unknown.
 */
export function hmacCompute(
  ctx: usize, id: u32, key: usize, keyLen: usize, data: usize, dataLen: usize, out: usize,
): u32 {
  const size = hmacInit(ctx, id, key, keyLen);
  if (size == 0) return 0;
  hmacUpdate(ctx, data, dataLen);
  hmacFinal(ctx, out);
  wipe(ctx, HMAC_CTX_SIZE);
  return size;
}
