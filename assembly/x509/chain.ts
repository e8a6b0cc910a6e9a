// X.509 certificate path validation (RFC 5280 §6.1, as profiled for TLS
// clients and servers) in a fixed-size, caller-owned context.
//
// Certificates arrive one at a time (x509AddCertificate: the leaf first, then
// the peer's other certificates in any order) and are parsed whole and
// dropped: the context keeps a summary per certificate (cert.ts) and copies
// only the key, the signature, the name constraints and (Ed25519 only) the
// TBS into a byte pool. So the TLS client can hash and check a 6 KB chain
// through a 2 KB handshake buffer.
//
// Budget: the caller's context (ctxLen bytes) holds a fixed part (the slots
// that summarise certificates, the leaf's names, the path and a verdict
// cache) and a byte pool, the rest. chainBegin picks the slot counts (the
// context's shape) from ctxLen, and never leaves the pool under MIN_POOL
// (512) bytes:
//   - ctxLen >= CHAIN_CTX_FULL_MIN (5,408): the full shape, as before shapes
//     existed: 8 peer certificates, 8 anchors, 1024 bytes of leaf names;
//     CHAIN_CTX_SIZE (15,136) gives it a 10240-byte pool;
//   - CHAIN_CTX_MIN (2,452) <= ctxLen < 5,408: the small shape, for a device
//     that talks to one server: 3 peer certificates, 2 anchors, 512 bytes of
//     leaf names. A slot without pool for its key and signature is useless,
//     so every byte past the small fixed part goes to the pool instead of
//     more slots (at 4 KB the pool holds an RSA-2048 chain of 3).
// Within a shape:
//   - the peer's certificates beyond the certificate slots (leaf included)
//     are dropped, and if no path is found the verdict is PATH_TOO_LONG;
//   - anchors beyond the anchor slots are not kept. An anchor added after
//     the peer's certificates is kept only when its subject is the issuer
//     of one of them, so any number of anchors can be offered in that
//     order; when more match than fit and no path is found, UNKNOWN_ISSUER
//     says so;
//   - the pool takes keys, signatures and name constraints: a P-256
//     certificate about 160 bytes, RSA-2048 about 550, RSA-4096 about 1060.
//     512 bytes hold a P-256 path of 3 (leaf, intermediate, anchor); the
//     full budget holds 9 RSA-4096 entities, or all 16 slots of RSA-2048
//     or EC. A certificate or anchor the pool cannot take is dropped as
//     one beyond the slots;
//   - the leaf's names, for name constraints: a leaf with more than fit
//     fails closed only if some CA constrains names.
// Entity numbers follow the shape: 0 .. certSlots-1 the peer's certificates
// in the order given (0 = the leaf), certSlots + i the i-th anchor kept.
//
// Path building (§6.1 needs a path; §6 leaves building it to us): depth-first
// from the leaf, at each step trying the trust anchors, then the peer's
// certificates, whose subject is the current certificate's issuer (binary
// equal DER Names, see cert.ts); a candidate that fails any check is skipped
// and the next one tried, so cross-signed and duplicate intermediates work.
// Each signature is verified once (a verdict cache per issuer/subject pair).
// When every path fails, the verdict is the failure that got deepest.
//
// Checked on each link (child certificate, issuer candidate):
//   signature algorithm (MD5/SHA-1 -> WEAK_ALGORITHM), issuer key (RSA < 2048
//   bits -> WEAK_ALGORITHM), the signature itself; for an issuer from the
//   peer: unknown critical extension, basicConstraints cA (v3 only, §6.1.4 k),
//   keyUsage keyCertSign (§6.1.4 n), extendedKeyUsage allows the purpose
//   (EKU chaining as browsers do; absent = any), pathLenConstraint (§6.1.4
//   m, self-issued certificates not counted) and validity; for an anchor:
//   validity and unknown critical extensions (its cA, keyUsage and pathLen
//   are not checked: RFC 5280 §6.1.1 d makes an anchor a name and a key).
// Checked on a complete path: the name constraints of every CA in it
//   (anchor included) against the leaf's names (names.ts says which).
// Checked on the leaf: unknown critical extension, validity, keyUsage
//   digitalSignature, EKU for the purpose, subjectAltName against the
//   expected host or IP when one is given.
// Not checked: revocation (CRL, OCSP), certificate policies (a critical
//   policy extension is an unknown critical extension), AKI/SKI matching.
//
// Everything is public data (certificates, names, the time); the code
// branches freely.
import { X509Error, X509Reason } from "./codes";
import {
  certParse, certTbsHashLength, certView, CertFlag, KeyType, KU_DIGITAL_SIGNATURE, KU_KEY_CERT_SIGN,
  S_FLAGS, S_ISSUER, S_KEY_BITS, S_KEY_REF, S_KEY_TYPE, S_KEY_USAGE, S_NC_REF, S_NOT_AFTER,
  S_NOT_BEFORE, S_PATHLEN, S_SALT, S_SIG_ALG, S_SIG_REF, S_SUBJECT, S_TBS_HASH, S_TBS_REF, SigAlg,
  SLOT_SIZE, V_KEY, V_KEY_LEN, V_NC, V_NC_LEN, V_SAN, V_SAN_LEN, V_SIG, V_SIG_LEN, V_SUBJECT,
  V_SUBJECT_LEN, V_TBS, V_TBS_LEN, sigAlgHash,
} from "./cert";
import { collectNames, nameConstraintsCheck, sanMatches } from "./names";
import { spkiRsaVerifyDigest } from "./spki";
import { ecdsaVerifyDigestOn } from "../crypto/ecdsa";
import { P256 } from "../crypto/p256";
import { P384 } from "../crypto/p384";
import { RsaScheme } from "../crypto/rsa_verify";
import { ed25519Verify, ED25519_VERIFY_CTX_SIZE } from "../crypto/ed25519";

