// Constant time, checked by a tool (issue 7 part 2): the engine's wasm2c
// translation, compiled natively with -g, runs each secret path under
// valgrind memcheck with the secret bytes marked undefined (boards/ct/,
// scripts/ct.mjs). A conditional jump or a memory address that depends on a
// secret is a finding. Two positive controls, engine code that leaks on
// purpose, must be flagged: they prove memcheck sees through the translation.
//
// Each path's outputs are also checked against node:crypto / @noble, so a
// clean path is one that really computed its result.
//
// Profiles: the boards' speed (-O3 wasm, -O2 C) and size (-Oz wasm, -Os C)
// builds. Node's 64-bit AES-GCM build is checked by `npm run ct:valgrind`
// (all profiles), kept out of here for the time its build takes.
import { createCipheriv, createHash, createHmac, createPublicKey, hkdfSync, verify } from 'node:crypto';
import { x25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from './support/tools.js';
// @ts-expect-error: plain ESM script, no type declarations
import { buildCtHarness, ctPaths, runCtPath } from '../scripts/ct.mjs';

const PROFILES = ['speed', 'size'];
const CONTROLS = {
  'control-branch': 'Conditional jump or move depends on uninitialised value(s)',
  'control-lookup': 'Use of uninitialised value of size 8',
};
const AEADS = ['aes128-gcm', 'aes256-gcm', 'chacha20-poly1305'];
const PATHS = [
  ...AEADS.flatMap((a) => [`${a}-seal`, `${a}-open`]),
  'hmac-sha256', 'hmac-sha384', 'hmac-sha512', 'hkdf-sha256', 'hkdf-sha384',
  'tls13-key-schedule-sha256', 'tls13-key-schedule-sha384', 'tls13-resumption-sha256', 'tls13-resumption-sha384',
  'x25519', 'x25519-base', 'p256-public-key', 'ecdh-p256', 'ecdsa-p256-sign',
  // The same operations through embertls.h (boards/runtime's C API), labels prefixed by operation.
  'capi-aead', 'capi-mac', 'capi-pk',
];
const CAPI: Record<string, string[]> = {
  'capi-aead': AEADS.flatMap((a) => [`${a}-seal`, `${a}-open`]),
  'capi-mac': ['hmac-sha256', 'hmac-sha384', 'hmac-sha512', 'hkdf-sha256', 'hkdf-sha384'],
  'capi-pk': ['x25519', 'x25519-base', 'p256-public-key', 'ecdh-p256', 'ecdsa-p256-sign'],
};
/** The label prefix of an operation in a C API path. */
const prefixOf = (op: string) => (op.startsWith('hmac') ? 'hmac/' : op.startsWith('hkdf') ? 'hkdf/' : `${op.replace(/-(seal|open)$/, '')}/`);

const tools = [['valgrind', 'valgrind'], ['gcc', 'gcc'], ['wasm2c', 'wabt']].every(([c, p]) => hasTool(c, p));

interface Run { status: number; findings: string[]; output: string; log: string }

/** A run's printed inputs and outputs, by label (hex, or a number). */
interface Values { i: Map<string, string>; o: Map<string, string> }

/** The "in"/"out" lines of a run whose label starts with prefix, the prefix cut off. */
function values(run: Run, prefix = ''): Values {
  const pick = (kind: string) => {
    const map = new Map<string, string>();
    for (const m of run.output.matchAll(new RegExp(`^${kind} (\\S+) ?(\\S*)$`, 'gm'))) {
      if (m[1].startsWith(prefix)) map.set(m[1].slice(prefix.length), m[2]);
    }
    return map;
  };
  return { i: pick('in'), o: pick('out') };
}
/** Checks label against expected when the run printed it (the C API has no one-shot variants). */
function optional(o: Map<string, string>, label: string, expected: string | undefined): void {
  if (o.has(label)) expect(o.get(label), label).toBe(expected);
}
const bytes = (hex: string | undefined) => Buffer.from(hex ?? '', 'hex');
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The findings as a readable failure message: memcheck's first reports. */
function report(run: Run): string {
  return run.log.split('\n').slice(0, 40).join('\n');
}

// ---- Reference results -----------------------------------------------------

const LENGTHS = [0, 15, 100];
const CIPHER: Record<string, string> = { 'aes128-gcm': 'aes-128-gcm', 'aes256-gcm': 'aes-256-gcm', 'chacha20-poly1305': 'chacha20-poly1305' };

function seal(aead: string, key: Buffer, nonce: Buffer, aad: Buffer, text: Buffer): [string, string] {
  const c = createCipheriv(CIPHER[aead] as 'aes-128-gcm', key, nonce, { authTagLength: 16 });
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(text), c.final()]);
  return [hexOf(ct), hexOf(c.getAuthTag())];
}

