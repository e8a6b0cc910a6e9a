// ECDSA (FIPS 186-5 §6.4, SEC1 §4.1): verification over P-256 and P-384,
// signing over P-256 with deterministic nonces (RFC 6979 §3.2), and the
// signature's DER form Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
// (RFC 5480 §2.2.3 / RFC 3279 §2.2.3), read strictly (X.690 §10: minimal
// lengths and integers, nothing after the SEQUENCE).
//
// Variant: signing is constant time in the private key and the nonce (mont.ts,
// pointMulCt); verification works on public data only and may branch and
// use the variable-time double multiplication. Secret: d, k, k^-1, r*d.
// Public: the message digest in verify, the public key, the signature.
import { wipe } from "./ct";
import {
  fromMont, modDecode, modEncode, modEqual, modInv, modIsZero, modReduceOnce, montMul, toMont,
} from "./mont";
import { scalarFromDigest } from "./p256_scalar";
import {
  POINT_SIZE, curveBytes, curveField, curveOrder, pointDecode, pointEncodeAffine, pointMulAddVartime,
  wipeCurveScratch,
} from "./weierstrass";

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
    toMont(n, w, s);
    modInv(n, w, w);
    montMul(n, u1, z, w);
    montMul(n, u2, r, w);
    modEncode(n, rBytes, u1);
    modEncode(n, sBytes, u2);
    pointMulAddVartime(c, sum, rBytes, q, sBytes);
    // R at infinity fails (step 9); else v = x_R mod n must equal r (step 10-11).
    // x_R < p < 2n for both curves, so one subtraction reduces it.
    if (pointEncodeAffine(c, u1, 0, sum) != 0) {
      modDecode(curveField(c), w, u1);
      modReduceOnce(n, w, w);
      ok = modEqual(n, w, r);
    }
  }
  wipeCurveScratch();
  return ok;
}
