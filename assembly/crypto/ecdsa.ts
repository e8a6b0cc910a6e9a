// ECDSA (FIPS 186-5 §6.4, SEC1 §4.1): verification over P-256 and P-384,
// signing (P-256; P-384 shares every line) with deterministic nonces (RFC
// 6979 §3.2, HMAC over the message's own hash), and the
// signature's DER form Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
// (RFC 5480 §2.2.3 / RFC 3279 §2.2.3), read strictly (X.690 §10: minimal
// lengths and integers, nothing after the SEQUENCE).
//
// Variant: signing is constant time in the private key and the nonce (mont.ts,
// pointMulCt); verification works on public data only and may branch and
// use the variable-time double multiplication. Secret: d, k, k^-1, r*d.
// Public: the message digest in verify, the public key, the signature.
//
// Context (ECDSA_CTX_SIZE = 864 bytes, caller-owned): the message is hashed
// as it streams in (ecdsaInit / ecdsaUpdate), then signed or verified.
//   0    u32 hash id (hash.ts: 0 SHA-256, 1 SHA-384, 2 SHA-512)
//   16   hash context (HASH_CTX_SIZE)
//   224  HMAC context for RFC 6979's nonce (HMAC_CTX_SIZE), signing only
import { declassify, declassifyBytes, wipe } from "./ct";
import { HASH_CTX_SIZE, HASH_MAX_DIGEST_SIZE, hashDigestSize, hashFinal, hashInit, hashUpdate } from "./hash";
import { HMAC_CTX_SIZE, hmacFinal, hmacInit, hmacUpdate } from "./hmac";
import {
  modAdd, modDecode, modEncode, modEqual, modInv, modIsZero, modReduceOnce, montMul, toMont,
} from "./mont";
import { modInvVartime } from "./mont_vartime";
import { scalarDecodeNonZero, scalarFromDigest } from "./p256_scalar";
import {
  POINT_SIZE, curveBytes, curveField, curveOrder, pointDecode, pointEncodeAffine, pointGenerator,
  pointMulCt, wipeCurveScratch,
} from "./weierstrass";
import { pointMulAddComplete, pointMulAddVartime, pointXModOrderEquals } from "./weierstrass_vartime";

const HASH_ID: usize = 0;
const HASH_CTX: usize = 16;
const HMAC_CTX: usize = HASH_CTX + HASH_CTX_SIZE;
export const ECDSA_CTX_SIZE: usize = HMAC_CTX + HMAC_CTX_SIZE;
/** Longest DER signature: P-384, SEQUENCE of two 49-byte INTEGERs. */
export const ECDSA_MAX_SIG_SIZE: usize = 2 + 2 * (2 + 49);

const r = memory.data(48, 8);
const s = memory.data(48, 8);
const z = memory.data(48, 8);
const w = memory.data(48, 8);
const rBytes = memory.data(48, 8);
const sBytes = memory.data(48, 8);
const u1 = memory.data(48, 8);
const u2 = memory.data(48, 8);
const q = memory.data(144, 8);
const sum = memory.data(144, 8);
// RFC 6979 §3.2 state: V and K (hlen bytes each), T (at least rlen bytes),
// and the message digest once the stream is finished.
const V = memory.data(64, 8);
const K = memory.data(64, 8);
const T = memory.data(128, 8);
const digestBuf = memory.data(64, 8);
const ZERO_BYTE = memory.data<u8>([0x00]);
const ONE_BYTE = memory.data<u8>([0x01]);

/**
 * Reads one DER INTEGER at sig[pos..end) into dst as `size` big-endian bytes
 * (left-padded). Strict: tag 0x02, a short-form length (the longest integer
 * here, 49 bytes, never needs the long form, so any long form is
 * non-minimal), at least one content byte, no sign bit (ECDSA integers are
 * positive), no leading 0x00 unless the next byte needs it. Returns the
 * offset after it, or -1.
 */