function checkSeal(aead: string, { i, o }: Values): void {
  for (const n of LENGTHS) {
    const [ct, tag] = seal(aead, bytes(i.get(`key.${n}`)), bytes(i.get(`nonce.${n}`)), bytes(i.get(`aad.${n}`)), bytes(i.get(`text.${n}`)));
    expect(o.get(`ciphertext.${n}`), `ciphertext.${n}`).toBe(ct);
    expect(o.get(`tag.${n}`), `tag.${n}`).toBe(tag);
    optional(o, `sealed.${n}`, ct + tag);
  }
}

function checkOpen({ i, o }: Values): void {
  for (const n of LENGTHS) {
    expect(o.get(`verdict.genuine.${n}`), `verdict.genuine.${n}`).toBe('1');
    expect(o.get(`verdict.forged.${n}`), `verdict.forged.${n}`).toBe('0');
    expect(o.get(`plaintext.${n}`)).toBe(i.get(`text.${n}`));
    optional(o, `verdict1.genuine.${n}`, '1');
    optional(o, `verdict1.forged.${n}`, '0');
    optional(o, `plaintext1.${n}`, i.get(`text.${n}`));
  }
}

function checkHmac(hash: string, { i, o }: Values): void {
  for (const k of [32, 200]) {
    const mac = createHmac(hash, bytes(i.get(`key.${hash}.${k}`))).update(bytes(i.get(`data.${hash}.${k}`))).digest('hex');
    expect(o.get(`mac.${hash}.${k}`)).toBe(mac);
    optional(o, `mac1.${hash}.${k}`, mac);
  }
}

function checkHkdf(hash: string, { i, o }: Values): void {
  const [salt, ikm, info] = ['salt', 'ikm', 'info'].map((l) => bytes([...i].find(([k]) => k.startsWith(`${l}.${hash}.`))?.[1]));
  const prk = createHmac(hash, salt).update(ikm).digest('hex');
  const okm = hexOf(new Uint8Array(hkdfSync(hash, ikm, salt, info, 100)));
  expect([...o].find(([k]) => k.startsWith(`prk.${hash}.`))?.[1]).toBe(prk);
  expect(o.get(`okm.${hash}.100`)).toBe(okm);
  optional(o, `okm1.${hash}.100`, okm);
}

/** RFC 8446 §7.1 HKDF-Expand-Label, from node:crypto's HMAC. */
function expandLabel(hash: string, secret: Buffer, label: string, context: Buffer, length: number): Buffer {
  const full = Buffer.from(`tls13 ${label}`);
  const info = Buffer.concat([Buffer.from([length >> 8, length & 255, full.length]), full, Buffer.from([context.length]), context]);
  // HKDF-Expand alone: node's hkdfSync always extracts first.
  const blocks: Buffer[] = [];
  let t = Buffer.alloc(0);
  for (let i = 1; blocks.length * t.length < length; i++) {
    t = createHmac(hash, secret).update(Buffer.concat([t, info, Buffer.from([i])])).digest();
    blocks.push(t);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function checkKeySchedule(hash: string, keyLen: number, { i, o }: Values): void {
  const h = hash === 'sha256' ? 32 : 48;
  const shared = bytes(i.get(`shared.${hash}.32`));
  const th = bytes(i.get(`transcript.${hash}.${2 * h}`));
  const [th1, th2] = [th.subarray(0, h), th.subarray(h)];
  const extract = (salt: Buffer, ikm: Buffer) => createHmac(hash, salt).update(ikm).digest();
  const empty = createHash(hash).digest();
  const early = extract(Buffer.alloc(h), Buffer.alloc(h));
  const handshake = extract(expandLabel(hash, early, 'derived', empty, h), shared);
  const cHs = expandLabel(hash, handshake, 'c hs traffic', th1, h);
  const sHs = expandLabel(hash, handshake, 's hs traffic', th1, h);
  const master = extract(expandLabel(hash, handshake, 'derived', empty, h), Buffer.alloc(h));
  const cAp = expandLabel(hash, master, 'c ap traffic', th2, h);
  const sAp = expandLabel(hash, master, 's ap traffic', th2, h);
  const next = expandLabel(hash, cAp, 'traffic upd', Buffer.alloc(0), h);
  const key = expandLabel(hash, cHs, 'key', Buffer.alloc(0), keyLen);
  const iv = expandLabel(hash, cHs, 'iv', Buffer.alloc(0), 12);
  const finished = createHmac(hash, expandLabel(hash, cHs, 'finished', Buffer.alloc(0), h)).update(th2).digest();
  const expected = hexOf(Buffer.concat([cHs, sHs, cAp, sAp, next, key, iv, finished]));
  expect(o.get(`schedule.${hash}.${6 * h + keyLen + 12}`)).toBe(expected);
}

/** A ticket's PSK (RFC 8446 §4.6.1), the early secret of it, and the binder (§4.2.11.2), all from node:crypto. */
function checkResumption(hash: string, { i, o }: Values): void {
  const h = hash === 'sha256' ? 32 : 48;
  const psk = expandLabel(hash, bytes(i.get(`res-master.${hash}.${h}`)), 'resumption', bytes(i.get(`nonce.${hash}.8`)), h);
  const early = createHmac(hash, Buffer.alloc(h)).update(psk).digest(); // HKDF-Extract(0, PSK)
  const binderKey = expandLabel(hash, early, 'res binder', createHash(hash).digest(), h);
  const binder = createHmac(hash, expandLabel(hash, binderKey, 'finished', Buffer.alloc(0), h)).update(bytes(i.get(`hello-hash.${hash}.${h}`))).digest();
  expect(o.get(`psk-early-binder.${hash}.${3 * h}`)).toBe(hexOf(Buffer.concat([psk, early, binder])));
}

function checkPublicKey(op: string, { i, o }: Values): void {
  switch (op) {
    case 'x25519':
      expect(o.get('all-zero')).toBe('0');
      expect(o.get('shared')).toBe(hexOf(x25519.getSharedSecret(bytes(i.get('private')), bytes(o.get('peer')))));
      break;
    case 'x25519-base':
      expect(o.get('public')).toBe(hexOf(x25519.getPublicKey(bytes(i.get('private')))));
      break;
    case 'p256-public-key':
      expect(o.get('status')).toBe('0');
      expect(o.get('public')).toBe(hexOf(p256.getPublicKey(bytes(i.get('private')), false)));
      break;
    case 'ecdh-p256':
      expect(o.get('status')).toBe('0');
      expect(o.get('shared')).toBe(hexOf(p256.getSharedSecret(bytes(i.get('private')), bytes(o.get('peer'))).subarray(1)));
      break;
    case 'ecdsa-p256-sign': {
      const d = bytes(i.get('private'));
      const message = bytes(i.get('message'));
      // RFC 6979 makes the signature deterministic: noble's must be the same bytes.
      expect(o.get('signature')).toBe(hexOf(p256.sign(message, d, { format: 'der', lowS: false })));
      const pub = Buffer.from(p256.getPublicKey(d, false));
      const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33).toString('base64url') }, format: 'jwk' });
      expect(verify('sha256', message, { key, dsaEncoding: 'der' }, bytes(o.get('signature')))).toBe(true);
      break;
    }
    default:
      throw new Error('not a public-key path');
  }
}

