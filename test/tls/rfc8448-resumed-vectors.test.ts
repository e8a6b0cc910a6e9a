// The RFC 8448 §4 "Resumed 0-RTT Handshake" trace (test/vectors/rfc8448_resumed.json),
// checked value by value against node:crypto alone: every secret is derived
// again from the §3 session's resumption secret, the PSK binder is
// recomputed over the truncated ClientHello, and every record opens under
// the keys the trace gives. A transcription error therefore fails here, not
// in the engine's PSK tests that will use these values. (The engine sends no
// 0-RTT data; its psk_dhe_ke resumption shares everything up to the binder
// and from ServerHello on.)
import { createHash, createHmac, createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeDeriveSecret, nodeExpandLabel, nodeExtract, nodeOpenRecord } from '../support/tls13-node.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8')) as Record<string, any>;
const R = load('rfc8448_resumed.json');
const S3 = load('rfc8448_simple_1rtt.json');
const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const EMPTY = new Uint8Array(0);
const ZEROS = new Uint8Array(32);

const CH = hex(R.client_hello);
const SH = hex(R.server_hello);

/** X25519 (RFC 7748) through node:crypto's JWK import (RFC 8037 §2): the public key, or the shared secret with peer. */
function x25519(privateKey: Uint8Array, peer?: Uint8Array): Uint8Array {
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
  // node derives the public key from d; the x the JWK form requires is not used for that.
  const priv = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: b64(ZEROS), d: b64(privateKey) }, format: 'jwk' });
  if (!peer) return new Uint8Array(Buffer.from(createPublicKey(priv).export({ format: 'jwk' }).x!, 'base64url'));
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64(peer) }, format: 'jwk' });
  return new Uint8Array(diffieHellman({ privateKey: priv, publicKey }));
}

function trafficKeys(secret: Uint8Array): { key: Uint8Array; iv: Uint8Array } {
  return { key: nodeExpandLabel('sha256', secret, 'key', EMPTY, 16), iv: nodeExpandLabel('sha256', secret, 'iv', EMPTY, 12) };
}

/** The handshake messages in a decrypted record's content (type, 24-bit length, body). */
function messages(content: Uint8Array): Uint8Array[] {
  const out = [];
  for (let at = 0; at < content.length;) {
    const len = 4 + ((content[at + 1] << 16) | (content[at + 2] << 8) | content[at + 3]);
    out.push(content.subarray(at, at + len));
    at += len;
  }
  return out;
}