function derReadInteger(sig: usize, pos: isize, end: isize, dst: usize, size: usize): isize {
  if (pos + 2 > end) return -1;
  if (load<u8>(sig + <usize>pos) != 0x02) return -1;
  let len = <isize>load<u8>(sig + <usize>pos + 1);
  pos += 2;
  if (len == 0 || len >= 0x80 || pos + len > end) return -1;
  let p = sig + <usize>pos;
  const next = pos + len;
  const first = load<u8>(p);
  if ((first & 0x80) != 0) return -1;
  if (first == 0) {
    if (len == 1) {
      // The value zero: well-formed DER, but out of [1, n-1]; the range
      // check rejects it. Keep one zero byte.
    } else {
      if ((load<u8>(p + 1) & 0x80) == 0) return -1;
      p++;
      len--;
    }
  }
  if (<usize>len > size) return -1;
  memory.fill(dst, 0, size);
  memory.copy(dst + size - <usize>len, p, <usize>len);
  return next;
}

/**
 * Parses a DER Ecdsa-Sig-Value of sigLen bytes at sig into r and s (plain
 * limbs mod the curve's order n) and checks both are in [1, n-1] (FIPS 186-5
 * §6.4.2 step 1). Returns 1 when well formed and in range, else 0.
 */
function derDecodeSignature(c: usize, sig: usize, sigLen: usize): u32 {
  const n = curveOrder(c);
  const size = curveBytes(c);
  // SEQUENCE with a short-form length covering exactly the rest.
  if (sigLen < 2 || sigLen > 2 + 2 * (3 + size)) return 0;
  if (load<u8>(sig) != 0x30) return 0;
  const bodyLen = <usize>load<u8>(sig + 1);
  if (bodyLen >= 0x80 || bodyLen + 2 != sigLen) return 0;
  const end = <isize>sigLen;
  let pos = derReadInteger(sig, 2, end, rBytes, size);
  if (pos < 0) return 0;
  pos = derReadInteger(sig, pos, end, sBytes, size);
  if (pos != end) return 0;
  if (modDecode(n, r, rBytes) == 0 || modIsZero(n, r) != 0) return 0;
  if (modDecode(n, s, sBytes) == 0 || modIsZero(n, s) != 0) return 0;
  return 1;
}

/**
 * Verifies the DER signature at sig (sigLen bytes) over the message digest
 * at digest (digestLen bytes, the hash of the message, truncated to the
 * order's length per FIPS 186-5 §6.4.2 step 5) with the SEC1 uncompressed
 * public key at pub (pubLen bytes) on curve c. Returns 1 when valid, 0 for
 * any malformed, out-of-range or wrong input. All inputs are public.
 */
export function ecdsaVerifyDigestOn(
  c: usize, pub: usize, pubLen: usize, digest: usize, digestLen: usize, sig: usize, sigLen: usize,
): u32 {
  const n = curveOrder(c);
  let ok: u32 = 0;
  if (derDecodeSignature(c, sig, sigLen) != 0 && pointDecode(c, q, pub, pubLen) != 0) {
    scalarFromDigest(n, z, digest, digestLen);
    // w = s^-1 in Montgomery form; z * w and r * w then come out plain
    // (montMul divides by R once): u1 = e * s^-1, u2 = r * s^-1 (step 6-7).
    // s is public: the variable-time inversion is safe here.
    toMont(n, w, s);
    if (ASC_SHRINK_LEVEL == 0) modInvVartime(n, w, w);
    else modInv(n, w, w);
    montMul(n, u1, z, w);
    montMul(n, u2, r, w);
    modEncode(n, rBytes, u1);
    modEncode(n, sBytes, u2);
    // Steps 8-11: R = u1 G + u2 Q must be finite and x_R mod n must equal r.
    // The size profile keeps to the complete formulas (weierstrass_vartime.ts).
    if (ASC_SHRINK_LEVEL == 0) {
      pointMulAddVartime(c, sum, rBytes, q, sBytes);
      ok = pointXModOrderEquals(c, sum, r);
    } else {
      pointMulAddComplete(c, sum, rBytes, q, sBytes);
      // x_R < p < 2n on both curves: one subtraction reduces it.
      if (pointEncodeAffine(c, u1, 0, sum) != 0) {
        modDecode(curveField(c), w, u1);
        modReduceOnce(n, w, w);
        ok = modEqual(n, w, r);
      }
    }
  }
  wipeCurveScratch();
  return ok;
}

/** Writes an INTEGER for the `size` big-endian bytes at src (public) at out; returns its length. */
function derWriteInteger(out: usize, src: usize, size: usize): usize {
  let skip: usize = 0;
  while (skip < size - 1 && load<u8>(src + skip) == 0) skip++;
  const len = size - skip;
  // A leading 1 bit would read as negative (X.690 §8.3.3): prefix 0x00.
  const pad: usize = (load<u8>(src + skip) & 0x80) != 0 ? 1 : 0;
  store<u8>(out, 0x02);
  store<u8>(out + 1, <u8>(len + pad));
  store<u8>(out + 2, 0);
  memory.copy(out + 2 + pad, src + skip, len);
  return 2 + pad + len;
}

