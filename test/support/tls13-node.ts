// TLS 1.3's key schedule and record protection built on node:crypto alone
// (RFC 8446 §7.1, §7.3, §5.2): the second opinion the RFC 8448 tests check
// the engine and the transcribed vectors against.
import { createDecipheriv, createHash, createHmac } from 'node:crypto';

const ascii = (s: string) => new TextEncoder().encode(s);

/** HKDF-Expand (RFC 5869 §2.3): node:crypto's hkdf always extracts first, so this chains HMAC itself. */
export function hkdfExpandOnly(hash: string, prk: Uint8Array, info: Uint8Array, len: number): Uint8Array {
  let t = Buffer.alloc(0);
  const out: Buffer[] = [];
  for (let i = 1; Buffer.concat(out).length < len; i++) {
    t = createHmac(hash, prk).update(Buffer.concat([t, info, Buffer.from([i])])).digest();
    out.push(t);
  }
  return new Uint8Array(Buffer.concat(out).subarray(0, len));
}

/** HKDF-Extract (RFC 5869 §2.2); an empty salt means HashLen zeros. */
export function nodeExtract(hash: string, salt: Uint8Array, ikm: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac(hash, salt).update(ikm).digest());
}

/** HKDF-Expand-Label (RFC 8446 §7.1). */
export function nodeExpandLabel(hash: string, secret: Uint8Array, label: string, context: Uint8Array, len: number): Uint8Array {
  const full = ascii(`tls13 ${label}`);
  const info = Buffer.concat([Buffer.from([len >> 8, len & 0xff, full.length]), full, Buffer.from([context.length]), context]);
  return hkdfExpandOnly(hash, secret, info, len);
}

/** Derive-Secret(secret, label, messages) (RFC 8446 §7.1), messages given whole. */
export function nodeDeriveSecret(hash: string, secret: Uint8Array, label: string, messages: Uint8Array): Uint8Array {
  const digest = new Uint8Array(createHash(hash).update(messages).digest());
  return nodeExpandLabel(hash, secret, label, digest, digest.length);
}

/**
 * Opens a TLS 1.3 AES-128-GCM record (header included) sealed with key and
 * iv at sequence number seq (§5.2, §5.3). Returns the inner content type and
 * the content, padding removed; throws when the tag does not verify.
 */
export function nodeOpenRecord(record: Uint8Array, key: Uint8Array, iv: Uint8Array, seq: number): { type: number; content: Uint8Array } {
  const nonce = Buffer.from(iv);
  for (let i = 0; i < 8; i++) nonce[11 - i] ^= Number((BigInt(seq) >> BigInt(8 * i)) & 0xffn);
  const body = record.subarray(5);
  const decipher = createDecipheriv('aes-128-gcm', key, nonce, { authTagLength: 16 });
  decipher.setAAD(record.subarray(0, 5));
  decipher.setAuthTag(body.subarray(body.length - 16));
  const inner = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
  let n = inner.length;
  while (n > 0 && inner[n - 1] === 0) n--;
  return { type: inner[n - 1], content: new Uint8Array(inner.subarray(0, n - 1)) };
}
