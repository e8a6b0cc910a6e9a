// What every AES-GCM entry point of the engine must satisfy, whichever build
// and whichever API drives it: the published vectors, agreement with other
// implementations on random inputs and on every length from 0 to 300, and a
// tag with any single bit flipped rejected. gcm.test.ts runs it on the host
// functions (the 64-bit speed build), gcm-size.test.ts on the size build's
// one-shot exports (the 32-bit path the boards run).
import { createCipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';

export interface GcmVector { name: string; key: string; iv: string; pt: string; aad: string; ct: string; tag: string }
export interface BlockVector { name: string; key: string; pt: string; ct: string }

export type Seal = (key: Uint8Array, nonce: Uint8Array, pt: Uint8Array, aad: Uint8Array) => Uint8Array;
export type Open = (key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array) => Uint8Array | null;

export function vectors<T>(file: string): { source: string; vectors: T[] } {
  return JSON.parse(readFileSync(new URL(`../vectors/${file}`, import.meta.url), 'utf8'));
}
export const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
export const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
export const rand = (n: number) => new Uint8Array(randomBytes(n));

export const nodeSeal: Seal = (key, nonce, pt, aad) => {
  const c = createCipheriv(key.length === 16 ? 'aes-128-gcm' : 'aes-256-gcm', key, nonce);
  c.setAAD(aad);
  return new Uint8Array(Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]));
};

const VECTOR_FILES = [
  ['gcm_spec_mcgrew_viega.json', 'McGrew & Viega GCM spec'],
  ['nist_gcm_128.json', 'NIST CAVP gcmEncryptExtIV128'],
  ['nist_gcm_256.json', 'NIST CAVP gcmEncryptExtIV256'],
] as const;

/**
 * Registers the specification for one implementation. oracles are the other
 * implementations its seal must equal byte for byte (node:crypto at least).
 */
export function describeGcmSpecification(label: string, seal: Seal, open: Open, oracles: Array<[string, Seal]>): void {
  const names = oracles.map(([name]) => name).join(' and ');
  const agrees = (key: Uint8Array, nonce: Uint8Array, pt: Uint8Array, aad: Uint8Array) => {
    const sealed = seal(key, nonce, pt, aad);
    for (const [, oracle] of oracles) expect(toHex(sealed)).toBe(toHex(oracle(key, nonce, pt, aad)));
    expect(toHex(open(key, nonce, sealed, aad)!)).toBe(toHex(pt));
  };

  describe(`AES-GCM known answers (${label})`, () => {
    for (const [file, source] of VECTOR_FILES) {
      for (const v of vectors<GcmVector>(file).vectors) {
        it(`seal and open reproduce ${source} ${v.name}`, () => {
          const sealed = seal(hex(v.key), hex(v.iv), hex(v.pt), hex(v.aad));
          expect(toHex(sealed)).toBe(v.ct + v.tag);
          expect(toHex(open(hex(v.key), hex(v.iv), sealed, hex(v.aad))!)).toBe(v.pt);
        });
      }
    }
  });

  describe(`AES-GCM against ${names} (${label})`, () => {
    it(`seal matches ${names} on random keys, nonces, AAD and plaintexts of 0 to 4096 bytes`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(16, 32),
          fc.uint8Array({ minLength: 12, maxLength: 12 }),
          fc.uint8Array({ maxLength: 4096 }),
          fc.uint8Array({ maxLength: 300 }),
          (keyLen, nonce, pt, aad) => agrees(rand(keyLen), nonce, pt, aad),
        ),
        { numRuns: 150 },
      );
    });

    it(`seal matches ${names} for every plaintext and AAD length from 0 to 300 bytes`, () => {
      for (let n = 0; n <= 300; n++) agrees(rand(n % 2 === 0 ? 16 : 32), rand(12), rand(n), rand(300 - n));
    });

    it('open() rejects a tag with any single bit flipped', () => {
      const key = rand(16);
      const nonce = rand(12);
      const aad = rand(21);
      const sealed = seal(key, nonce, rand(45), aad);
      for (let bit = 45 * 8; bit < sealed.length * 8; bit++) {
        const bad = sealed.slice();
        bad[bit >> 3] ^= 1 << (bit & 7);
        expect(open(key, nonce, bad, aad)).toBeNull();
      }
    });
  });
}
