// Ed25519 verification's wasm surface (RFC 8032 §5.1.7): pointers and
// lengths in, a ctl out. Everything it reads is public (key, message,
// signature); contracts are in assembly/crypto/ed25519.ts.
//
//   ed25519VerifyInit(ctx, publicKey, signature): u32
//     Starts a verification in the ed25519VerifyCtxSize()-byte context at ctx
//     of the 64-byte signature under the 32-byte publicKey. Returns 1 when S <
//     L, the key decodes and is not of small order, else 0 (the context then
//     still takes updates, and final returns 0).
//   ed25519VerifyUpdate(ctx, data, len): void
//     Absorbs len bytes of the message; any split of the message.
//   ed25519VerifyFinal(ctx): u32
//     1 when the signature is valid for the whole message, else 0. Wipes ctx.
//   ed25519Verify(ctx, publicKey, message, len, signature): u32
//     The three above in one call.
//   ed25519VerifyCtxSize(): u32
//     432.
import { ED25519_VERIFY_CTX_SIZE } from "../crypto/ed25519";

export { ed25519VerifyInit, ed25519VerifyUpdate, ed25519VerifyFinal, ed25519Verify } from "../crypto/ed25519";

export function ed25519VerifyCtxSize(): u32 {
  return <u32>ED25519_VERIFY_CTX_SIZE;
}
