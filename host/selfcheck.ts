// `embertls selfcheck` (npm start for now): runs each primitive on one
// published vector, prints the result beside the expected value, and a quick
// speed reading beside node:crypto. This is a smoke check for a new checkout;
// the measured benchmarks are `npm run bench`.
import * as nodeCrypto from 'node:crypto';
import * as ember from './crypto.js';
import { fromHex, toHex } from './hex.js';

interface Check {
  name: string;
  source: string;
  expected: string;
  ember: () => Uint8Array;
  node: () => Uint8Array;
}

const text = (s: string) => new TextEncoder().encode(s);
const sunscreen = text(
  "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
);
const chachaKey = fromHex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
const chachaNonce = fromHex('070000004041424344454647');
const chachaAad = fromHex('50515253c0c1c2c3c4c5c6c7');
const alicePrivate = fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
const bobPublic = fromHex('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');

function nodeSeal(algorithm: string, key: Uint8Array, nonce: Uint8Array, data: Uint8Array, aad?: Uint8Array) {
  const cipher = nodeCrypto.createCipheriv(algorithm as 'aes-128-gcm', key, nonce, { authTagLength: 16 });
  if (aad) cipher.setAAD(aad);
  return new Uint8Array(Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]));
}

const checks: Check[] = [
  {
    name: 'SHA-256 "abc"',
    source: 'FIPS 180-4 example',
    expected: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    ember: () => ember.sha256(text('abc')),
    node: () => nodeCrypto.createHash('sha256').update('abc').digest(),
  },
  {
    name: 'HMAC-SHA-256 "Jefe"',
    source: 'RFC 4231 test case 2',
    expected: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    ember: () => ember.hmac('sha256', text('Jefe'), text('what do ya want for nothing?')),
    node: () => nodeCrypto.createHmac('sha256', 'Jefe').update('what do ya want for nothing?').digest(),
  },
  {
    name: 'HKDF-SHA-256 extract+expand',
    source: 'RFC 5869 test case 1',
    expected: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    ember: () => {
      const prk = ember.hkdfExtract('sha256', fromHex('000102030405060708090a0b0c'), new Uint8Array(22).fill(0x0b));
      return ember.hkdfExpand('sha256', prk, fromHex('f0f1f2f3f4f5f6f7f8f9'), 42);
    },
    node: () =>
      new Uint8Array(
        nodeCrypto.hkdfSync('sha256', new Uint8Array(22).fill(0x0b), fromHex('000102030405060708090a0b0c'), fromHex('f0f1f2f3f4f5f6f7f8f9'), 42),
      ),
  },
  {
    name: 'ChaCha20-Poly1305 seal (tag)',
    source: 'RFC 8439 §2.8.2',
    expected: '1ae10b594f09e26a7e902ecbd0600691',
    ember: () => ember.chacha20Poly1305Seal(chachaKey, chachaNonce, sunscreen, chachaAad).subarray(-16),
    node: () => nodeSeal('chacha20-poly1305', chachaKey, chachaNonce, sunscreen, chachaAad).subarray(-16),
  },
  {
    name: 'AES-128-GCM seal',
    source: 'GCM spec (McGrew-Viega) test case 2',
    expected: '0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf',
    ember: () => ember.aesGcmSeal(new Uint8Array(16), new Uint8Array(12), new Uint8Array(16)),
    node: () => nodeSeal('aes-128-gcm', new Uint8Array(16), new Uint8Array(12), new Uint8Array(16)),
  },
  {
    name: 'X25519 Alice x Bob',
    source: 'RFC 7748 §6.1',
    expected: '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
    ember: () => ember.x25519(alicePrivate, bobPublic),
    node: () =>
      nodeCrypto.diffieHellman({
        privateKey: nodeCrypto.createPrivateKey({
          key: Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), alicePrivate]),
          format: 'der',
          type: 'pkcs8',
        }),
        publicKey: nodeCrypto.createPublicKey({
          key: Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), bobPublic]),
          format: 'der',
          type: 'spki',
        }),
      }),
  },
];

/** Calls per second over about 50 ms: a rough reading, not a benchmark. */
function roughRate(fn: () => unknown): number {
  for (let i = 0; i < 20; i++) fn();
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < 50) {
    fn();
    calls++;
  }
  return (calls * 1000) / (performance.now() - start);
}

export function selfcheck(): boolean {
  console.log('EmberTLS self-check: each primitive on a published vector, and a rough speed beside node:crypto\n');
  let allPassed = true;
  for (const check of checks) {
    const got = toHex(check.ember());
    const passed = got === check.expected && toHex(check.node()) === check.expected;
    allPassed &&= passed;
    const ratio = roughRate(check.node) / roughRate(check.ember);
    console.log(`${passed ? 'PASS' : 'FAIL'}  ${check.name.padEnd(30)} ${check.source}`);
    console.log(`      expected ${check.expected}`);
    console.log(`      ember    ${got}`);
    console.log(`      speed    EmberTLS takes ${ratio.toFixed(2)}x the time of node:crypto on this call (rough; see npm run bench)`);
  }
  console.log(allPassed ? '\nall primitives match their vectors' : '\nSOME PRIMITIVES FAILED');
  return allPassed;
}
