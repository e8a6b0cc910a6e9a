// X25519 (RFC 7748 §5, §6.1) over the engine: the private key and the peer's
// public key go into the arena, the engine runs the ladder, and the arena is
// wiped before the result is returned.
import { bytesOfLength } from '../args.js';
import { arena, engine, readBytes, wipeArena, writeBytes } from '../engine.js';

const SIZE = 32;

/**
 * X25519(privateKey, publicKey): the 32-byte shared secret (RFC 7748 §5).
 * The all-zero result of a small-order publicKey is returned, not thrown:
 * RFC 7748 §6.1 and RFC 8446 §7.4.2 leave that check to the caller. A
 * publicKey with bit 255 set, or at or above p, is accepted and processed as
 * the RFC says (bit 255 masked, the value reduced mod p).
 */
export function x25519(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  try {
    const k = bytesOfLength('privateKey', privateKey, SIZE);
    const u = bytesOfLength('publicKey', publicKey, SIZE);
    writeBytes(arena.params, k);
    writeBytes(arena.params + SIZE, u);
    engine.x25519ScalarMult(arena.output, arena.params, arena.params + SIZE);
    return readBytes(arena.output, SIZE);
  } finally {
    wipeArena();
  }
}

/** The 32-byte public key X25519(privateKey, 9) (RFC 7748 §6.1). */
export function x25519PublicKey(privateKey: Uint8Array): Uint8Array {
  try {
    const k = bytesOfLength('privateKey', privateKey, SIZE);
    writeBytes(arena.params, k);
    engine.x25519ScalarMultBase(arena.output, arena.params);
    return readBytes(arena.output, SIZE);
  } finally {
    wipeArena();
  }
}