/** K = HMAC_K(V || sep || x || h1) (sep < 0: HMAC_K(V) alone) for RFC 6979 §3.2 d, f, h. */
function hmacStep(hctx: usize, id: u32, hlen: usize, out: usize, sep: usize, x: usize, h1: usize, rlen: usize): void {
  hmacInit(hctx, id, K, hlen);
  hmacUpdate(hctx, V, hlen);
  if (sep != 0) {
    hmacUpdate(hctx, sep, 1);
    if (x != 0) {
      hmacUpdate(hctx, x, rlen);
      hmacUpdate(hctx, h1, rlen);
    }
  }
  hmacFinal(hctx, out);
}

/**
 * Signs the message digest at digest (digestLen bytes, made with hash id)
 * with the private key at priv (curveBytes(c) big-endian bytes, SECRET) on
 * curve c, writing the DER signature to out (at most ECDSA_MAX_SIG_SIZE
 * bytes). The nonce is RFC 6979 §3.2's, with HMAC over the same hash, so the
 * same key and message always give the same signature and a bad random
 * source cannot leak the key. s is not normalised (RFC 6979's vectors are
 * not). ctx is an ECDSA context (its HMAC region is scratch). Returns the
 * DER length, or 0 when the key is not in [1, n-1] or id is unknown.
 */
export function ecdsaSignDigestOn(
  ctx: usize, c: usize, id: u32, priv: usize, digest: usize, digestLen: usize, out: usize,
): usize {
  const hlen = <usize>hashDigestSize(id);
  if (hlen == 0) return 0;
  const n = curveOrder(c);
  const rlen = curveBytes(c);
  const hctx = ctx + HMAC_CTX;
  // The verdict is public: the caller reports an out-of-range key.
  const valid = declassify(scalarDecodeNonZero(n, w, priv));
  if (valid == 0) {
    wipe(w, 48);
    return 0;
  }
  // §3.2 a-c: h1 = H(m); V = 0x01 * hlen; K = 0x00 * hlen. bits2octets(h1)
  // is bits2int(h1) mod n as rlen bytes (§2.3.4), kept in rBytes.
  scalarFromDigest(n, z, digest, digestLen);
  modEncode(n, rBytes, z);
  memory.fill(V, 0x01, hlen);
  memory.fill(K, 0x00, hlen);
  // §3.2 d-g: K = HMAC_K(V || 0x00 || int2octets(x) || bits2octets(h1)), V = HMAC_K(V),
  // then the same with 0x01.
  hmacStep(hctx, id, hlen, K, ZERO_BYTE, priv, rBytes, rlen);
  hmacStep(hctx, id, hlen, V, 0, 0, 0, rlen);
  hmacStep(hctx, id, hlen, K, ONE_BYTE, priv, rBytes, rlen);
  hmacStep(hctx, id, hlen, V, 0, 0, 0, rlen);
  let length: usize = 0;
  // §3.2 h: candidates until one gives k in [1, n-1], r != 0 and s != 0. A
  // retry happens with probability about 2^-32 on P-256 (n is 2^256 minus
  // about 2^224) and 2^-194 on P-384; it says only that a discarded
  // candidate was out of range, so looping on the verdict leaks nothing useful.
  while (length == 0) {
    for (let tlen: usize = 0; tlen < rlen; tlen += hlen) {
      hmacStep(hctx, id, hlen, V, 0, 0, 0, rlen);
      memory.copy(T + tlen, V, hlen);
    }
    // k = bits2int(T): qlen = 8 * rlen, so the leftmost rlen bytes.
    length = signWithNonce(c, n, rlen, priv, out);
    if (length == 0) {
      hmacStep(hctx, id, hlen, K, ZERO_BYTE, 0, 0, rlen);
      hmacStep(hctx, id, hlen, V, 0, 0, 0, rlen);
    }
  }
  wipe(V, 64);
  wipe(K, 64);
  wipe(T, 128);
  wipe(hctx, HMAC_CTX_SIZE);
  wipe(w, 48);
  wipe(z, 48);
  wipe(u1, 48);
  wipe(u2, 48);
  wipe(s, 48);
  wipe(sBytes, 48);
  wipe(q, POINT_SIZE);
  wipeCurveScratch();
  return length;
}

