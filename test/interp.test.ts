// A second, independent wasm engine: wabt's wasm-interp runs the engine's
// SHA-256 and ChaCha20 on their published vectors. The known-answer module is
// generated from the same vector files the V8 tests read.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTestModule } from './support/asc.js';
import { hasTool, run } from './support/tools.js';

const vectors = (name: string) => JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8'));
const sha2 = vectors('nist_sha2_examples.json').vectors.filter(
  (v: { hash: string; repeat: number }) => v.hash === 'sha256' && v.repeat === 1,
);
const chacha = vectors('rfc8439_chacha20.json').encryption;

/** A static byte array in the module's data segment. */
function bytes(hex: string): string {
  const list = (hex.match(/../g) ?? []).map((b) => `0x${b}`).join(', ');
  return `memory.data<u8>([${list}])`;
}
const ascii = (s: string) => Buffer.from(s, 'ascii').toString('hex');

function katSource(): string {
  const lines = [
    'import { sha256Init, sha256Update, sha256Final } from "../../assembly/crypto/sha256";',
    'import { chacha20Init, chacha20Xor } from "../../assembly/crypto/chacha20";',
    'import { ctEqual } from "../../assembly/crypto/ct";',
    'const ctx = memory.data(512, 16);',
    'const out = memory.data(1024, 16);',
  ];
  sha2.forEach((v: { message: string; digest: string }, i: number) => {
    const message = ascii(v.message);
    lines.push(
      `export function sha256_vector_${i}(): u32 {`,
      `  sha256Init(ctx); sha256Update(ctx, ${message ? bytes(message) : 0}, ${message.length / 2}); sha256Final(ctx, out);`,
      `  return ctEqual(out, ${bytes(v.digest)}, 32);`,
      '}',
    );
  });
  chacha.forEach((v: { key: string; nonce: string; counter: number; plaintext: string; ciphertext: string }, i: number) => {
    const length = v.plaintext.length / 2;
    lines.push(
      `export function chacha20_vector_${i}(): u32 {`,
      `  chacha20Init(ctx, ${bytes(v.key)}, ${bytes(v.nonce)}, ${v.counter});`,
      `  chacha20Xor(ctx, ${bytes(v.plaintext)}, out, ${length});`,
      `  return ctEqual(out, ${bytes(v.ciphertext)}, ${length});`,
      '}',
    );
  });
  return lines.join('\n') + '\n';
}

describe.runIf(hasTool('wasm-interp', 'wabt'))('the engine under wabt wasm-interp', () => {
  it('wasm-interp computes every single-block NIST SHA-256 example and every RFC 8439 ChaCha20 encryption vector', async () => {
    const wasm = await compileTestModule('test/assembly/kat-interp.ts', katSource());
    const file = join(mkdtempSync(join(tmpdir(), 'ember-interp-')), 'kat.wasm');
    writeFileSync(file, wasm);
    const output = run('wasm-interp', ['--disable-simd', '--disable-reference-types', '--disable-saturating-float-to-int',
      file, '--run-all-exports']);
    const results = [...output.matchAll(/^(\w+)\(\) => i32:(\d+)$/gm)].map(([, name, value]) => [name, value]);
    expect(results).toHaveLength(sha2.length + chacha.length);
    expect(results.filter(([, value]) => value !== '1')).toEqual([]);
  });
});
