// SHA-2, HMAC and HKDF for Node over the engine (assembly/crypto/sha*.ts,
// hmac.ts, hkdf.ts). Every input, keys and HKDF info included, is streamed
// through the arena's fixed chunks, so any length works; the arena is wiped
// after every call so no key, message or output stays in engine memory.
import { bytes, hashName, HASHES, nonNegativeInteger, type HashName } from '../args.js';
import { arena, engine, readBytes, wipeArena } from '../engine.js';
import { streamIn } from '../stream.js';

/** SHA-256 digest (FIPS 180-4 §6.2), 32 bytes. */
export function sha256(data: Uint8Array): Uint8Array {
  return digest('sha256', bytes('data', data));
}

/** SHA-384 digest (FIPS 180-4 §6.5), 48 bytes. */
export function sha384(data: Uint8Array): Uint8Array {
  return digest('sha384', bytes('data', data));
}

/** SHA-512 digest (FIPS 180-4 §6.4), 64 bytes. */
export function sha512(data: Uint8Array): Uint8Array {
  return digest('sha512', bytes('data', data));
}

/** HMAC (RFC 2104) of data under key, which may have any length, empty included. */
export function hmac(hash: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return mac(hashName('hash', hash), bytes('key', key), bytes('data', data));
}

/**
 * HKDF-Extract (RFC 5869 §2.2): PRK = HMAC-Hash(salt, IKM). An empty salt
 * needs no special case: HMAC pads its key with zeros to the block length,
 * which is what HashLen zero bytes become too.
 */
export function hkdfExtract(hash: HashName, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return mac(hashName('hash', hash), bytes('salt', salt), bytes('ikm', ikm));
}

/**
 * HKDF-Expand (RFC 5869 §2.3): `length` bytes of OKM from prk (any length)
 * and info, 0 <= length <= 255 * HashLen.
 */
export function hkdfExpand(hash: HashName, prk: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  const name = hashName('hash', hash);
  const { id, size } = HASHES[name];
  const key = bytes('prk', prk);
  const context = bytes('info', info);
  const total = nonNegativeInteger('length', length, 255 * size);
  const okm = new Uint8Array(total);
  try {
    engine.hkdfExpandInit(arena.ctx, id);
    streamIn(key, (ptr, len) => engine.hkdfExpandKey(arena.ctx, ptr, len));
    // One T(i) per pass: info is streamed again for each block, since the
    // engine never holds more than a chunk of it.
    for (let done = 0; done < total; ) {
      engine.hkdfExpandBlockStart(arena.ctx);
      streamIn(context, (ptr, len) => engine.hkdfExpandInfo(arena.ctx, ptr, len));
      const n = engine.hkdfExpandBlockEnd(arena.ctx, arena.output, total - done);
      okm.set(readBytes(arena.output, n), done);
      done += n;
    }
    return okm;
  } finally {
    wipeArena();
  }
}

function digest(name: HashName, data: Uint8Array): Uint8Array {
  const { id, size } = HASHES[name];
  try {
    engine.hashInit(arena.ctx, id);
    streamIn(data, (ptr, len) => engine.hashUpdate(arena.ctx, ptr, len));
    engine.hashFinal(arena.ctx, arena.output);
    return readBytes(arena.output, size);
  } finally {
    wipeArena();
  }
}

function mac(name: HashName, key: Uint8Array, data: Uint8Array): Uint8Array {
  const { id, size } = HASHES[name];
  try {
    engine.hmacKeyInit(arena.ctx, id);
    streamIn(key, (ptr, len) => engine.hmacKeyUpdate(arena.ctx, ptr, len));
    engine.hmacKeyFinal(arena.ctx);
    streamIn(data, (ptr, len) => engine.hmacUpdate(arena.ctx, ptr, len));
    engine.hmacFinal(arena.ctx, arena.output);
    return readBytes(arena.output, size);
  } finally {
    wipeArena();
  }
}