/** Checks the results of operation op (a path's name) among v. */
function checkOperation(op: string, v: Values): void {
  const aead = AEADS.find((a) => op.startsWith(a));
  if (aead && op.endsWith('-seal')) return checkSeal(aead, v);
  if (aead) return checkOpen(v);
  const hmac = /^hmac-(sha\d+)$/.exec(op);
  if (hmac) return checkHmac(hmac[1], v);
  const hkdf = /^hkdf-(sha\d+)$/.exec(op);
  if (hkdf) return checkHkdf(hkdf[1], v);
  if (op === 'tls13-key-schedule-sha256') return checkKeySchedule('sha256', 16, v);
  if (op === 'tls13-key-schedule-sha384') return checkKeySchedule('sha384', 32, v);
  const resumption = /^tls13-resumption-(sha\d+)$/.exec(op);
  if (resumption) return checkResumption(resumption[1], v);
  return checkPublicKey(op, v);
}

function checkOutputs(path: string, run: Run): void {
  if (!(path in CAPI)) return checkOperation(path, values(run));
  for (const op of CAPI[path]) checkOperation(op, values(run, prefixOf(op)));
}

// ---- The checks -----------------------------------------------------------------

describe.skipIf(!tools)('constant time under valgrind memcheck (secrets marked undefined)', () => {
  const harness: Record<string, string> = {};
  beforeAll(async () => {
    const built = await Promise.all(PROFILES.map((p) => buildCtHarness(p)));
    PROFILES.forEach((p, i) => (harness[p] = built[i]));
  }, 240_000);

  describe.each(PROFILES)('%s profile', (profile) => {
    it('the harness runs exactly the listed paths and controls', () => {
      expect(ctPaths(harness[profile])).toEqual([...Object.keys(CONTROLS), ...PATHS]);
    });

    it.each(Object.entries(CONTROLS))('memcheck flags the deliberately leaky %s (%s)', async (path, headline) => {
      const run: Run = await runCtPath(harness[profile], path);
      expect(run.status).toBe(1);
      expect(run.findings).toContain(headline);
    });

    it.each(PATHS)('%s: no branch or memory index depends on a secret, and the result is right', async (path) => {
      const run: Run = await runCtPath(harness[profile], path);
      expect(run.findings, report(run)).toEqual([]);
      expect(run.status, report(run)).toBe(0);
      checkOutputs(path, run);
    });
  });
});
