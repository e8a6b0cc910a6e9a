// P-256 and P-384 for Node over the engine (assembly/crypto/p256.ts,
// ecdh_p256.ts, ecdsa.ts): key derivation, ECDH, ECDSA signing with RFC 6979
// nonces and verification. Keys and signatures go through the arena's params
// slot; messages of any length stream through its input chunks into the
// engine's hash. The arena is wiped after every call, so no private key,
// nonce or shared secret stays in engine memory.
import { bytes, bytesOfLength, hashName, HASHES, type HashName } from '../args.js';
import { arena, engine, readBytes, wipeArena, writeBytes } from '../engine.js';
import { streamIn } from '../stream.js';

export type CurveName = 'P-256' | 'P-384';

const CURVES: Record<CurveName, { id: number; size: number }> = {
  'P-256': { id: 0, size: 32 },
  'P-384': { id: 1, size: 48 },
};

/** The engine's EcResult codes (assembly/crypto/weierstrass.ts). */
const INVALID_PRIVATE_KEY = 1;
const INVALID_POINT = 2;

/** Where keys, points and signatures sit in the params slot (4096 bytes). */
const slot = {
  privateKey: arena.params,
  publicKey: arena.params + 64,
  signature: arena.params + 256,
  out: arena.params + 512,
} as const;
/** Longest key or signature the slots take; anything longer is malformed for both curves. */
const MAX_ENCODED = 192;

/** An invalid public point, reported with a stable code. */
export class InvalidPointError extends Error {
  readonly code = 'INVALID_POINT';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPointError';
  }
}

function invalidPrivateKey(): RangeError {
  return Object.assign(new RangeError('privateKey must be an integer from 1 to n - 1 (big-endian)'), {
    code: 'INVALID_PRIVATE_KEY',
  });
}

function curveName(name: string, value: unknown): CurveName {
  if (typeof value !== 'string') throw new TypeError(`${name} must be 'P-256' or 'P-384', got ${typeof value}`);
  if (!(value in CURVES)) throw new RangeError(`${name} must be 'P-256' or 'P-384', got '${value}'`);
  return value as CurveName;
}

/** SEC1 §3.2.1: the 65-byte uncompressed public key 04 || X || Y of a 32-byte P-256 private key. */
export function publicKeyP256(privateKey: Uint8Array): Uint8Array {
  const d = bytesOfLength('privateKey', privateKey, 32);
  try {
    writeBytes(slot.privateKey, d);
    const rc = engine.p256PublicKey(slot.privateKey, slot.out);
    if (rc === INVALID_PRIVATE_KEY) throw invalidPrivateKey();
    return readBytes(slot.out, 65);
  } finally {
    wipeArena();
  }
}

/**
 * ECDH over P-256 (SEC1 §3.3.1, SP 800-56A "ECC CDH"): the 32-byte
 * x-coordinate of privateKey * publicKey. Throws InvalidPointError (code
 * 'INVALID_POINT') when publicKey is not a valid uncompressed point (length,
 * prefix, coordinates >= p, off the curve, the identity), and a RangeError
 * when privateKey is not in [1, n-1].
 */
export function ecdhP256(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const d = bytesOfLength('privateKey', privateKey, 32);
  const q = bytes('publicKey', publicKey);
  if (q.length !== 65) {
    throw new InvalidPointError(`publicKey must be a 65-byte uncompressed P-256 point, got ${q.length} bytes`);
  }
  try {
    writeBytes(slot.privateKey, d);
    writeBytes(slot.publicKey, q);
    const rc = engine.ecdhP256(slot.privateKey, slot.publicKey, q.length, slot.out);
    if (rc === INVALID_PRIVATE_KEY) throw invalidPrivateKey();
    if (rc === INVALID_POINT) throw new InvalidPointError('publicKey is not a valid P-256 point');
    return readBytes(slot.out, 32);
  } finally {
    wipeArena();
  }
}

/**
 * ECDSA signature (FIPS 186-5 §6.4.1) in DER, with the deterministic nonce
 * of RFC 6979 §3.2 (HMAC over the same hash). s is not normalised to the
 * low half: the result equals RFC 6979's. 'P-384' is accepted too.
 */
export function ecdsaSign(curve: CurveName, hash: HashName, privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  const { id: curveId, size } = CURVES[curveName('curve', curve)];
  const { id: hashId } = HASHES[hashName('hash', hash)];
  const d = bytesOfLength('privateKey', privateKey, size);
  const m = bytes('message', message);
  try {
    engine.ecdsaInit(arena.ctx, hashId);
    streamIn(m, (ptr, len) => engine.ecdsaUpdate(arena.ctx, ptr, len));
    writeBytes(slot.privateKey, d);
    const length = engine.ecdsaSignFinal(arena.ctx, curveId, slot.privateKey, slot.out);
    if (length === 0) throw invalidPrivateKey();
    return readBytes(slot.out, length);
  } finally {
    wipeArena();
  }
}

/**
 * ECDSA verification (FIPS 186-5 §6.4.2) of a DER signature over message
 * with an uncompressed SEC1 public key. Returns false, and never throws, for
 * any malformed or wrong key or signature (high-S signatures are valid
 * ECDSA and verify). A hash longer than the curve's order is truncated to
 * its leftmost bits (FIPS 186-5 §6.4.2 step 5). Argument types and the curve
 * and hash names are still checked (TypeError / RangeError).
 */
export function ecdsaVerify(
  curve: CurveName, hash: HashName, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array,
): boolean {
  const { id: curveId } = CURVES[curveName('curve', curve)];
  const { id: hashId } = HASHES[hashName('hash', hash)];
  const q = bytes('publicKey', publicKey);
  const m = bytes('message', message);
  const sig = bytes('signature', signature);
  if (q.length > MAX_ENCODED || sig.length > MAX_ENCODED) return false;
  try {
    engine.ecdsaInit(arena.ctx, hashId);
    streamIn(m, (ptr, len) => engine.ecdsaUpdate(arena.ctx, ptr, len));
    writeBytes(slot.publicKey, q);
    writeBytes(slot.signature, sig);
    return engine.ecdsaVerifyFinal(arena.ctx, curveId, slot.publicKey, q.length, slot.signature, sig.length) === 1;
  } finally {
    wipeArena();
  }
}
