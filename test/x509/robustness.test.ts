// The certificate parser never traps, never reads outside its input and
// always returns a verdict, whatever the bytes: random mutations and
// truncations of real certificates (openssl-made, with the extensions the
// parser reads) fed as leaf, intermediate and anchor (fast-check, bounded).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arena, engine } from '../../host/engine.js';
import { verifyCertificateChain } from '../../host/primitives/x509.js';
import { hasTool } from '../support/tools.js';
import { CA_EXT, Pki, type Cert } from './pki.js';

const NOW = Date.UTC(2025, 5, 1) / 1000;
const CODES = new Set([
  'MALFORMED', 'UNKNOWN_ISSUER', 'BAD_SIGNATURE', 'EXPIRED', 'NOT_YET_VALID', 'HOSTNAME_MISMATCH', 'NOT_A_CA',
  'PATH_TOO_LONG', 'BAD_KEY_USAGE', 'NAME_CONSTRAINT_VIOLATION', 'WEAK_ALGORITHM', 'UNSUPPORTED_ALGORITHM',
  'UNKNOWN_CRITICAL_EXTENSION',
]);

const enabled = hasTool('openssl', 'openssl');
const pki = enabled ? new Pki() : (undefined as unknown as Pki);
let root: Cert, int: Cert, leaf: Cert, rsaLeaf: Cert;

/** A mutation: flip bits, overwrite bytes, truncate, insert or delete a run. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(der: Uint8Array, ms: Mutation[]): Uint8Array {
  let out = der.slice();
  for (const m of ms) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === 'flip' && out.length) out[at] ^= 1 << m.bit;
    else if (m.kind === 'set' && out.length) out[at] = m.value;
    else if (m.kind === 'truncate') out = out.slice(0, at);
    else if (m.kind === 'insert') out = new Uint8Array([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
    else if (m.kind === 'delete') out = new Uint8Array([...out.subarray(0, at), ...out.subarray(at + m.count)]);
  }
  return out;
}

describe.skipIf(!enabled)('DER robustness', () => {
  beforeAll(() => {
    const k = pki.key('p256');
    root = pki.root('Fuzz Root', k);
    int = pki.issue('fint', {
      subject: '/C=NL/O=Ember/CN=Fuzz CA', key: k, issuer: root,
      ext: ['basicConstraints=critical,CA:TRUE,pathlen:2', 'keyUsage=critical,keyCertSign',
        'nameConstraints=critical,permitted;DNS:example.com,permitted;IP:10.0.0.0/255.0.0.0,excluded;DNS:bad.example.com',
        'extendedKeyUsage=serverAuth,clientAuth', 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid'],
    });
    leaf = pki.issue('fleaf', {
      subject: '/C=NL/O=Ember/CN=www.example.com', key: pki.key('p256'), issuer: int,
      ext: ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth', 'subjectAltName=DNS:www.example.com,DNS:*.example.com,IP:10.1.2.3,email:a@example.com'],
    });
    rsaLeaf = pki.issue('frsa', {
      subject: '/CN=rsa.example.com', key: pki.key('rsa2048'), issuer: int, ext: [...CA_EXT, 'subjectAltName=DNS:rsa.example.com'],
    });
    expect(verifyCertificateChain({ leaf: leaf.der, intermediates: [int.der], trustAnchors: [root.der], hostname: 'www.example.com', time: NOW, purpose: 'serverAuth' }).ok).toBe(true);
  });
  afterAll(() => pki?.dispose());

  it('mutated leaf, intermediate or anchor always gives a verdict with a known code, never an exception', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('leaf', 'rsaLeaf', 'int', 'root'), fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (role, ms) => {
          const ders = { leaf: leaf.der, rsaLeaf: rsaLeaf.der, int: int.der, root: root.der };
          const victim = mutate(ders[role as keyof typeof ders], ms);
          const useLeaf = role === 'leaf' || role === 'rsaLeaf' ? victim : leaf.der;
          const r = verifyCertificateChain({
            leaf: useLeaf, intermediates: [role === 'int' ? victim : int.der], trustAnchors: [role === 'root' ? victim : root.der],
            hostname: 'www.example.com', time: NOW, purpose: 'serverAuth',
          });
          if (!r.ok) {
            expect(CODES.has(r.code)).toBe(true);
            expect(r.message.length).toBeGreaterThan(10);
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it('random bytes given straight to the engine return 0, 1 or 8 and leave it usable', () => {
    const ctx = arena.output;
    const mem = () => new Uint8Array(engine.memory.buffer);
    try {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2048 }), fc.boolean(), (bytes, asAnchor) => {
          expect(engine.x509Begin(ctx, engine.x509CtxSize(), 0, 0, 0, 0, BigInt(NOW) as unknown as number, 1)).toBe(0);
          mem().set(bytes, arena.input);
          const r = asAnchor
            ? engine.x509AddTrustAnchor(ctx, arena.input, bytes.length)
            : engine.x509AddCertificate(ctx, arena.input, bytes.length);
          expect([0, 1, 8]).toContain(r);
          expect(engine.x509Finish(ctx)).toBeGreaterThan(0);
        }),
        { numRuns: 300 },
      );
      // Every prefix of a real certificate but the whole is malformed.
      for (let n = 0; n < leaf.der.length; n++) {
        engine.x509Begin(ctx, engine.x509CtxSize(), 0, 0, 0, 0, BigInt(NOW) as unknown as number, 1);
        mem().fill(0, arena.input, arena.input + leaf.der.length);
        mem().set(leaf.der.subarray(0, n), arena.input);
        expect(engine.x509AddCertificate(ctx, arena.input, n)).toBe(1);
      }
    } finally {
      mem().fill(0, arena.ctx, arena.end);
    }
  });
});
