// The slow suite (npm run test:slow): checks too long for the default run.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { x25519 } from '../../host/primitives/x25519.js';

const rfc7748 = JSON.parse(readFileSync(new URL('../vectors/rfc7748_x25519.json', import.meta.url), 'utf8'));
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));

it('RFC 7748 §5.2 iterated vector: 1,000,000 iterations give the published k (about 80 s)', () => {
  let k = hex(rfc7748.iterated.start);
  let u = hex(rfc7748.iterated.start);
  for (let i = 1; i <= 1_000_000; i++) [k, u] = [x25519(k, u), k];
  expect(Buffer.from(k).toString('hex')).toBe(rfc7748.iterated.after['1000000']);
}, 600_000);