/** The full shape (every context of CHAIN_CTX_FULL_MIN bytes or more). */
export const MAX_CERTS: u32 = 8;
export const MAX_ANCHORS: u32 = 8;
const FULL_NAMES: usize = 1024;
/** The small shape (contexts from CHAIN_CTX_MIN to CHAIN_CTX_FULL_MIN - 1 bytes). */
export const SMALL_CERTS: u32 = 3;
export const SMALL_ANCHORS: u32 = 2;
const SMALL_NAMES: usize = 512;
export const POOL_SIZE: usize = 10240;
/** The least pool a shape is given: a P-256 path of 3. */
const MIN_POOL: usize = 512;
export const MAX_HOST_LEN: u32 = 253;

export const enum Purpose {
  ServerAuth = 1,
  ClientAuth = 2,
}

// ---- Context layout. ----
const C_MAGIC: usize = 0;
const C_ERROR: usize = 4; // sticky error from an add call (MALFORMED), else 0
const C_REASON: usize = 8;
const C_ERR_ENTITY: usize = 12;
const C_PURPOSE: usize = 16;
const C_POOL_SIZE: usize = 20; // bytes of pool this context has
const C_TIME: usize = 24; // i64
const C_HOST_LEN: usize = 32;
const C_IP_LEN: usize = 36;
const C_HOST: usize = 40; // MAX_HOST_LEN bytes (256 reserved)
const C_IP: usize = 296; // 16
const C_CERTS: usize = 312; // certificates offered so far (kept or not)
const C_ANCHORS: usize = 316; // anchors kept
const C_OVERFLOW: usize = 320; // OVERFLOW_* bits
const C_POOL_USED: usize = 324;
const C_SAN_MATCH: usize = 328; // 1 when the leaf's SAN matched the host/IP
const C_FORMS: usize = 332; // GeneralName forms the leaf has
const C_NAMES_LEN: usize = 336; // i32, -1 when the leaf's names did not fit
const C_PATH_LEN: usize = 340;
const C_BEST_SCORE: usize = 344; // u16
const C_CERT_SLOTS: usize = 346; // u8: the shape, set by chainBegin
const C_ANCHOR_SLOTS: usize = 347; // u8
const C_SLOTS_AT: usize = 348; // u16: offset of the slots
const C_NAMES_CAP: usize = 350; // u16
// Then a shape's own layout (E = its certificate + anchor slots): the path
// (E u32 entity numbers, leaf first), a candidate cursor per depth (E u32),
// the verdict cache (certificate slots x E bytes), the slots (8-aligned, E x
// SLOT_SIZE), the leaf's names; the pool is the rest.
const C_PATH: usize = 352;
const FULL_ENTITIES: usize = <usize>(MAX_CERTS + MAX_ANCHORS);
const FULL_SLOTS_AT: usize = (C_PATH + FULL_ENTITIES * 8 + <usize>MAX_CERTS * FULL_ENTITIES + 7) & ~7;
const SMALL_ENTITIES: usize = <usize>(SMALL_CERTS + SMALL_ANCHORS);
const SMALL_SLOTS_AT: usize = (C_PATH + SMALL_ENTITIES * 8 + <usize>SMALL_CERTS * SMALL_ENTITIES + 7) & ~7;

/** The fixed part of a full-shape context: everything but the pool. */
export const CHAIN_CTX_FIXED: usize = FULL_SLOTS_AT + FULL_ENTITIES * SLOT_SIZE + FULL_NAMES;
/** A context with the full budget (the full shape, POOL_SIZE bytes of pool). */
export const CHAIN_CTX_SIZE: usize = CHAIN_CTX_FIXED + POOL_SIZE;
/** The smallest context that gets the full shape (8 + 8 slots). */
export const CHAIN_CTX_FULL_MIN: usize = CHAIN_CTX_FIXED + MIN_POOL;
/** The smallest context begin accepts (the small shape, 3 + 2 slots). */
export const CHAIN_CTX_MIN: usize = SMALL_SLOTS_AT + SMALL_ENTITIES * SLOT_SIZE + SMALL_NAMES + MIN_POOL;

