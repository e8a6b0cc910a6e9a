// The validator context's shape (assembly/x509/chain.ts, "Budget"): its size
// picks how many of the peer's certificates and how many trust anchors it
// keeps: 8 + 8 from x509CtxFullMinSize() bytes, 3 + 2 from x509CtxMinSize().
// These cases drive the engine's exports directly, with any context size, over
// certificates that openssl makes at test time (test/x509/pki.ts).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arena, engine } from '../../host/engine.js';
import { hasTool } from '../support/tools.js';
import { CA_EXT, Pki, type Cert } from './pki.js';

/** 2025-06-01T00:00:00Z, inside every certificate's validity. */
const NOW = BigInt(Date.UTC(2025, 5, 1) / 1000) as unknown as number;
const SERVER_AUTH = 1;
const X509 = { OK: 0, UNKNOWN_ISSUER: 2, PATH_TOO_LONG: 8, NAME_CONSTRAINT_VIOLATION: 10, BAD_ARGUMENT: 14 } as const;
const REASON = { AnchorsOverBudget: 4, ChainOverBudget: 7, TooManyNames: 14 } as const;

const enabled = hasTool('openssl', 'openssl');
const pki = enabled ? new Pki() : (undefined as unknown as Pki);
const c: Record<string, Cert> = {};

function leafExt(san: string): string[] {
  return ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth', `subjectAltName=${san}`];
}

function build(): void {
  const rootKey = pki.key('p256');
  const caKey = pki.key('p256');
  const leafKey = pki.key('p256');
  c.root = pki.root('Shape Root', rootKey);
  c.direct = pki.issue('direct', { subject: '/CN=direct', key: leafKey, issuer: c.root, ext: leafExt('DNS:www.example.com') });
  // root -> I1 -> I2 -> I3, with a leaf under I1 (a path of 3) and one under I3 (the peer sends 4).
  let up = c.root;
  for (let i = 1; i <= 3; i++) up = c[`I${i}`] = pki.issue(`I${i}`, { subject: `/CN=Shape ${i}`, key: caKey, issuer: up, ext: CA_EXT });
  c.leaf1 = pki.issue('leaf1', { subject: '/CN=leaf1', key: leafKey, issuer: c.I1, ext: leafExt('DNS:www.example.com') });
  c.leaf3 = pki.issue('leaf3', { subject: '/CN=leaf3', key: leafKey, issuer: c.I3, ext: leafExt('DNS:www.example.com') });
  // Two roots with the real root's name and another key: anchors that match the issuer name and are not it.
  const fakeKey = pki.key('p256');
  for (let i = 0; i < 2; i++) c[`fake${i}`] = pki.issue(`fake${i}`, { subject: '/CN=Shape Root', key: fakeKey, ext: CA_EXT });
  c.other = pki.root('Unrelated Root', pki.key('p256'));
  // A name-constrained CA and a leaf with 24 DNS names (about 750 bytes of names: over 512, under 1024).
  c.nc = pki.issue('nc', { subject: '/CN=Shape NC', key: caKey, issuer: c.root, ext: [...CA_EXT, 'nameConstraints=critical,permitted;DNS:example.com'] });
  const many = Array.from({ length: 24 }, (_, i) => `DNS:host-number-${i}.example.com`).join(',');
  c.manyNames = pki.issue('manyNames', { subject: '/CN=many', key: leafKey, issuer: c.nc, ext: leafExt(many) });
}

interface Run {
  verdict: number;
  reason: number;
  path: number;
  slots: number;
  /** What each add call returned: the peer's certificates, then the anchors. */
  added: number[];
  anchors: number[];
}

/** One validation in a context of `size` bytes; anchorsFirst is the TLS client's order (anchors at configuration). */
function validate(size: number, peer: Cert[], anchors: Cert[], anchorsFirst = false): Run {
  const ctx = arena.output;
  const mem = () => new Uint8Array(engine.memory.buffer);
  const add = (fn: (ctx: number, der: number, len: number) => number, cert: Cert) => {
    mem().set(cert.der, arena.input);
    return fn(ctx, arena.input, cert.der.length);
  };
  try {
    expect(engine.x509Begin(ctx, size, 0, 0, 0, 0, NOW, SERVER_AUTH)).toBe(X509.OK);
    const addPeer = () => peer.map((cert) => add(engine.x509AddCertificate, cert));
    const addAnchors = () => anchors.map((cert) => add(engine.x509AddTrustAnchor, cert));
    let anchorResults = anchorsFirst ? addAnchors() : [];
    const added = addPeer();
    if (!anchorsFirst) anchorResults = addAnchors();
    const verdict = engine.x509Finish(ctx);
    return {
      verdict, reason: engine.x509ErrorReason(ctx), path: engine.x509PathLength(ctx), slots: engine.x509Slots(ctx),
      added, anchors: anchorResults,
    };
  } finally {
    mem().fill(0, arena.ctx, arena.end);
  }
}

const SMALL = 3 | (2 << 8);
const FULL = 8 | (8 << 8);

