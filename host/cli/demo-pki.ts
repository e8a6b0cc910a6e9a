// The certificates `embertls start` uses: a CA and a localhost server
// certificate (ECDSA P-256, the device-friendly choice), made with
// node:crypto and written at first run into the package's build/demo-pki/
// (or EMBERTLS_DEMO_PKI), then reused. No openssl needed.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bits, bool, explicit, name, octets, oid, seq, time, tlv, uint } from './der.js';

export interface DemoPki {
  dir: string;
  caFile: string;
  caPem: string;
  certPem: string;
  keyPem: string;
  /** Whether this run made them (first run). */
  created: boolean;
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const extension = (id: string, critical: boolean, value: Uint8Array) =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
function keyId(spki: Uint8Array): Uint8Array {
  // The BIT STRING is the SPKI's last element: for P-256 the 65-byte point.
  return createHash('sha1').update(spki.subarray(spki.length - 65)).digest();
}

function certificate(o: { subject: string; issuer: string; key: KeyObject; signer: KeyObject; issuerKeyId: Uint8Array; ca: boolean; years: number }): string {
  const spki = new Uint8Array(o.key.export({ type: 'spki', format: 'der' }));
  const from = new Date(Date.now() - 3600_000);
  const to = new Date(from.getTime() + o.years * 365 * 86400_000);
  const extensions = o.ca
    ? [extension('2.5.29.19', true, seq(bool(true))), extension('2.5.29.15', true, bits(Uint8Array.of(0x06), 1))]
    : [
        extension('2.5.29.19', true, seq()),
        extension('2.5.29.15', true, bits(Uint8Array.of(0x80), 7)),
        extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))),
        // dNSName localhost, iPAddress 127.0.0.1 (RFC 5280 §4.2.1.6).
        extension('2.5.29.17', false, seq(tlv(0x82, new TextEncoder().encode('localhost')), tlv(0x87, Uint8Array.of(127, 0, 0, 1)))),
      ];
  extensions.push(extension('2.5.29.14', false, octets(keyId(spki))));
  extensions.push(extension('2.5.29.35', false, seq(tlv(0x80, o.issuerKeyId))));
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const tbs = seq(explicit(0, uint(Uint8Array.of(2))), uint(serial), ECDSA_SHA256, name(o.issuer), seq(time(from), time(to)),
    name(o.subject), spki, explicit(3, seq(...extensions)));
  const signature = sign('sha256', tbs, o.signer);
  const der = seq(tbs, ECDSA_SHA256, bits(new Uint8Array(signature)));
  return `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
}

/** The package's build/demo-pki, wherever the command is run from. */
const DEFAULT_DIR = fileURLToPath(new URL('../../build/demo-pki', import.meta.url));

export function demoPki(dir = process.env.EMBERTLS_DEMO_PKI ?? DEFAULT_DIR): DemoPki {
  const files = { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server.key') };
  const created = !Object.values(files).every((f) => existsSync(f));
  if (created) {
    mkdirSync(dir, { recursive: true });
    const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const server = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const caId = keyId(new Uint8Array(ca.publicKey.export({ type: 'spki', format: 'der' })));
    writeFileSync(files.caFile, certificate({ subject: 'EmberTLS Demo CA', issuer: 'EmberTLS Demo CA', key: ca.publicKey, signer: ca.privateKey, issuerKeyId: caId, ca: true, years: 10 }));
    writeFileSync(files.certFile, certificate({ subject: 'localhost', issuer: 'EmberTLS Demo CA', key: server.publicKey, signer: ca.privateKey, issuerKeyId: caId, ca: false, years: 2 }));
    writeFileSync(files.keyFile, server.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return {
    dir,
    caFile: files.caFile,
    caPem: readFileSync(files.caFile, 'utf8'),
    certPem: readFileSync(files.certFile, 'utf8'),
    keyPem: readFileSync(files.keyFile, 'utf8'),
    created,
  };
}