const MAGIC: u32 = 0x58353039; // "X509": a context begun and not finished
const OVERFLOW_CERTS: u32 = 1;
const OVERFLOW_ANCHORS: u32 = 2;
const EDGE_UNKNOWN: u8 = 0;
const EDGE_VALID: u8 = 1;
const EDGE_INVALID: u8 = 2;

const edCtx = memory.data(<i32>ED25519_VERIFY_CTX_SIZE, 8);

/** A parsed anchor waits here until it is known to be worth a slot. */
const scratchSlot = memory.data(<i32>SLOT_SIZE, 8);

@inline function certSlots(ctx: usize): u32 {
  return <u32>load<u8>(ctx + C_CERT_SLOTS);
}

@inline function anchorSlots(ctx: usize): u32 {
  return <u32>load<u8>(ctx + C_ANCHOR_SLOTS);
}

/** Certificate slots + anchor slots: the entity numbers run 0 .. this - 1. */
@inline function entitySlots(ctx: usize): u32 {
  return certSlots(ctx) + anchorSlots(ctx);
}

@inline function cursorsOf(ctx: usize): usize {
  return ctx + C_PATH + <usize>entitySlots(ctx) * 4;
}

@inline function edgesOf(ctx: usize): usize {
  return ctx + C_PATH + <usize>entitySlots(ctx) * 8;
}

@inline function slotOf(ctx: usize, entity: u32): usize {
  return ctx + <usize>load<u16>(ctx + C_SLOTS_AT) + <usize>entity * SLOT_SIZE;
}

@inline function namesOf(ctx: usize): usize {
  return slotOf(ctx, entitySlots(ctx));
}

@inline function poolOf(ctx: usize): usize {
  return namesOf(ctx) + <usize>load<u16>(ctx + C_NAMES_CAP);
}

@inline function flagsOf(ctx: usize, entity: u32): u32 {
  return load<u32>(slotOf(ctx, entity) + S_FLAGS);
}

/** Sets the shape (slots and room for names, laid out from slotsAt) and the pool size; clears the fixed part. */
function shape(ctx: usize, ctxLen: usize, certs: u32, anchors: u32, slotsAt: usize, names: usize): void {
  const fixed = slotsAt + <usize>(certs + anchors) * SLOT_SIZE + names;
  memory.fill(ctx, 0, fixed); // the pool is written before it is read
  store<u8>(ctx + C_CERT_SLOTS, <u8>certs);
  store<u8>(ctx + C_ANCHOR_SLOTS, <u8>anchors);
  store<u16>(ctx + C_SLOTS_AT, <u16>slotsAt);
  store<u16>(ctx + C_NAMES_CAP, <u16>names);
  store<u32>(ctx + C_POOL_SIZE, <u32>(ctxLen - fixed));
}

/**
 * Starts a validation in ctx (ctxLen bytes, CHAIN_CTX_MIN to any size; the
 * shape follows from ctxLen, see the budget above, and the pool gets the
 * rest): the expected host
 * (hostLen bytes of ASCII, 0 for none), the expected IP address (4 or 16
 * bytes, 0 for none), the time (seconds since the epoch) and the purpose.
 * Returns X509Error.Ok, or BadArgument (and the context stays unusable).
 */
export function chainBegin(
  ctx: usize, ctxLen: usize, host: usize, hostLen: u32, ip: usize, ipLen: u32, time: i64, purpose: u32,
): u32 {
  if (ctxLen < CHAIN_CTX_MIN) return X509Error.BadArgument;
  if (ctxLen >= CHAIN_CTX_FULL_MIN) shape(ctx, ctxLen, MAX_CERTS, MAX_ANCHORS, FULL_SLOTS_AT, FULL_NAMES);
  else shape(ctx, ctxLen, SMALL_CERTS, SMALL_ANCHORS, SMALL_SLOTS_AT, SMALL_NAMES);
  if (purpose != Purpose.ServerAuth && purpose != Purpose.ClientAuth) return X509Error.BadArgument;
  if (hostLen > MAX_HOST_LEN || (ipLen != 0 && ipLen != 4 && ipLen != 16)) return X509Error.BadArgument;
  store<u32>(ctx + C_PURPOSE, purpose);
  store<i64>(ctx + C_TIME, time);
  store<u32>(ctx + C_HOST_LEN, hostLen);
  memory.copy(ctx + C_HOST, host, hostLen);
  store<u32>(ctx + C_IP_LEN, ipLen);
  memory.copy(ctx + C_IP, ip, ipLen);
  store<u32>(ctx + C_MAGIC, MAGIC);
  return X509Error.Ok;
}

/** Copies len bytes into the pool; stores (offset, len) at ref. 0 when it does not fit. */
function poolPut(ctx: usize, ref: usize, src: usize, len: usize): u32 {
  const used = <usize>load<u32>(ctx + C_POOL_USED);
  if (len > <usize>load<u32>(ctx + C_POOL_SIZE) - used) return 0;
  memory.copy(poolOf(ctx) + used, src, len);
  store<u32>(ref, <u32>used);
  store<u32>(ref, <u32>len, 4);
  store<u32>(ctx + C_POOL_USED, <u32>(used + len));
  return 1;
}

