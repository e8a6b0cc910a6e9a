// HKDF, RFC 5869 §2, over HMAC (hmac.ts) with SHA-256/384/512.
//
//   Extract (§2.2): PRK = HMAC-Hash(salt, IKM); an empty salt is the same
//   key as HashLen zero bytes, because HMAC zero-pads keys to the block.
//   Expand (§2.3):  T(0) = empty, T(i) = HMAC-Hash(PRK, T(i-1) | info | i),
//                   OKM = the first L bytes of T(1) | T(2) | ..., L <= 255*HashLen.
//
// Variant: Expand is offered block by block so that info of any length can
// be streamed: hkdfExpandBlockStart / hkdfExpandInfo (any number of pieces) /
// hkdfExpandBlockEnd produce one T(i). The one-shot hkdfExpand, which the TLS
// key schedule calls on info held in memory, is built from the same calls.
// PRK is keyed once (HMAC's precomputed states), not once per block.
//
// Secret: IKM, salt (treated as a key), PRK, every T(i) and the output.
// Public: lengths, the hash id and the block counter.
//
// Context (HKDF_CTX_SIZE = 712 bytes, caller-owned):
//   0    HMAC context keyed with PRK (HMAC_CTX_SIZE bytes)
//   640  T(i), the last block produced (HashLen bytes, up to 64)
//   704  u32 i, the number of blocks produced so far (its low byte is the
//        single counter octet that §2.3 appends)
import { wipe } from "./ct";
import { hashDigestSize } from "./hash";
import {
  hmacCompute, hmacFinal, hmacKeyFinal, hmacKeyInit, hmacKeyUpdate, hmacReset, hmacUpdate,
  HMAC_CTX_SIZE,
} from "./hmac";

const T: usize = HMAC_CTX_SIZE;
const COUNTER: usize = T + 64;
export const HKDF_CTX_SIZE: usize = COUNTER + 8;

/**
 * §2.2 in one call: PRK = HMAC(salt, ikm) into prk (HashLen bytes), using
 * ctx (at least HMAC_CTX_SIZE bytes) as scratch, wiped before returning.
 * Returns HashLen, or 0 when id is unknown. A streamed Extract is simply an
 * HMAC keyed with the salt (hmac.ts).
 */
export function hkdfExtract(
  ctx: usize, id: u32, salt: usize, saltLen: usize, ikm: usize, ikmLen: usize, prk: usize,
): u32 {
  return hmacCompute(ctx, id, salt, saltLen, ikm, ikmLen, prk);
}

/**
 * Starts an Expand of hash id in the context at ctx; feed PRK with
 * hkdfExpandKey (any length, any split). Returns HashLen, or 0 when id is
 * unknown.
 */
export function hkdfExpandInit(ctx: usize, id: u32): u32 {
  const size = hmacKeyInit(ctx, id);
  if (size == 0) return 0;
  wipe(ctx + T, HKDF_CTX_SIZE - T);
  return size;
}

/** Absorbs len more bytes of PRK at prk (the HMAC key of every block). */
export function hkdfExpandKey(ctx: usize, prk: usize, len: usize): void {
  hmacKeyUpdate(ctx, prk, len);
}

/**
 * Starts block T(i), i = blocks produced so far + 1, by absorbing T(i-1).
 * The first call also closes the PRK. Returns i, or 0 when 255 blocks are
 * out already (§2.3: L <= 255*HashLen), in which case nothing changes.
 */
export function hkdfExpandBlockStart(ctx: usize): u32 {
  const done = load<u32>(ctx, COUNTER);
  if (done >= 255) return 0;
  if (done == 0) {
    hmacKeyFinal(ctx); // T(0) is empty: nothing to absorb
  } else {
    hmacReset(ctx);
    hmacUpdate(ctx, ctx + T, hashDigestSize(load<u32>(ctx)));
  }
  return done + 1;
}

/** Absorbs len bytes of info at info into the current block, in any split. */
export function hkdfExpandInfo(ctx: usize, info: usize, len: usize): void {
  hmacUpdate(ctx, info, len);
}

/**
 * Ends block T(i) with its counter octet, keeps it for the next block and
 * writes its first min(outLen, HashLen) bytes to out. Returns that count.
 */
export function hkdfExpandBlockEnd(ctx: usize, out: usize, outLen: usize): u32 {
  const i = load<u32>(ctx, COUNTER) + 1;
  store<u32>(ctx, i, COUNTER);
  hmacUpdate(ctx, ctx + COUNTER, 1); // the low byte of i: the octet i of §2.3
  const size = <usize>hmacFinal(ctx, ctx + T);
  const n = outLen < size ? outLen : size;
  memory.copy(out, ctx + T, n);
  return <u32>n;
}

/**
 * §2.3 in one call: writes outLen bytes of OKM = HKDF-Expand(PRK, info, L)
 * to out, using ctx (HKDF_CTX_SIZE bytes) as scratch, wiped before returning.
 * Returns 0, or -1 (nothing written) when id is unknown or outLen is more
 * than 255*HashLen.
 */
export function hkdfExpand(
  ctx: usize, id: u32, prk: usize, prkLen: usize, info: usize, infoLen: usize,
  out: usize, outLen: usize,
): i32 {
  const size = <usize>hashDigestSize(id);
  if (size == 0 || outLen > 255 * size) return -1;
  hkdfExpandInit(ctx, id);
  hkdfExpandKey(ctx, prk, prkLen);
  for (let done: usize = 0; done < outLen; ) {
    hkdfExpandBlockStart(ctx);
    hkdfExpandInfo(ctx, info, infoLen);
    done += hkdfExpandBlockEnd(ctx, out + done, outLen - done);
  }
  wipe(ctx, HKDF_CTX_SIZE);
  return 0;
}
