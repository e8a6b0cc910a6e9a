// RSA signature verification for Node over the engine (assembly/crypto/rsa*.ts,
// assembly/x509/spki.ts): RSASSA-PKCS1-v1_5 and RSASSA-PSS (RFC 8017 §8.2.2,
// §8.1.2) with SHA-256/384/512, 2048- to 4096-bit keys as DER
// SubjectPublicKeyInfo. The message is streamed through the arena in chunks,
// so any length works; the arena is wiped after every call.
import { bytes, hashName, HASHES, nonNegativeInteger, type HashName } from '../args.js';
import { arena, engine, wipeArena, writeBytes } from '../engine.js';
import { streamIn } from '../stream.js';

export interface RsaVerifyParams {
  scheme: 'pkcs1' | 'pss';
  hash: HashName;
  /** PSS only: the salt length the signature must use; omitted, any is accepted. */
  saltLength?: number;
}

const SCHEMES = { pkcs1: 0, pss: 1 } as const;
/** The engine's "any salt length" value. */
const SALT_ANY = 0xffffffff;

/**
 * true when signature is a valid `scheme` signature of message under the RSA
 * key spki (DER SubjectPublicKeyInfo), with `hash` as the message digest (and
 * as MGF1's hash for PSS). Returns false, never throws, for any malformed,
 * too small (< 2048 bits) or too large (> 4096 bits) key and any malformed
 * signature; only arguments of the wrong type (TypeError) or an unknown
 * scheme, hash or saltLength value (RangeError) throw.
 */
export function rsaVerify(
  params: RsaVerifyParams,
  spki: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (typeof params !== 'object' || params === null) {
    throw new TypeError(`params must be an object, got ${params === null ? 'null' : typeof params}`);
  }
  const scheme = schemeOf(params.scheme);
  const { id } = HASHES[hashName('params.hash', params.hash)];
  const salt =
    params.saltLength === undefined ? SALT_ANY : nonNegativeInteger('params.saltLength', params.saltLength, SALT_ANY - 1);
  const key = bytes('spki', spki);
  const data = bytes('message', message);
  const sig = bytes('signature', signature);
  // Anything longer than an arena slot cannot be a key or signature the
  // engine accepts (4096-bit keys are about 550 bytes).
  if (key.length > arena.chunk || sig.length > arena.chunk) return false;
  try {
    engine.rsaVerifyInit(arena.ctx, id);
    streamIn(data, (ptr, len) => engine.rsaVerifyUpdate(arena.ctx, ptr, len));
    writeBytes(arena.input, key);
    writeBytes(arena.output, sig);
    return engine.rsaVerifyFinal(arena.ctx, arena.input, key.length, arena.output, sig.length, scheme, salt) === 1;
  } finally {
    wipeArena();
  }
}

function schemeOf(value: unknown): number {
  if (typeof value !== 'string') {
    throw new TypeError(`params.scheme must be 'pkcs1' or 'pss', got ${value === null ? 'null' : typeof value}`);
  }
  if (!Object.hasOwn(SCHEMES, value)) throw new RangeError(`params.scheme must be 'pkcs1' or 'pss', got '${value}'`);
  return SCHEMES[value as keyof typeof SCHEMES];
}