/** Keeps the variable parts certView points at (the key, signature, NC, TBS) for slot. 0 when the pool is full. */
function keepParts(ctx: usize, slot: usize): u32 {
  const mark = load<u32>(ctx + C_POOL_USED);
  const view = certView;
  let ok = poolPut(ctx, slot + S_KEY_REF, <usize>load<u32>(view + V_KEY), <usize>load<u32>(view + V_KEY_LEN));
  ok &= poolPut(ctx, slot + S_SIG_REF, <usize>load<u32>(view + V_SIG), <usize>load<u32>(view + V_SIG_LEN));
  if (load<u32>(view + V_NC_LEN) != 0) {
    ok &= poolPut(ctx, slot + S_NC_REF, <usize>load<u32>(view + V_NC), <usize>load<u32>(view + V_NC_LEN));
  }
  if (load<u32>(slot + S_SIG_ALG) == SigAlg.Ed25519) {
    ok &= poolPut(ctx, slot + S_TBS_REF, <usize>load<u32>(view + V_TBS), <usize>load<u32>(view + V_TBS_LEN));
  }
  if (!ok) store<u32>(ctx + C_POOL_USED, mark);
  return ok;
}

function fail(ctx: usize, code: u32, reason: u32, entity: u32): u32 {
  store<u32>(ctx + C_ERROR, code);
  store<u32>(ctx + C_REASON, reason);
  store<u32>(ctx + C_ERR_ENTITY, entity);
  return code;
}

/**
 * Adds the peer's next certificate (len DER bytes at der); the first is the
 * leaf. Returns Ok when kept, PathTooLong when the budget had no room for it
 * (not fatal: finish says whether a path exists without it), Malformed when
 * the bytes are not a certificate (sticky: finish returns it too), or
 * BadArgument when the context was not begun.
 */
export function chainAddCertificate(ctx: usize, der: usize, len: usize): u32 {
  if (load<u32>(ctx + C_MAGIC) != MAGIC) return X509Error.BadArgument;
  if (load<u32>(ctx + C_ERROR) != 0) return load<u32>(ctx + C_ERROR);
  const index = load<u32>(ctx + C_CERTS);
  store<u32>(ctx + C_CERTS, index + 1);
  const kept = index < certSlots(ctx);
  const slot = kept ? slotOf(ctx, index) : scratchSlot;
  if (!certParse(der, len, slot)) {
    memory.fill(slot, 0, SLOT_SIZE);
    return fail(ctx, X509Error.Malformed, X509Reason.BadDer, index);
  }
  if (!kept || !keepParts(ctx, slot)) {
    memory.fill(slot, 0, SLOT_SIZE); // Present cleared: path building skips it
    store<u32>(ctx + C_OVERFLOW, load<u32>(ctx + C_OVERFLOW) | OVERFLOW_CERTS);
    return X509Error.PathTooLong;
  }
  if (index == 0) {
    // The leaf's names are needed after its bytes are gone: the host match
    // now, and a copy of the names that name constraints apply to.
    const view = certView;
    const san = <usize>load<u32>(view + V_SAN);
    const sanLen = <usize>load<u32>(view + V_SAN_LEN);
    const match = sanMatches(
      san, sanLen, ctx + C_HOST, <usize>load<u32>(ctx + C_HOST_LEN), ctx + C_IP, <usize>load<u32>(ctx + C_IP_LEN),
    );
    store<u32>(ctx + C_SAN_MATCH, match);
    const used = collectNames(
      san, sanLen, <usize>load<u32>(view + V_SUBJECT), <usize>load<u32>(view + V_SUBJECT_LEN),
      namesOf(ctx), <usize>load<u16>(ctx + C_NAMES_CAP), ctx + C_FORMS,
    );
    store<i32>(ctx + C_NAMES_LEN, <i32>used);
  }
  return X509Error.Ok;
}

/**
 * The leaf's public key as the pool keeps it (RSA: the SubjectPublicKeyInfo;
 * EC: the uncompressed point; Ed25519: the 32 bytes), for the TLS client's
 * CertificateVerify, so it is not kept twice: its address, with its length
 * and its KeyType (cert.ts) at out[0] and out[1]; 0 when no leaf was kept
 * (none added, malformed, or over the budget).
 */
export function chainLeafKey(ctx: usize, out: usize): usize {
  const magic = load<u32>(ctx + C_MAGIC);
  // Begun, or finished (MAGIC + 1): the pool is the same.
  if (magic != MAGIC && magic != MAGIC + 1 || load<u32>(ctx + C_CERTS) == 0) return 0;
  const slot = slotOf(ctx, 0);
  if ((load<u32>(slot + S_FLAGS) & CertFlag.Present) == 0) return 0;
  store<u32>(out, load<u32>(slot + S_KEY_REF + 4));
  store<u32>(out, load<u32>(slot + S_KEY_TYPE), 4);
  return poolOf(ctx) + <usize>load<u32>(slot + S_KEY_REF);
}