describe('RFC 8448 §4 (Resumed 0-RTT Handshake) vectors, checked against node:crypto', () => {
  const earlySecret = nodeExtract('sha256', ZEROS, hex(R.psk));
  const handshakeSecret = nodeExtract('sha256', nodeDeriveSecret('sha256', earlySecret, 'derived', EMPTY),
    x25519(hex(R.client_private), hex(R.server_public)));
  const early = trafficKeys(hex(R.c_e_traffic));
  const serverHs = trafficKeys(hex(R.s_hs_traffic));
  const clientHs = trafficKeys(hex(R.c_hs_traffic));
  const serverFlight = nodeOpenRecord(hex(R.server_flight_record), serverHs.key, serverHs.iv, 0);
  const [ee, serverFinished] = messages(serverFlight.content);
  const eoed = nodeOpenRecord(hex(R.end_of_early_data_record), early.key, early.iv, 1).content;

  it('the PSK is §3\'s resumption secret for ticket_nonce 0 (HKDF-Expand-Label(res_master, "resumption", 0x0000))', () => {
    expect(R.psk).toBe(S3.resumption_psk_nonce_0000);
    expect(toHex(nodeExpandLabel('sha256', hex(S3.res_master), 'resumption', hex('0000'), 32))).toBe(R.psk);
  });

  it('the early secret, binder key and binder finished key follow from the PSK (§7.1, §4.2.11.2)', () => {
    expect(toHex(earlySecret)).toBe(R.early_secret);
    expect(toHex(nodeDeriveSecret('sha256', earlySecret, 'res binder', EMPTY))).toBe(R.binder_key);
    expect(toHex(nodeExpandLabel('sha256', hex(R.binder_key), 'finished', EMPTY, 32))).toBe(R.binder_finished_key);
  });

  it('the binder is HMAC(binder finished key, Hash(ClientHello up to the binders list)) and ends the ClientHello (§4.2.11.2)', () => {
    // PskBinderEntry binders<33..2^16-1>: 2-byte list length, 1-byte binder length, 32 bytes.
    expect(CH.length - 2 - 1 - 32).toBe(R.client_hello_prefix_len);
    const prefix = CH.subarray(0, R.client_hello_prefix_len);
    expect(toHex(sha256(prefix))).toBe(R.binder_hash);
    expect(toHex(createHmac('sha256', hex(R.binder_finished_key)).update(hex(R.binder_hash)).digest())).toBe(R.binder);
    expect(toHex(CH.subarray(CH.length - 35))).toBe('0021' + '20' + R.binder);
    expect(toHex(hex(R.client_hello_record_header))).toBe('1603010200');
  });

  it('both key shares are the public keys of the private keys, in the ClientHello and ServerHello', () => {
    expect(toHex(x25519(hex(R.client_private)))).toBe(R.client_public);
    expect(toHex(x25519(hex(R.server_private)))).toBe(R.server_public);
    expect(R.client_hello).toContain('001d0020' + R.client_public);
    expect(R.server_hello).toContain('001d0020' + R.server_public);
  });

  it('the early traffic secret, early exporter secret and early keys follow from Hash(ClientHello), and the 0-RTT record opens', () => {
    expect(toHex(nodeDeriveSecret('sha256', earlySecret, 'c e traffic', CH))).toBe(R.c_e_traffic);
    expect(toHex(nodeDeriveSecret('sha256', earlySecret, 'e exp master', CH))).toBe(R.e_exp_master);
    expect(toHex(early.key)).toBe(R.early_key);
    expect(toHex(early.iv)).toBe(R.early_iv);
    const { type, content } = nodeOpenRecord(hex(R.client_early_record), early.key, early.iv, 0);
    expect(type).toBe(23);
    expect(toHex(content)).toBe(R.early_data);
  });

  it('the handshake secrets and the server\'s handshake keys follow from the x25519 shared secret (§7.1)', () => {
    expect(toHex(nodeDeriveSecret('sha256', earlySecret, 'derived', EMPTY))).toBe(R.derived_early);
    expect(toHex(handshakeSecret)).toBe(R.handshake_secret);
    expect(toHex(nodeDeriveSecret('sha256', handshakeSecret, 'c hs traffic', cat(CH, SH)))).toBe(R.c_hs_traffic);
    expect(toHex(nodeDeriveSecret('sha256', handshakeSecret, 's hs traffic', cat(CH, SH)))).toBe(R.s_hs_traffic);
    expect(toHex(serverHs.key)).toBe(R.server_hs_key);
    expect(toHex(serverHs.iv)).toBe(R.server_hs_iv);
    expect(toHex(hex(R.server_hello_record_header))).toBe('1603030060');
  });

  it('the server\'s flight is EncryptedExtensions and a Finished that verifies, with no Certificate (§4.4.4)', () => {
    expect(serverFlight.type).toBe(22);
    expect(toHex(ee)).toBe(R.encrypted_extensions);
    expect(toHex(serverFinished)).toBe(R.server_finished);
    const key = nodeExpandLabel('sha256', hex(R.s_hs_traffic), 'finished', EMPTY, 32);
    expect(toHex(serverFinished.subarray(4))).toBe(toHex(createHmac('sha256', key).update(sha256(cat(CH, SH, ee))).digest()));
  });

  it('the application secrets follow from the master secret over ClientHello..server Finished', () => {
    const master = nodeExtract('sha256', nodeDeriveSecret('sha256', handshakeSecret, 'derived', EMPTY), ZEROS);
    const transcript = cat(CH, SH, ee, serverFinished);
    expect(toHex(nodeDeriveSecret('sha256', master, 'c ap traffic', transcript))).toBe(R.c_ap_traffic);
    expect(toHex(nodeDeriveSecret('sha256', master, 's ap traffic', transcript))).toBe(R.s_ap_traffic);
    expect(toHex(nodeDeriveSecret('sha256', master, 'exp master', transcript))).toBe(R.exp_master);
    const serverAp = trafficKeys(hex(R.s_ap_traffic));
    expect(toHex(serverAp.key)).toBe(R.server_ap_key);
    expect(toHex(serverAp.iv)).toBe(R.server_ap_iv);
  });

  it('EndOfEarlyData goes under the early keys (sequence 1), then the client Finished under the handshake keys verifies over it', () => {
    expect(toHex(eoed)).toBe('05000000');
    const { type, content } = nodeOpenRecord(hex(R.client_finished_record), clientHs.key, clientHs.iv, 0);
    expect(type).toBe(22);
    const key = nodeExpandLabel('sha256', hex(R.c_hs_traffic), 'finished', EMPTY, 32);
    const mac = createHmac('sha256', key).update(sha256(cat(CH, SH, ee, serverFinished, eoed))).digest();
    expect(toHex(content)).toBe('14000020' + toHex(mac));
  });

  it('the application data records open to §3\'s 50 bytes and the alerts to close_notify, both ways', () => {
    const clientAp = trafficKeys(hex(R.c_ap_traffic));
    const serverAp = trafficKeys(hex(R.s_ap_traffic));
    expect(nodeOpenRecord(hex(R.client_app_record), clientAp.key, clientAp.iv, 0)).toEqual({ type: 23, content: hex(S3.application_data) });
    expect(nodeOpenRecord(hex(R.server_app_record), serverAp.key, serverAp.iv, 0)).toEqual({ type: 23, content: hex(S3.application_data) });
    expect(nodeOpenRecord(hex(R.client_alert_record), clientAp.key, clientAp.iv, 1)).toEqual({ type: 21, content: hex('0100') });
    expect(nodeOpenRecord(hex(R.server_alert_record), serverAp.key, serverAp.iv, 1)).toEqual({ type: 21, content: hex('0100') });
  });
});
