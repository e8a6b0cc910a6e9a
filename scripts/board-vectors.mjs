// Writes build/boards/vectors/vectors.h, the board runner's test vectors, from
// the same JSON files the host tests read (test/vectors/*.json): one source of
// truth, nothing retyped. boards/common/runner.c includes the header.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './boards.mjs';

const vectorsDir = join(root, 'test', 'vectors');
const read = (file) => JSON.parse(readFileSync(join(vectorsDir, file), 'utf8'));

const cString = (s) => JSON.stringify(s).replace(/\\u00a7/g, 'S').replace(/[^\x20-\x7e]/g, '?');

/** A byte array literal, or NULL for an empty array (0-length arrays are not C). */
function bytes(hex) {
  if (hex.length === 0) return 'NULL';
  const out = [];
  for (let i = 0; i < hex.length; i += 2) out.push(`0x${hex.slice(i, i + 2)}`);
  return `(const uint8_t[]){${out.join(',')}}`;
}

function sha2() {
  const { vectors } = read('nist_sha2_examples.json');
  const ids = { sha256: 0, sha384: 1, sha512: 2 };
  return vectors.map((v) => {
    const message = Buffer.from(v.message, 'ascii').toString('hex');
    return `{${cString(`${v.name} (${v.source})`)}, ${ids[v.hash]}, ${bytes(message)}, ${message.length / 2}u, ${v.repeat}u, ${bytes(v.digest)}, ${v.digest.length / 2}u}`;
  });
}

/**
 * RFC 7748: the §5.2 scalar multiplications, the first step of the iterated
 * test (1 000 and 1 000 000 steps would take minutes of emulated time), the
 * §6.1 Diffie-Hellman (both public keys and the shared secret, both ways),
 * and libsodium's small-order points, which must give EMBER_WEAK_PUBLIC_KEY.
 */
function x25519() {
  const rfc = read('rfc7748_x25519.json');
  const rows = [];
  const row = (name, scalar, u, out, weak = 0) => rows.push(`{${cString(name)}, ${bytes(scalar)}, ${u ? bytes(u) : 'NULL'}, ${bytes(out)}, ${weak}}`);
  rfc.scalarMult.cases.forEach((c, i) => row(`RFC 7748 5.2 scalar multiplication ${i + 1}`, c.scalar, c.u, c.output));
  row('RFC 7748 5.2 iterated, 1 step', rfc.iterated.start, rfc.iterated.start, rfc.iterated.after['1']);
  const dh = rfc.diffieHellman;
  row('RFC 7748 6.1 Alice public key', dh.alicePrivate, null, dh.alicePublic);
  row('RFC 7748 6.1 Bob public key', dh.bobPrivate, null, dh.bobPublic);
  row('RFC 7748 6.1 shared secret (Alice)', dh.alicePrivate, dh.bobPublic, dh.shared);
  row('RFC 7748 6.1 shared secret (Bob)', dh.bobPrivate, dh.alicePublic, dh.shared);
  for (const p of read('libsodium_x25519_small_order.json').points) {
    row(`libsodium small-order point ${p.name} is rejected`, dh.alicePrivate, p.u, '00'.repeat(32), 1);
  }
  return rows;
}

/**
 * AEAD vectors: RFC 8439 §2.8.2 and Appendix A.5 (ChaCha20-Poly1305), the
 * GCM specification's test cases (McGrew and Viega) and NIST's CAVP GCM
 * samples, 128- and 256-bit keys. The runner also forges each one.
 */
const AEAD_MAX = 512; // boards/common/runner.c's buffers
function aead() {
  const rows = [];
  const row = (name, alg, v) => {
    if (v.pt.length / 2 > AEAD_MAX) throw new Error(`${name}: longer than the runner's ${AEAD_MAX}-byte buffers`);
    if (v.iv.length !== 24) throw new Error(`${name}: embertls.h takes 12-byte nonces only`);
    rows.push(`{${cString(name)}, ${alg}, ${bytes(v.key)}, ${v.key.length / 2}u, ${bytes(v.iv)}, ${bytes(v.aad)}, ${v.aad.length / 2}u, ${bytes(v.pt)}, ${bytes(v.ct)}, ${v.pt.length / 2}u, ${bytes(v.tag)}}`);
  };
  for (const v of read('rfc8439_aead.json').aead) {
    row(`RFC 8439 ${v.section} ChaCha20-Poly1305`, 0, { key: v.key, iv: v.nonce, aad: v.aad, pt: v.plaintext, ct: v.ciphertext, tag: v.tag });
  }
  for (const v of read('gcm_spec_mcgrew_viega.json').vectors) row(`GCM specification ${v.name}`, 1, v);
  for (const file of ['nist_gcm_128.json', 'nist_gcm_256.json']) {
    for (const v of read(file).vectors) row(`NIST CAVP GCM ${v.key.length * 4}-bit key ${v.name}`, 1, v);
  }
  return rows;
}

const TYPES = `struct sha2_vector {
  const char* name;
  int hash; /* enum ember_hash */
  const uint8_t* message;
  uint32_t message_len;
  uint32_t repeat; /* the message is hashed this many times over */
  const uint8_t* digest;
  uint32_t digest_len;
};

struct x25519_vector {
  const char* name;
  const uint8_t* scalar;
  const uint8_t* point; /* NULL: the base point (a public key) */
  const uint8_t* out;
  int weak; /* 1: the point has small order, expect EMBER_WEAK_PUBLIC_KEY */
};

struct aead_vector {
  const char* name;
  int aes_gcm; /* 0: ChaCha20-Poly1305, 1: AES-GCM */
  const uint8_t* key;
  uint32_t key_len;
  const uint8_t* nonce; /* 12 bytes */
  const uint8_t* aad;
  uint32_t aad_len;
  const uint8_t* plaintext;
  const uint8_t* ciphertext;
  uint32_t len;
  const uint8_t* tag; /* 16 bytes */
};
`;

export function writeVectorHeader() {
  const dir = join(root, 'build', 'boards', 'vectors');
  const sections = {
    sha2_vectors: { type: 'sha2_vector', rows: sha2() },
    x25519_vectors: { type: 'x25519_vector', rows: x25519() },
    aead_vectors: { type: 'aead_vector', rows: aead() },
  };
  const body = [
    '/* Generated by scripts/board-vectors.mjs from the JSON files in test/vectors. Do not edit. */',
    '#include <stddef.h>',
    '#include <stdint.h>',
    '',
    TYPES,
    ...Object.entries(sections).flatMap(([name, { type, rows }]) => [
      `static const struct ${type} ${name}[] = {`,
      ...rows.map((r) => `  ${r},`),
      '};',
      '',
    ]),
  ].join('\n');
  const file = join(dir, 'vectors.h');
  // Rewrite only on change, so the firmware cache key stays put.
  if (!existsSync(file) || createHash('sha256').update(readFileSync(file)).digest('hex') !== createHash('sha256').update(body).digest('hex')) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, body);
  }
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(writeVectorHeader());