/** 1 when some certificate already kept names the anchor slot's subject as its issuer. */
function anchorNeeded(ctx: usize, anchor: usize): u32 {
  const n = min(load<u32>(ctx + C_CERTS), certSlots(ctx));
  for (let i: u32 = 0; i < n; i++) {
    const slot = slotOf(ctx, i);
    if ((load<u32>(slot + S_FLAGS) & CertFlag.Present) == 0) continue;
    if (memory.compare(slot + S_ISSUER, anchor + S_SUBJECT, 32) == 0) return 1;
  }
  return 0;
}

/**
 * Adds a trust anchor (a certificate, len DER bytes at der). Once the peer's
 * certificates are in, an anchor that issued none of them is not kept.
 * Returns Ok (kept or not needed), PathTooLong when the anchor budget is
 * full, Malformed (sticky), or BadArgument when the context was not begun.
 */
export function chainAddTrustAnchor(ctx: usize, der: usize, len: usize): u32 {
  if (load<u32>(ctx + C_MAGIC) != MAGIC) return X509Error.BadArgument;
  if (load<u32>(ctx + C_ERROR) != 0) return load<u32>(ctx + C_ERROR);
  if (!certParse(der, len, scratchSlot)) {
    return fail(ctx, X509Error.Malformed, X509Reason.BadDer, certSlots(ctx) + load<u32>(ctx + C_ANCHORS));
  }
  if (load<u32>(ctx + C_CERTS) != 0 && !anchorNeeded(ctx, scratchSlot)) return X509Error.Ok;
  const index = load<u32>(ctx + C_ANCHORS);
  if (index >= anchorSlots(ctx) || !keepParts(ctx, scratchSlot)) {
    store<u32>(ctx + C_OVERFLOW, load<u32>(ctx + C_OVERFLOW) | OVERFLOW_ANCHORS);
    return X509Error.PathTooLong;
  }
  memory.copy(slotOf(ctx, certSlots(ctx) + index), scratchSlot, SLOT_SIZE);
  store<u32>(ctx + C_ANCHORS, index + 1);
  return X509Error.Ok;
}

// ---- Signature verification: one dispatch from (signature algorithm, key type) to a verifier. ----

/**
 * Verifies child's signature (its TBS hash, or TBS for Ed25519) under
 * parent's key. Returns 0 valid, else the X509Error with the reason in *why.
 */
function verifySignature(ctx: usize, child: usize, parent: usize, why: usize): u32 {
  const alg = load<u32>(child + S_SIG_ALG);
  const keyType = load<u32>(parent + S_KEY_TYPE);
  const pool = poolOf(ctx);
  const key = pool + <usize>load<u32>(parent + S_KEY_REF);
  const keyLen = load<u32>(parent + S_KEY_REF + 4);
  const sig = pool + <usize>load<u32>(child + S_SIG_REF);
  const sigLen = load<u32>(child + S_SIG_REF + 4);
  const digest = child + S_TBS_HASH;
  const digestLen = certTbsHashLength(child);
  let ok: u32 = 0;
  if (alg >= <u32>SigAlg.EcdsaSha256 && alg <= <u32>SigAlg.EcdsaSha512) {
    if (keyType == KeyType.EcP256) ok = ecdsaVerifyDigestOn(P256, key, keyLen, digest, digestLen, sig, sigLen);
    else if (keyType == KeyType.EcP384) ok = ecdsaVerifyDigestOn(P384, key, keyLen, digest, digestLen, sig, sigLen);
    else return mismatch(why);
  } else if (alg >= <u32>SigAlg.RsaPkcs1Sha256 && alg <= <u32>SigAlg.RsaPssSha512) {
    if (keyType != KeyType.Rsa) return mismatch(why);
    const pss = alg >= <u32>SigAlg.RsaPssSha256;
    ok = spkiRsaVerifyDigest(
      key, keyLen, <u32>sigAlgHash(alg), digest, sig, sigLen,
      pss ? RsaScheme.Pss : RsaScheme.Pkcs1, pss ? load<u32>(child + S_SALT) : 0,
    );
  } else if (alg == SigAlg.Ed25519) {
    if (keyType != KeyType.Ed25519) return mismatch(why);
    // Pure Ed25519 (RFC 8410 §6) signs the TBSCertificate itself, kept in the pool.
    const tbs = pool + <usize>load<u32>(child + S_TBS_REF);
    if (sigLen == 64) ok = ed25519Verify(edCtx, key, tbs, <usize>load<u32>(child + S_TBS_REF + 4), sig);
  } else {
    store<u32>(why, X509Reason.UnsupportedSignature);
    return X509Error.UnsupportedAlgorithm;
  }
  store<u32>(why, X509Reason.None);
  return ok ? X509Error.Ok : X509Error.BadSignature;
}

function mismatch(why: usize): u32 {
  store<u32>(why, X509Reason.KeyMismatch);
  return X509Error.BadSignature;
}

// ---- Path building. ----

const linkReason = memory.data(4, 4);
const linkEntity = memory.data(4, 4);

