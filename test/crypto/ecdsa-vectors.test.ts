// Published ECDSA verification vectors for P-256 and P-384: NIST CAVP
// SigVer.rsp ([P-256,SHA-256] and [P-384,SHA-384], every record) and a
// bounded subset of Project Wycheproof's ecdsa_secp256r1_sha256 and
// ecdsa_secp384r1_sha384 files (DER encodings, arithmetic edge cases, edge
// case public keys). Each vector is also run through node:crypto, so a
// transcription error shows up as a disagreement with OpenSSL.
import { readFileSync } from 'node:fs';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HashName } from '../../host/args.js';
import { ecdsaVerify, type CurveName } from '../../host/primitives/ec.js';

const SIZE: Record<CurveName, number> = { 'P-256': 32, 'P-384': 48 };
const HASH_LABEL: Partial<Record<HashName, string>> = { sha256: 'SHA-256', sha384: 'SHA-384' };

const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8'));

/** DER of a non-negative INTEGER given as big-endian hex (X.690 §8.3: minimal, 0x00 before a leading 1 bit). */
function derInteger(hexValue: string): Uint8Array {
  let b = unhex(hexValue);
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  b = b.subarray(i);
  if (b[0] & 0x80) b = Uint8Array.of(0, ...b);
  return Uint8Array.of(0x02, b.length, ...b);
}
/** ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3); short-form length, enough for P-384. */
function derSignature(r: string, s: string): Uint8Array {
  const body = [...derInteger(r), ...derInteger(s)];
  if (body.length > 127) throw new Error('signature body too long for a short-form length');
  return Uint8Array.of(0x30, body.length, ...body);
}

function nodeKey(curve: CurveName, point: Uint8Array) {
  const size = SIZE[curve];
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
  return createPublicKey({
    key: { kty: 'EC', crv: curve, x: b64(point.subarray(1, 1 + size)), y: b64(point.subarray(1 + size)) },
    format: 'jwk',
  });
}
const nodeVerifies = (curve: CurveName, hash: HashName, point: Uint8Array, msg: Uint8Array, der: Uint8Array) =>
  nodeVerify(hash, msg, { key: nodeKey(curve, point), dsaEncoding: 'der' }, der);

// ---- NIST CAVP SigVer.rsp ---------------------------------------------------

interface SigVerFile {
  source: string;
  sections: {
    section: string;
    curve: CurveName;
    hash: HashName;
    tests: { Msg: string; Qx: string; Qy: string; R: string; S: string; Result: string }[];
  }[];
}
const cavp = load<SigVerFile>('nist_cavp_ecdsa_sigver.json');

describe('NIST CAVP SigVer.rsp', () => {
  for (const { section, curve, hash, tests } of cavp.sections) {
    const cases = tests.map((t, i) => ({ ...t, record: i + 1, pass: t.Result.startsWith('P') }));

    it(`holds all 15 records of ${section}, three of them passing, as NIST publishes`, () => {
      expect(cases.length).toBe(15);
      expect(cases.filter((c) => c.pass).length).toBe(3);
      for (const c of cases) {
        expect(unhex(c.Qx).length).toBe(SIZE[curve]);
        expect(unhex(c.Qy).length).toBe(SIZE[curve]);
      }
    });

    it.each(cases)(
      `ecdsaVerify gives NIST's verdict on ${section} record $record (Result = $Result), as node:crypto does`,
      (c) => {
        const point = Uint8Array.of(0x04, ...unhex(c.Qx), ...unhex(c.Qy));
        const msg = unhex(c.Msg);
        const sig = derSignature(c.R, c.S);
        expect(nodeVerifies(curve, hash, point, msg, sig)).toBe(c.pass);
        expect(ecdsaVerify(curve, hash, point, msg, sig)).toBe(c.pass);
      },
    );
  }
});

// ---- Project Wycheproof ------------------------------------------------------

interface WycheproofFile {
  source: string;
  curve: CurveName;
  hash: HashName;
  testGroups: {
    publicKey: { uncompressed: string };
    tests: { tcId: number; comment: string; flags: string[]; msg: string; sig: string; result: 'valid' | 'invalid' | 'acceptable' }[];
  }[];
}

for (const name of ['wycheproof_ecdsa_p256_sha256.json', 'wycheproof_ecdsa_p384_sha384.json']) {
  const file = load<WycheproofFile>(name);
  const { curve, hash } = file;
  const cases = file.testGroups.flatMap((g) =>
    g.tests.map((t) => ({ ...t, point: g.publicKey.uncompressed, flagList: t.flags.join(', ') })),
  );

  describe(`Project Wycheproof ECDSA ${curve} with ${HASH_LABEL[hash]} (${name})`, () => {
    it('keeps every public key as a 0x04 uncompressed point and every tcId once', () => {
      for (const c of cases) {
        const point = unhex(c.point);
        expect(point.length).toBe(1 + 2 * SIZE[curve]);
        expect(point[0]).toBe(4);
      }
      expect(new Set(cases.map((c) => c.tcId)).size).toBe(cases.length);
    });

    const decided = cases.filter((c) => c.result !== 'acceptable');
    const acceptable = cases.filter((c) => c.result === 'acceptable');

    it.each(decided)(
      'ecdsaVerify returns Wycheproof\'s verdict on tcId $tcId ($result: $comment; $flagList), as node:crypto does',
      (c) => {
        const point = unhex(c.point);
        const msg = unhex(c.msg);
        const sig = unhex(c.sig);
        const expected = c.result === 'valid';
        expect(nodeVerifies(curve, hash, point, msg, sig)).toBe(expected);
        expect(ecdsaVerify(curve, hash, point, msg, sig)).toBe(expected);
      },
    );

    if (acceptable.length > 0) {
      it.each(acceptable)(
        'ecdsaVerify agrees with node:crypto on the "acceptable" tcId $tcId ($comment; $flagList), which Wycheproof leaves to the implementation',
        (c) => {
          const point = unhex(c.point);
          const msg = unhex(c.msg);
          const sig = unhex(c.sig);
          expect(ecdsaVerify(curve, hash, point, msg, sig)).toBe(nodeVerifies(curve, hash, point, msg, sig));
        },
      );
    }
  });
}
