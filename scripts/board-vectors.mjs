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

/**
 * Byte arrays used more than once (a key shared by many signatures) are
 * emitted once, as blobs: RAM is scarce where .rodata sits in DRAM (lx106).
 */
let blobs = new Map();
const byteList = (hex) => {
  const out = [];
  for (let i = 0; i < hex.length; i += 2) out.push(`0x${hex.slice(i, i + 2)}`);
  return out.join(',');
};

/** A byte array literal, or NULL for an empty array (0-length arrays are not C). */
function bytes(hex) {
  if (hex.length === 0) return 'NULL';
  hex = hex.toLowerCase();
  if (hex.length >= 64) {
    if (!blobs.has(hex)) blobs.set(hex, `blob${blobs.size}`);
    return blobs.get(hex);
  }
  return `(const uint8_t[]){${byteList(hex)}}`;
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

const HASH_IDS = { sha256: 0, sha384: 1, sha512: 2 };
const ascii = (text) => Buffer.from(text, 'ascii').toString('hex');
const row = (fields) => `{${fields.join(', ')}}`;
const sized = (hex) => [bytes(hex), `${hex.length / 2}u`];

/** HMAC: RFC 4231 §4.2-§4.8 with SHA-256/384/512 (test case 5 checks the first 16 bytes, as the RFC gives). */
function hmac() {
  return read('rfc4231_hmac.json').vectors.flatMap((v) =>
    Object.entries(v.hmac).map(([hash, mac]) =>
      row([cString(`${v.source} HMAC-${hash.toUpperCase()}`), HASH_IDS[hash], ...sized(v.key), ...sized(v.data), ...sized(mac)]),
    ),
  );
}

/** HKDF: RFC 5869 Appendix A.1-A.3 (Extract to the PRK, Expand to the OKM). */
function hkdf() {
  return read('rfc5869_hkdf.json').vectors.map((v) =>
    row([cString(`${v.source} HKDF-${v.hash.toUpperCase()}`), HASH_IDS[v.hash], ...sized(v.ikm), ...sized(v.salt), ...sized(v.info), bytes(v.prk), ...sized(v.okm)]),
  );
}

/** DER Ecdsa-Sig-Value (RFC 5480 §2.2.3) of big-endian hex r and s: minimal INTEGERs. */
function derSignature(r, s) {
  const integer = (hex) => {
    let b = Buffer.from(hex, 'hex');
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    b = b.subarray(i);
    if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return Buffer.concat([Buffer.from([0x02, b.length]), b]);
  };
  const body = Buffer.concat([integer(r), integer(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]).toString('hex');
}

/**
 * ECDSA: RFC 6979 A.2.5 (P-256) and A.2.6 (P-384), SHA-256/384/512 over
 * "sample" and "test", and RFC 4754 §8.1. Every signature must verify; RFC
 * 6979's P-256 SHA-256 ones must also come out of ember_ecdsa_p256_sign byte
 * for byte (its nonces are deterministic). The runner also forges each.
 */
function ecdsa() {
  const rows = [];
  const add = (name, curve, hash, priv, point, message, r, s) => {
    const sign = priv && curve === 0 && hash === 'sha256' ? bytes(priv) : 'NULL';
    rows.push(row([cString(name), curve, HASH_IDS[hash], ...sized(point), ...sized(ascii(message)), ...sized(derSignature(r, s)), sign]));
  };
  for (const [file, curve, section] of [['rfc6979_ecdsa_p256.json', 0, 'A.2.5'], ['rfc6979_ecdsa_p384.json', 1, 'A.2.6']]) {
    const v = read(file);
    for (const c of v.signatures) add(`RFC 6979 ${section} ${v.curve} ${c.hash} "${c.message}"`, curve, c.hash, v.x, `04${v.Ux}${v.Uy}`, c.message, c.r, c.s);
  }
  const v = read('rfc4754_ecdsa_p256.json');
  // RFC 4754's k is random, not RFC 6979's: verify only.
  add('RFC 4754 8.1 ECDSA-256', 0, v.hash, null, `04${v.gwx}${v.gwy}`, v.message, v.r, v.s);
  return rows;
}

/** P-256 key pairs (RFC 6979 A.2.5, RFC 4754 §8.1, RFC 5903 §8.1) and RFC 5903's ECDH, both ways. */
function p256() {
  const rows = [];
  const add = (name, priv, point, peer = null, shared = null) => rows.push(row([cString(name), bytes(priv), bytes(point), peer ? bytes(peer) : 'NULL', shared ? bytes(shared) : 'NULL']));
  const a = read('rfc6979_ecdsa_p256.json');
  add('RFC 6979 A.2.5 P-256 public key', a.x, `04${a.Ux}${a.Uy}`);
  const b = read('rfc4754_ecdsa_p256.json');
  add('RFC 4754 8.1 public key', b.w, `04${b.gwx}${b.gwy}`);
  const e = read('rfc5903_ecdh_p256.json');
  const gi = `04${e.gix}${e.giy}`;
  const gr = `04${e.grx}${e.gry}`;
  add('RFC 5903 8.1 ECDH (initiator)', e.i, gi, gr, e.girx);
  add('RFC 5903 8.1 ECDH (responder)', e.r, gr, gi, e.girx);
  return rows;
}

/** Ed25519: RFC 8032 §7.1 TEST 1, 2, 3, 1024 and SHA(abc). */
function ed25519() {
  return read('rfc8032_ed25519.json').cases.map((c) =>
    row([cString(`RFC 8032 7.1 ${c.name}`), bytes(c.publicKey), ...sized(c.message), bytes(c.signature)]),
  );
}

/**
 * RSA: Wycheproof's rsa_signature_2048_sha256 (PKCS #1 v1.5; only "valid"
 * may verify: the "acceptable" DigestInfo without NULL is refused, as on the
 * host) and rsa_pss_2048_sha256_mgf1_32 (PSS, salt length 32).
 */
function rsa() {
  const rows = [];
  for (const [file, scheme] of [['wycheproof_rsa_signature_2048_sha256.json', 0], ['wycheproof_rsa_pss_2048_sha256_mgf1_32.json', 1]]) {
    const v = read(file);
    const name = file.replace(/^wycheproof_|\.json$/g, '');
    for (const t of v.tests) {
      const label = `Wycheproof ${name} tcId ${t.tcId}${t.comment ? ` (${t.comment})` : ''}`;
      rows.push(row([cString(label), scheme, HASH_IDS[v.hash], scheme === 1 ? `${v.sLen}u` : '0u', ...sized(v.publicKeyDer), ...sized(t.msg), ...sized(t.sig), t.result === 'valid' ? 1 : 0]));
    }
  }
  return rows;
}

/**
 * The public-key benchmark's inputs (boards/common/ops.c on the boards,
 * bench/boards-native.ts on V8): real keys and signatures from the vectors
 * above, one after another, as they are copied into the arena. Each field is
 * [offset, length]; offsets are 16-byte aligned.
 */
export function benchPublicKeyInputs() {
  const fields = {};
  const parts = [];
  let at = 0;
  const put = (name, hex) => {
    const b = Buffer.from(hex, 'hex');
    fields[name] = [at, b.length];
    parts.push(b, Buffer.alloc(((b.length + 15) & ~15) - b.length));
    at += (b.length + 15) & ~15;
  };
  const dh = read('rfc5903_ecdh_p256.json');
  put('P256_PRIV', dh.i); // RFC 5903 8.1: ECDH and public-key derivation
  put('P256_PEER', `04${dh.grx}${dh.gry}`);
  const p256 = read('rfc6979_ecdsa_p256.json');
  const sample256 = p256.signatures.find((c) => c.hash === 'sha256' && c.message === 'sample');
  put('ECDSA_PRIV', p256.x); // RFC 6979 A.2.5, SHA-256 over "sample"
  put('ECDSA_PUB', `04${p256.Ux}${p256.Uy}`);
  put('ECDSA_SIG', derSignature(sample256.r, sample256.s));
  put('ECDSA_MSG', ascii(sample256.message));
  const p384 = read('rfc6979_ecdsa_p384.json');
  const sample384 = p384.signatures.find((c) => c.hash === 'sha384' && c.message === 'sample');
  put('P384_PUB', `04${p384.Ux}${p384.Uy}`); // RFC 6979 A.2.6, SHA-384 over "sample"
  put('P384_SIG', derSignature(sample384.r, sample384.s));
  put('P384_MSG', ascii(sample384.message));
  const ed = read('rfc8032_ed25519.json').cases.find((c) => c.name === 'TEST SHA(abc)');
  put('ED_PUB', ed.publicKey); // RFC 8032 7.1 TEST SHA(abc): a 64-byte message
  put('ED_SIG', ed.signature);
  put('ED_MSG', ed.message);
  const pkcs1 = read('wycheproof_rsa_signature_2048_sha256.json');
  const pss = read('wycheproof_rsa_pss_2048_sha256_mgf1_32.json');
  const pkcs1Test = pkcs1.tests.find((t) => t.result === 'valid');
  const pssTest = pss.tests.find((t) => t.result === 'valid');
  if (pkcs1.publicKeyDer !== pss.publicKeyDer) throw new Error('the Wycheproof RSA files no longer share a key');
  put('RSA_SPKI', pkcs1.publicKeyDer); // Wycheproof: the first valid signature of each file
  put('RSA_PKCS1_SIG', pkcs1Test.sig);
  put('RSA_PKCS1_MSG', pkcs1Test.msg);
  put('RSA_PSS_SIG', pssTest.sig);
  put('RSA_PSS_MSG', pssTest.msg);
  // RSA-4096's public operation (RSAVP1) on a synthetic odd modulus, 2^4096 - 1,
  // and a signature below it: no 4096-bit vector is in test/vectors, and RSAVP1
  // with e = 65537 costs the same for any 4096-bit modulus.
  put('RSA4096_N', 'ff'.repeat(512));
  put('RSA4096_SIG', '5a'.repeat(512));
  return { bytes: Buffer.concat(parts), fields };
}

function benchHeader() {
  const { bytes: image, fields } = benchPublicKeyInputs();
  return [
    '/* The public-key benchmark\'s inputs (boards/common/ops.c): benchPublicKeyInputs(). */',
    `static const uint8_t bench_pk_inputs[${image.length}] = {${byteList(image.toString('hex'))}};`,
    ...Object.entries(fields).flatMap(([name, [offset, length]]) => [`#define BENCH_${name} ${offset}u`, `#define BENCH_${name}_LEN ${length}u`]),
    '',
  ];
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

struct hmac_vector {
  const char* name;
  int hash; /* enum ember_hash */
  const uint8_t* key;
  uint32_t key_len;
  const uint8_t* data;
  uint32_t data_len;
  const uint8_t* mac; /* may be a prefix of the MAC (RFC 4231 test case 5) */
  uint32_t mac_len;
};

struct hkdf_vector {
  const char* name;
  int hash;
  const uint8_t* ikm;
  uint32_t ikm_len;
  const uint8_t* salt;
  uint32_t salt_len;
  const uint8_t* info;
  uint32_t info_len;
  const uint8_t* prk; /* HashLen bytes */
  const uint8_t* okm;
  uint32_t okm_len;
};

struct ecdsa_vector {
  const char* name;
  int curve; /* enum ember_curve */
  int hash;
  const uint8_t* public_key;
  uint32_t public_key_len;
  const uint8_t* message;
  uint32_t message_len;
  const uint8_t* signature; /* DER */
  uint32_t signature_len;
  const uint8_t* private_key; /* P-256 with SHA-256: sign must reproduce the signature; else NULL */
};

struct p256_vector {
  const char* name;
  const uint8_t* private_key;
  const uint8_t* public_key; /* 65 bytes */
  const uint8_t* peer;       /* NULL, or the peer's public key for ECDH */
  const uint8_t* shared;     /* the shared x-coordinate */
};

struct ed25519_vector {
  const char* name;
  const uint8_t* public_key;
  const uint8_t* message;
  uint32_t message_len;
  const uint8_t* signature;
};

struct rsa_vector {
  const char* name;
  int scheme; /* enum ember_rsa_scheme */
  int hash;
  uint32_t salt_len; /* PSS */
  const uint8_t* spki;
  uint32_t spki_len;
  const uint8_t* message;
  uint32_t message_len;
  const uint8_t* signature;
  uint32_t signature_len;
  int valid;
};
`;

export function writeVectorHeader() {
  const dir = join(root, 'build', 'boards', 'vectors');
  blobs = new Map();
  const sections = {
    sha2_vectors: { type: 'sha2_vector', rows: sha2() },
    x25519_vectors: { type: 'x25519_vector', rows: x25519() },
    aead_vectors: { type: 'aead_vector', rows: aead() },
    hmac_vectors: { type: 'hmac_vector', rows: hmac() },
    hkdf_vectors: { type: 'hkdf_vector', rows: hkdf() },
    ecdsa_vectors: { type: 'ecdsa_vector', rows: ecdsa() },
    p256_vectors: { type: 'p256_vector', rows: p256() },
    ed25519_vectors: { type: 'ed25519_vector', rows: ed25519() },
    rsa_vectors: { type: 'rsa_vector', rows: rsa() },
  };
  const body = [
    '/* Generated by scripts/board-vectors.mjs from the JSON files in test/vectors. Do not edit. */',
    '#include <stddef.h>',
    '#include <stdint.h>',
    '',
    TYPES,
    ...[...blobs].map(([hex, name]) => `static const uint8_t ${name}[] = {${byteList(hex)}};`),
    '',
    ...Object.entries(sections).flatMap(([name, { type, rows }]) => [
      `static const struct ${type} ${name}[] = {`,
      ...rows.map((r) => `  ${r},`),
      '};',
      '',
    ]),
    ...benchHeader(),
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