/** Validity of an entity at the context's time: Ok, Expired or NotYetValid. */
function validityOf(ctx: usize, entity: u32): u32 {
  const slot = slotOf(ctx, entity);
  const t = load<i64>(ctx + C_TIME);
  if (t < load<i64>(slot + S_NOT_BEFORE)) return X509Error.NotYetValid;
  if (t > load<i64>(slot + S_NOT_AFTER)) return X509Error.Expired;
  return X509Error.Ok;
}

/** 1 when the EKU of the entity (absent = any) allows the context's purpose. */
function ekuAllows(ctx: usize, flags: u32): u32 {
  if ((flags & CertFlag.ExtKeyUsage) == 0 || (flags & CertFlag.EkuAny) != 0) return 1;
  const want = load<u32>(ctx + C_PURPOSE) == Purpose.ServerAuth ? CertFlag.EkuServerAuth : CertFlag.EkuClientAuth;
  return <u32>((flags & want) != 0);
}

function linkFail(code: u32, reason: u32, entity: u32): u32 {
  store<u32>(linkReason, reason);
  store<u32>(linkEntity, entity);
  return code;
}

/**
 * Every check of the link from the certificate `c` at depth `depth` of the
 * path to the issuer candidate `p`. Returns Ok, or the X509Error with the
 * reason and the entity at fault in linkReason / linkEntity.
 */
function linkCheck(ctx: usize, c: u32, p: u32, depth: u32): u32 {
  const child = slotOf(ctx, c);
  const parent = slotOf(ctx, p);
  const alg = load<u32>(child + S_SIG_ALG);
  // The signature first: it decides whether p is the issuer at all.
  if (alg == SigAlg.WeakMd5 || alg == SigAlg.WeakSha1) return linkFail(X509Error.WeakAlgorithm, X509Reason.WeakHash, c);
  if (alg == SigAlg.Unsupported) return linkFail(X509Error.UnsupportedAlgorithm, X509Reason.UnsupportedSignature, c);
  const keyType = load<u32>(parent + S_KEY_TYPE);
  if (keyType == KeyType.Unsupported) return linkFail(X509Error.UnsupportedAlgorithm, X509Reason.UnsupportedKey, p);
  if (keyType == KeyType.Rsa) {
    const bits = load<u32>(parent + S_KEY_BITS);
    if (bits < 2048) return linkFail(X509Error.WeakAlgorithm, X509Reason.WeakRsaKey, p);
    if (bits > 4096) return linkFail(X509Error.UnsupportedAlgorithm, X509Reason.UnsupportedKey, p);
  }
  const edge = edgesOf(ctx) + <usize>(c * entitySlots(ctx) + p);
  let verdict = load<u8>(edge);
  if (verdict == EDGE_UNKNOWN) {
    const r = verifySignature(ctx, child, parent, linkReason);
    // Not cached: these say why no verdict could be reached.
    if (r == X509Error.UnsupportedAlgorithm) return linkFail(r, load<u32>(linkReason), c);
    if (r != X509Error.Ok && load<u32>(linkReason) == X509Reason.KeyMismatch) {
      return linkFail(X509Error.BadSignature, X509Reason.KeyMismatch, c);
    }
    verdict = r == X509Error.Ok ? EDGE_VALID : EDGE_INVALID;
    store<u8>(edge, verdict);
  }
  if (verdict != EDGE_VALID) return linkFail(X509Error.BadSignature, X509Reason.None, c);

  const flags = load<u32>(parent + S_FLAGS);
  if (flags & CertFlag.UnknownCritical) return linkFail(X509Error.UnknownCriticalExtension, X509Reason.None, p);
  if (p < certSlots(ctx)) {
    // §6.1.4 (k): an intermediate must be a v3 CA.
    const ca = CertFlag.V3 | CertFlag.BasicConstraints | CertFlag.Ca;
    if ((flags & ca) != ca) return linkFail(X509Error.NotACa, X509Reason.None, p);
    // §6.1.4 (n): keyUsage, when present, must allow certificate signing.
    if ((flags & CertFlag.KeyUsage) != 0 && (load<u32>(parent + S_KEY_USAGE) & KU_KEY_CERT_SIGN) == 0) {
      return linkFail(X509Error.BadKeyUsage, X509Reason.NoKeyCertSign, p);
    }
    if (!ekuAllows(ctx, flags)) return linkFail(X509Error.BadKeyUsage, X509Reason.ExtKeyUsage, p);
    // §6.1.4 (m): pathLenConstraint counts the non-self-issued intermediates below p.
    if (flags & CertFlag.PathLen) {
      let below: u32 = 0;
      for (let i: u32 = 1; i <= depth; i++) {
        if ((flagsOf(ctx, load<u32>(ctx + C_PATH + <usize>i * 4)) & CertFlag.SelfIssued) == 0) below++;
      }
      if (below > load<u32>(parent + S_PATHLEN)) return linkFail(X509Error.PathTooLong, X509Reason.PathLenConstraint, p);
    }
  }
  const v = validityOf(ctx, p);
  if (v != X509Error.Ok) return linkFail(v, X509Reason.None, p);
  return X509Error.Ok;
}