/**
 * One signing attempt with the nonce k = T[0..rlen) (SECRET), the digest's
 * scalar in z (plain) and the key's bytes at priv: FIPS 186-5 §6.4.1 steps
 * 5-12. Writes the DER signature to out and returns its length, or 0 when k,
 * r or s is out of range (the caller draws the next nonce).
 */
function signWithNonce(c: usize, n: usize, rlen: usize, priv: usize, out: usize): usize {
  // A rejected candidate is discarded and the next one is a fresh HMAC
  // output (§3.2 h.3), so whether this one was in range says nothing about
  // the key or the k finally used: the verdict may be public.
  const kValid = declassify(scalarDecodeNonZero(n, u1, T));
  if (kValid == 0) return 0;
  // (x1, y1) = k * G; r = x1 mod n (x1 < p < 2n: one subtraction).
  pointGenerator(c, sum);
  pointMulCt(c, q, sum, T);
  pointEncodeAffine(c, sBytes, 0, q);
  modDecode(curveField(c), r, sBytes);
  modReduceOnce(n, r, r);
  // k^-1 in Montgomery form; then plain * Montgomery products stay plain:
  // s = k^-1 * (e + r * d) mod n.
  toMont(n, u1, u1);
  modInv(n, u1, u1);
  modDecode(n, w, priv);
  toMont(n, u2, w);
  montMul(n, u2, r, u2); // r * d
  modAdd(n, u2, z, u2); // e + r * d
  montMul(n, s, u2, u1); // (e + r * d) * k^-1
  wipe(u1, 48);
  wipe(u2, 48);
  // r or s of zero discards the candidate, as above.
  if (declassify(modIsZero(n, r) | modIsZero(n, s)) != 0) return 0;
  // r and s are the public signature from here on: their DER encoding
  // branches on leading zero bytes (X.690 §8.3.2).
  modEncode(n, rBytes, r);
  modEncode(n, sBytes, s);
  declassifyBytes(rBytes, rlen);
  declassifyBytes(sBytes, rlen);
  let len = derWriteInteger(out + 2, rBytes, rlen);
  len += derWriteInteger(out + 2 + len, sBytes, rlen);
  store<u8>(out, 0x30);
  store<u8>(out + 1, <u8>len);
  return len + 2;
}

/** Starts hashing a message with hash id in the ECDSA context at ctx. Returns HashLen, or 0. */
export function ecdsaInit(ctx: usize, id: u32): u32 {
  const size = hashDigestSize(id);
  if (size == 0) return 0;
  store<u32>(ctx, id, HASH_ID);
  hashInit(ctx + HASH_CTX, id);
  return size;
}

/** Absorbs len more message bytes (any split). */
export function ecdsaUpdate(ctx: usize, data: usize, len: usize): void {
  hashUpdate(ctx + HASH_CTX, data, len);
}

/** Finishes the message's hash into digestBuf; returns its length. */
function finishDigest(ctx: usize): usize {
  return <usize>hashFinal(ctx + HASH_CTX, digestBuf);
}

/**
 * Signs the streamed message on curve c with priv (SECRET); the DER
 * signature goes to out. Returns its length, or 0 for an invalid key.
 * The context is wiped.
 */
export function ecdsaSignFinal(ctx: usize, c: usize, priv: usize, out: usize): usize {
  const id = load<u32>(ctx, HASH_ID);
  const len = finishDigest(ctx);
  const sigLen = ecdsaSignDigestOn(ctx, c, id, priv, digestBuf, len, out);
  wipe(digestBuf, <usize>HASH_MAX_DIGEST_SIZE);
  wipe(ctx, ECDSA_CTX_SIZE);
  return sigLen;
}

/** Verifies sig over the streamed message under pub on curve c: 1 valid, 0 not. */
export function ecdsaVerifyFinal(ctx: usize, c: usize, pub: usize, pubLen: usize, sig: usize, sigLen: usize): u32 {
  const len = finishDigest(ctx);
  const ok = ecdsaVerifyDigestOn(c, pub, pubLen, digestBuf, len, sig, sigLen);
  wipe(digestBuf, <usize>HASH_MAX_DIGEST_SIZE);
  wipe(ctx, ECDSA_CTX_SIZE);
  return ok;
}
