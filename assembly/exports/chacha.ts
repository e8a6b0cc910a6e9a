// Wasm surface of the ChaCha20-Poly1305 area (RFC 8439): thin re-exports of
// assembly/crypto/{chacha20,poly1305,chacha20poly1305}.ts, integers and
// pointers only. Every context is caller-owned memory of the size the
// matching *CtxSize() export reports; contracts are in the crypto files.
import { CHACHA20_CTX_SIZE } from "../crypto/chacha20";
import { POLY1305_CTX_SIZE } from "../crypto/poly1305";
import { CHACHA20POLY1305_CTX_SIZE } from "../crypto/chacha20poly1305";

export {
  chacha20Init,
  chacha20Block,
  chacha20Xor,
  chacha20QuarterRound,
} from "../crypto/chacha20";

export { poly1305Init, poly1305Update, poly1305Finish } from "../crypto/poly1305";

export {
  chacha20Poly1305Init,
  chacha20Poly1305Aad,
  chacha20Poly1305Encrypt,
  chacha20Poly1305Authenticate,
  chacha20Poly1305Decrypt,
  chacha20Poly1305Finish,
  chacha20Poly1305Verify,
  chacha20Poly1305Seal,
  chacha20Poly1305Open,
} from "../crypto/chacha20poly1305";

export function chacha20CtxSize(): u32 {
  return CHACHA20_CTX_SIZE;
}

export function poly1305CtxSize(): u32 {
  return POLY1305_CTX_SIZE;
}

export function chacha20Poly1305CtxSize(): u32 {
  return CHACHA20POLY1305_CTX_SIZE;
}
