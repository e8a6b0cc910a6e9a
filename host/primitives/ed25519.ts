// Ed25519 signature verification (RFC 8032 §5.1.7) over the engine: the key
// and signature go into the arena, the message is streamed through it in
// fixed chunks (SHA-512 over R || A || M), and the arena is wiped before the
// verdict is returned.
import { bytes } from '../args.js';
import { arena, engine, wipeArena, writeBytes } from '../engine.js';
import { streamIn } from '../stream.js';

const PUBLIC_KEY_SIZE = 32;
const SIGNATURE_SIZE = 64;

/**
 * true when signature is a valid Ed25519 signature of message under
 * publicKey. Never throws for a bad key or signature: a wrong length, an
 * invalid or small-order key, S >= L or a non-canonical encoding all return
 * false. Only arguments that are not Uint8Arrays throw (TypeError).
 */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const key = bytes('publicKey', publicKey);
  const data = bytes('message', message);
  const sig = bytes('signature', signature);
  if (key.length !== PUBLIC_KEY_SIZE || sig.length !== SIGNATURE_SIZE) return false;
  try {
    writeBytes(arena.params, key);
    writeBytes(arena.params + PUBLIC_KEY_SIZE, sig);
    // A key or S that fails needs no hashing of the message; wipeArena
    // clears the context either way.
    if (engine.ed25519VerifyInit(arena.ctx, arena.params, arena.params + PUBLIC_KEY_SIZE) !== 1) return false;
    streamIn(data, (ptr, len) => engine.ed25519VerifyUpdate(arena.ctx, ptr, len));
    return engine.ed25519VerifyFinal(arena.ctx) === 1;
  } finally {
    wipeArena();
  }
}