describe.skipIf(!enabled)('the validator context: its size picks how many certificates and anchors it keeps', () => {
  beforeAll(build);
  afterAll(() => pki.dispose());

  it('the sizes: 2,452 bytes at least, the full shape from 5,408 (the old minimum), 15,136 the full budget', () => {
    expect(engine.x509CtxMinSize()).toBe(2452);
    expect(engine.x509CtxFullMinSize()).toBe(5408);
    expect(engine.x509CtxSize()).toBe(15136);
    expect(engine.x509Budget()).toBe(FULL);
  });

  it('embertls.h states the same sizes to firmware', () => {
    const header = readFileSync(new URL('../../boards/runtime/embertls.h', import.meta.url), 'utf8');
    const define = (name: string) => Number(header.match(new RegExp(`#define ${name} (\\d+)u`))?.[1]);
    expect(define('EMBER_TLS_VERIFIER_MIN')).toBe(engine.x509CtxMinSize());
    expect(define('EMBER_TLS_VERIFIER_FULL')).toBe(engine.x509CtxFullMinSize());
    expect(define('EMBER_TLS_VERIFIER_MAX')).toBe(engine.x509CtxSize());
  });

  it('no size below x509CtxMinSize() is accepted', () => {
    const ctx = arena.output;
    try {
      for (let size = 0; size < engine.x509CtxMinSize(); size++) {
        expect(engine.x509Begin(ctx, size, 0, 0, 0, 0, NOW, SERVER_AUTH), `size ${size}`).toBe(X509.BAD_ARGUMENT);
      }
      expect(engine.x509AddCertificate(ctx, arena.input, 0)).toBe(X509.BAD_ARGUMENT); // never begun
    } finally {
      new Uint8Array(engine.memory.buffer).fill(0, arena.ctx, arena.end);
    }
  });

  it('a minimal context validates a P-256 chain of 2 (leaf, root anchor)', () => {
    const r = validate(engine.x509CtxMinSize(), [c.direct], [c.root]);
    expect(r).toMatchObject({ verdict: X509.OK, path: 2, slots: SMALL });
  });

  it('a minimal context validates a P-256 chain of 3 (leaf, intermediate, root anchor)', () => {
    const r = validate(engine.x509CtxMinSize(), [c.leaf1, c.I1], [c.root]);
    expect(r).toMatchObject({ verdict: X509.OK, path: 3, slots: SMALL });
  });

  it('every size from the minimum to the full budget validates the same chain, with 3 + 2 slots below 5,408 and 8 + 8 from it', () => {
    const min = engine.x509CtxMinSize();
    const full = engine.x509CtxFullMinSize();
    const sizes = new Set([min, min + 1, full - 1, full, full + 1, engine.x509CtxSize()]);
    for (let size = min; size <= engine.x509CtxSize(); size += 61) sizes.add(size);
    for (const size of sizes) {
      const r = validate(size, [c.leaf1, c.I1], [c.root]);
      expect(r, `size ${size}`).toMatchObject({ verdict: X509.OK, path: 3, slots: size < full ? SMALL : FULL });
    }
  });

  it('a 4th peer certificate in a 3-slot context is dropped: PATH_TOO_LONG (over budget) when the path needed it', () => {
    const small = engine.x509CtxFullMinSize() - 1; // room in the pool: only the slots run out
    const r = validate(small, [c.leaf3, c.I3, c.I2, c.I1], [c.root]);
    expect(r.added).toEqual([X509.OK, X509.OK, X509.OK, X509.PATH_TOO_LONG]);
    expect(r).toMatchObject({ verdict: X509.PATH_TOO_LONG, reason: REASON.ChainOverBudget, path: 0 });
    expect(validate(engine.x509CtxSize(), [c.leaf3, c.I3, c.I2, c.I1], [c.root])).toMatchObject({ verdict: X509.OK, path: 5 });
  });

  it('a 4th peer certificate the path does not need is dropped and the chain still validates', () => {
    const r = validate(engine.x509CtxFullMinSize() - 1, [c.leaf1, c.I1, c.I2, c.I3], [c.root]);
    expect(r.added[3]).toBe(X509.PATH_TOO_LONG);
    expect(r).toMatchObject({ verdict: X509.OK, path: 3 });
  });

  it('a 3rd anchor added before the peer\'s certificates (the TLS client\'s order) is refused; UNKNOWN_ISSUER when it was the one', () => {
    const small = engine.x509CtxFullMinSize() - 1;
    const refused = validate(small, [c.leaf1, c.I1], [c.other, c.fake0, c.root], true);
    expect(refused.anchors).toEqual([X509.OK, X509.OK, X509.PATH_TOO_LONG]);
    expect(refused).toMatchObject({ verdict: X509.UNKNOWN_ISSUER, reason: REASON.AnchorsOverBudget });
    expect(validate(small, [c.leaf1, c.I1], [c.root, c.other, c.fake0], true)).toMatchObject({ verdict: X509.OK, path: 3 });
  });

  it('anchors added after the peer\'s certificates: any number may be offered, only those that issued one are kept', () => {
    const min = engine.x509CtxMinSize();
    const many = [c.other, c.I2, c.I3, c.nc, c.root];
    expect(validate(min, [c.leaf1, c.I1], many)).toMatchObject({ verdict: X509.OK, path: 3, anchors: [0, 0, 0, 0, 0] });
    // Two roots with the issuer's name and another key fill both anchor slots: the real one is dropped.
    const over = validate(engine.x509CtxFullMinSize() - 1, [c.leaf1, c.I1], [c.fake0, c.fake1, c.root]);
    expect(over.anchors).toEqual([X509.OK, X509.OK, X509.PATH_TOO_LONG]);
    expect(over).toMatchObject({ verdict: X509.UNKNOWN_ISSUER, reason: REASON.AnchorsOverBudget });
  });

  it('the small shape keeps 512 bytes of the leaf\'s names: more fail closed under name constraints, as over 1024 in the full shape', () => {
    const small = validate(engine.x509CtxFullMinSize() - 1, [c.manyNames, c.nc], [c.root]);
    expect(small).toMatchObject({ verdict: X509.NAME_CONSTRAINT_VIOLATION, reason: REASON.TooManyNames });
    expect(validate(engine.x509CtxSize(), [c.manyNames, c.nc], [c.root])).toMatchObject({ verdict: X509.OK, path: 3 });
  });
});
