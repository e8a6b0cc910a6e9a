// Just enough DER (ITU-T X.690) to write the demo's X.509 certificates
// (RFC 5280 §4.1): tag-length-value, integers, object identifiers, names,
// times, bit and octet strings.
import { concat } from '../bytes.js';

export function tlv(tag: number, ...body: Uint8Array[]): Uint8Array {
  const content = concat(body);
  const n = content.length;
  // X.690 §8.1.3: short form below 128, else 0x80 | count of length bytes.
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return concat([Uint8Array.of(tag, ...length), content]);
}

export const seq = (...body: Uint8Array[]) => tlv(0x30, ...body);
export const set = (...body: Uint8Array[]) => tlv(0x31, ...body);
export const explicit = (n: number, ...body: Uint8Array[]) => tlv(0xa0 | n, ...body);
export const octets = (bytes: Uint8Array) => tlv(0x04, bytes);
export const bits = (bytes: Uint8Array, unused = 0) => tlv(0x03, Uint8Array.of(unused), bytes);
export const bool = (value: boolean) => tlv(0x01, Uint8Array.of(value ? 0xff : 0));

/** A non-negative INTEGER from big-endian bytes (a leading zero keeps it positive). */
export function uint(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, trimmed[0] & 0x80 ? concat([Uint8Array.of(0), trimmed]) : trimmed);
}

export function oid(dotted: string): Uint8Array {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) base128.unshift(0x80 | (v & 0x7f));
    out.push(...base128);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** A Name with one commonName (RFC 5280 §4.1.2.4). */
export const name = (commonName: string) => seq(set(seq(oid('2.5.4.3'), tlv(0x0c, new TextEncoder().encode(commonName)))));

/** UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5). */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const text = new TextEncoder().encode(`${date.getUTCFullYear() < 2050 ? iso.slice(2) : iso}Z`);
  return tlv(date.getUTCFullYear() < 2050 ? 0x17 : 0x18, text);
}
