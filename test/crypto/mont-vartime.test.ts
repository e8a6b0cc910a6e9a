// mont_vartime.ts's binary inversion (verification's, for public values),
// checked against BigInt arithmetic on the four moduli of P-256 and P-384
// (FIPS 186-5 / SP 800-186 §3.2.1): edge values (limbs all ones or all
// zeros, 1, m - 1), then random ones.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateTestModule } from '../support/asc.js';

const MODULI = [
  { id: 0, name: 'P-256 p', limbs: 8, m: 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n },
  { id: 1, name: 'P-256 n', limbs: 8, m: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n },
  { id: 2, name: 'P-384 p', limbs: 12, m: 2n ** 384n - 2n ** 128n - 2n ** 96n + 2n ** 32n - 1n },
  {
    id: 3, name: 'P-384 n', limbs: 12,
    m: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  },
];

let probe: Record<string, any>;
beforeAll(async () => {
  probe = await instantiateTestModule('test/assembly/mont-probe.ts');
});

function write(ptr: number, x: bigint, limbs: number) {
  const view = new DataView(probe.memory.buffer);
  for (let i = 0; i < 12; i++) view.setUint32(ptr + 4 * i, i < limbs ? Number((x >> BigInt(32 * i)) & 0xffffffffn) : 0, true);
}
function read(ptr: number, limbs: number): bigint {
  const view = new DataView(probe.memory.buffer);
  let x = 0n;
  for (let i = limbs - 1; i >= 0; i--) x = (x << 32n) | BigInt(view.getUint32(ptr + 4 * i, true));
  return x;
}
const mod = (x: bigint, m: bigint) => ((x % m) + m) % m;

describe.each(MODULI)('$name', ({ id, limbs, m }) => {
  const R = 2n ** BigInt(32 * limbs);
  const edges = [0n, 1n, 2n, 3n, m - 1n, m - 2n, (m - 1n) / 2n, 2n ** 32n - 1n, 2n ** 32n, R / 2n - 1n, R / 4n]
    .filter((x) => x < m)
    .concat([...Array(limbs).keys()].map((k) => mod(2n ** BigInt(32 * (k + 1)) - 1n, m)));

  const inverse = (a: bigint) => {
    write(probe.probeA(), a, limbs);
    probe.probeModInvVartime(id);
    return read(probe.probeR(), limbs);
  };

  it('modInvVartime inverts in the Montgomery domain (A * inverse(A) = R^2 mod m), and maps 0 to 0', () => {
    expect(inverse(0n)).toBe(0n);
    for (const a of edges.filter((x) => x !== 0n)) expect(mod(a * inverse(a), m)).toBe(mod(R * R, m));
    fc.assert(
      fc.property(fc.bigInt(1n, m - 1n), (a) => { expect(mod(a * inverse(a), m)).toBe(mod(R * R, m)); }),
      { numRuns: 300 },
    );
  });
});
