// SHA-384, FIPS 180-4 §6.5: SHA-512 (sha512.ts) started from its own initial
// hash value (§5.3.4) and truncated to the leftmost 384 bits. Same variant,
// same secrets (message and state) and the same 200-byte context.
import { sha512Finish, sha512Start, sha512Update, SHA512_CTX_SIZE } from "./sha512";

export const SHA384_CTX_SIZE: usize = SHA512_CTX_SIZE;
export const SHA384_DIGEST_SIZE: u32 = 48;
export const SHA384_BLOCK_SIZE: u32 = 128;

/** §5.3.4: starts a new SHA-384 hash in the 200-byte context at ctx. */
export function sha384Init(ctx: usize): void {
  sha512Start(ctx,
    0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
    0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4);
}

/** Absorbs len bytes at data; the same absorption as SHA-512. */
export function sha384Update(ctx: usize, data: usize, len: usize): void {
  sha512Update(ctx, data, len);
}

/** §6.5 step 4: the first six words of H, 48 bytes, to out; wipes the context. */
export function sha384Final(ctx: usize, out: usize): void {
  sha512Finish(ctx, out, 6);
}
