// Certificates and addresses as people write them: PEM text (RFC 7468) and IP
// address literals, turned into the bytes the engine takes.
import { isIP } from 'node:net';

/**
 * The DER of every CERTIFICATE block in a PEM text (RFC 7468 §5). Throws a
 * RangeError naming the argument when there is none or a block's base64 is broken.
 */
export function pemCertificates(text: string, name: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
    const body = m[1].replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) {
      throw new RangeError(`${name} holds a PEM certificate whose base64 is broken`);
    }
    out.push(new Uint8Array(Buffer.from(body, 'base64')));
  }
  if (out.length === 0) throw new RangeError(`${name} holds no PEM "BEGIN CERTIFICATE" block`);
  return out;
}

/** The 4 or 16 bytes of an IPv4 or IPv6 literal (zone dropped, embedded IPv4 tail allowed), or null. */
export function ipAddressBytes(text: string): Uint8Array | null {
  const kind = isIP(text);
  if (kind === 4) return new Uint8Array(text.split('.').map(Number));
  if (kind !== 6) return null;
  let s = text.replace(/%.*$/, '');
  // An embedded IPv4 tail ("::ffff:1.2.3.4") becomes two hex groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    s = s.slice(0, v4.index) + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16);
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 0xff;
  });
  return out;
}