/** The name constraints of every CA on the complete path (path[1..len)) against the leaf's names. */
function pathNameConstraints(ctx: usize, len: u32): u32 {
  const namesLen = load<i32>(ctx + C_NAMES_LEN);
  for (let i: u32 = 1; i < len; i++) {
    const e = load<u32>(ctx + C_PATH + <usize>i * 4);
    const slot = slotOf(ctx, e);
    if ((load<u32>(slot + S_FLAGS) & CertFlag.NameConstraints) == 0) continue;
    if (namesLen < 0) return linkFail(X509Error.NameConstraintViolation, X509Reason.TooManyNames, 0);
    const nc = poolOf(ctx) + <usize>load<u32>(slot + S_NC_REF);
    const reason = nameConstraintsCheck(
      nc, <usize>load<u32>(slot + S_NC_REF + 4), namesOf(ctx), <usize>namesLen, load<u32>(ctx + C_FORMS),
    );
    if (reason != X509Reason.None) return linkFail(X509Error.NameConstraintViolation, reason, e);
  }
  return X509Error.Ok;
}

/** Keeps a failure if it got deeper than the best so far (score: 2 x depth, +1 past name matching). */
function record(ctx: usize, score: u32, code: u32, reason: u32, entity: u32): void {
  if (score + 1 > <u32>load<u16>(ctx + C_BEST_SCORE)) {
    store<u16>(ctx + C_BEST_SCORE, <u16>(score + 1));
    store<u32>(ctx + C_ERROR, code);
    store<u32>(ctx + C_REASON, reason);
    store<u32>(ctx + C_ERR_ENTITY, entity);
  }
}

/** Candidate k in search order: the anchors first (a shorter path), then the peer's certificates. */
@inline function candidate(ctx: usize, k: u32): u32 {
  const anchors = anchorSlots(ctx);
  return k < anchors ? certSlots(ctx) + k : k - anchors;
}

/** Depth-first search for a path; 1 when one passes every check (left in C_PATH / C_PATH_LEN). */
function buildPath(ctx: usize): u32 {
  const path = ctx + C_PATH;
  const next = cursorsOf(ctx);
  const entities = entitySlots(ctx);
  store<u32>(path, 0);
  store<u32>(next, 0);
  let depth: u32 = 0;
  while (true) {
    const c = load<u32>(path + <usize>depth * 4);
    const issuer = slotOf(ctx, c) + S_ISSUER;
    let k = load<u32>(next + <usize>depth * 4);
    let p: u32 = 0xffffffff;
    for (; k < entities; k++) {
      const e = candidate(ctx, k);
      if ((flagsOf(ctx, e) & CertFlag.Present) == 0) continue;
      if (memory.compare(slotOf(ctx, e) + S_SUBJECT, issuer, 32) != 0) continue;
      let inPath = false;
      for (let i: u32 = 0; i <= depth; i++) if (load<u32>(path + <usize>i * 4) == e) inPath = true;
      if (inPath) continue;
      p = e;
      break;
    }
    if (p == 0xffffffff) {
      if (load<u32>(next + <usize>depth * 4) == 0) {
        // No certificate or anchor has this certificate's issuer as subject.
        const selfSigned = flagsOf(ctx, c) & CertFlag.SelfIssued;
        record(ctx, depth * 2, X509Error.UnknownIssuer, selfSigned ? X509Reason.SelfSigned : X509Reason.NoIssuer, c);
      }
      if (depth == 0) return 0;
      depth--;
      continue;
    }
    store<u32>(next + <usize>depth * 4, k + 1);
    const r = linkCheck(ctx, c, p, depth);
    if (r != X509Error.Ok) {
      record(ctx, depth * 2 + 1, r, load<u32>(linkReason), load<u32>(linkEntity));
      continue;
    }
    store<u32>(path + <usize>(depth + 1) * 4, p);
    if (p >= certSlots(ctx)) {
      const len = depth + 2;
      const n = pathNameConstraints(ctx, len);
      if (n == X509Error.Ok) {
        store<u32>(ctx + C_PATH_LEN, len);
        return 1;
      }
      record(ctx, len * 2 + 1, n, load<u32>(linkReason), load<u32>(linkEntity));
      continue;
    }
    depth++;
    store<u32>(next + <usize>depth * 4, 0);
  }
}

