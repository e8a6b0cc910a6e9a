// embertls/crypto: the engine's primitives for Node. Synchronous, Uint8Array
// in and out; every input is streamed through the engine's fixed buffers.
export { sha256, sha384, sha512, hmac, hkdfExtract, hkdfExpand } from './primitives/hash.js';
export { chacha20Poly1305Seal, chacha20Poly1305Open } from './primitives/chacha.js';
export { aesGcmSeal, aesGcmOpen } from './primitives/gcm.js';
export { x25519, x25519PublicKey } from './primitives/x25519.js';
export { publicKeyP256, ecdhP256, ecdsaSign, ecdsaVerify, InvalidPointError } from './primitives/ec.js';
export { ed25519Verify } from './primitives/ed25519.js';
export { rsaVerify } from './primitives/rsa.js';
export { verifyCertificateChain } from './primitives/x509.js';
export type { VerifyChainOptions, VerifyChainResult, ChainErrorCode, CertificateInput } from './primitives/x509.js';