/** Checks of the leaf alone, once a path exists. */
function leafCheck(ctx: usize): u32 {
  const leaf = slotOf(ctx, 0);
  const flags = load<u32>(leaf + S_FLAGS);
  if (flags & CertFlag.UnknownCritical) return fail(ctx, X509Error.UnknownCriticalExtension, X509Reason.None, 0);
  const v = validityOf(ctx, 0);
  if (v != X509Error.Ok) return fail(ctx, v, X509Reason.None, 0);
  if ((flags & CertFlag.KeyUsage) != 0 && (load<u32>(leaf + S_KEY_USAGE) & KU_DIGITAL_SIGNATURE) == 0) {
    return fail(ctx, X509Error.BadKeyUsage, X509Reason.NoDigitalSignature, 0);
  }
  if (!ekuAllows(ctx, flags)) return fail(ctx, X509Error.BadKeyUsage, X509Reason.ExtKeyUsage, 0);
  if ((load<u32>(ctx + C_HOST_LEN) | load<u32>(ctx + C_IP_LEN)) != 0) {
    if ((flags & CertFlag.SubjectAltName) == 0) return fail(ctx, X509Error.HostnameMismatch, X509Reason.NoSubjectAltName, 0);
    if (load<u32>(ctx + C_SAN_MATCH) == 0) return fail(ctx, X509Error.HostnameMismatch, X509Reason.NameMismatch, 0);
  }
  return X509Error.Ok;
}

/**
 * Builds and checks the path. Returns X509Error.Ok (the path is in the
 * context: chainPathLength / chainPathEntry) or the error (chainErrorReason /
 * chainErrorEntity say why and which certificate). The context is finished:
 * another finish returns the same verdict.
 */
export function chainFinish(ctx: usize): u32 {
  const magic = load<u32>(ctx + C_MAGIC);
  if (magic == MAGIC + 1) return load<u32>(ctx + C_ERROR); // already finished
  if (magic != MAGIC) return X509Error.BadArgument;
  store<u32>(ctx + C_MAGIC, MAGIC + 1);
  if (load<u32>(ctx + C_ERROR) != 0) return load<u32>(ctx + C_ERROR);
  if (load<u32>(ctx + C_CERTS) == 0) return fail(ctx, X509Error.UnknownIssuer, X509Reason.NoLeaf, 0);
  if ((flagsOf(ctx, 0) & CertFlag.Present) == 0) {
    return fail(ctx, X509Error.PathTooLong, X509Reason.ChainOverBudget, 0);
  }
  store<u16>(ctx + C_BEST_SCORE, 0);
  if (!buildPath(ctx)) {
    store<u32>(ctx + C_PATH_LEN, 0);
    // Whatever failed, a certificate or anchor the budget dropped may have
    // been the way through: say that rather than the symptom.
    const overflow = load<u32>(ctx + C_OVERFLOW);
    if (overflow & OVERFLOW_CERTS) return fail(ctx, X509Error.PathTooLong, X509Reason.ChainOverBudget, 0);
    if (overflow & OVERFLOW_ANCHORS) return fail(ctx, X509Error.UnknownIssuer, X509Reason.AnchorsOverBudget, 0);
    return load<u32>(ctx + C_ERROR);
  }
  store<u32>(ctx + C_ERROR, 0);
  store<u32>(ctx + C_REASON, 0);
  store<u32>(ctx + C_ERR_ENTITY, 0);
  const r = leafCheck(ctx);
  if (r != X509Error.Ok) store<u32>(ctx + C_PATH_LEN, 0);
  return r;
}

/** Number of entities in the validated path (0 unless finish returned Ok). */
export function chainPathLength(ctx: usize): u32 {
  return load<u32>(ctx + C_PATH_LEN);
}

/** Entity number at position i of the path (0 = leaf; certSlots + i: the i-th anchor kept). */
export function chainPathEntry(ctx: usize, i: u32): u32 {
  if (i >= load<u32>(ctx + C_PATH_LEN)) return 0xffffffff;
  return load<u32>(ctx + C_PATH + <usize>i * 4);
}

export function chainErrorReason(ctx: usize): u32 {
  return load<u32>(ctx + C_REASON);
}

export function chainErrorEntity(ctx: usize): u32 {
  return load<u32>(ctx + C_ERR_ENTITY);
}

/** notBefore / notAfter of a kept entity (seconds since the epoch), for messages. */
export function chainNotBefore(ctx: usize, entity: u32): i64 {
  return entity < entitySlots(ctx) ? load<i64>(slotOf(ctx, entity) + S_NOT_BEFORE) : 0;
}

export function chainNotAfter(ctx: usize, entity: u32): i64 {
  return entity < entitySlots(ctx) ? load<i64>(slotOf(ctx, entity) + S_NOT_AFTER) : 0;
}

/** Modulus bits of an entity's RSA key (0 for other keys), for messages. */
export function chainKeyBits(ctx: usize, entity: u32): u32 {
  return entity < entitySlots(ctx) ? load<u32>(slotOf(ctx, entity) + S_KEY_BITS) : 0;
}

/** The time the context checks against. */
export function chainTime(ctx: usize): i64 {
  return load<i64>(ctx + C_TIME);
}

/** Trust anchors kept so far. */
export function chainAnchorCount(ctx: usize): u32 {
  return load<u32>(ctx + C_ANCHORS);
}

/** The context's shape: certificate slots | anchor slots << 8 (anchors are entities certSlots + i). */
export function chainSlots(ctx: usize): u32 {
  return certSlots(ctx) | (anchorSlots(ctx) << 8);
}
