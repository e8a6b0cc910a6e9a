// ECDH over P-256: the shared secret is the x-coordinate of d * Q (SEC1
// §3.3.1, NIST SP 800-56A Rev. 3 §5.7.1.2 "ECC CDH" with cofactor 1), as
// TLS 1.3 uses it (RFC 8446 §7.4.2: the X coordinate, 32 bytes).
//
// Variant: constant time in the private key (pointMulCt). Secret: d, the
// product point and the shared x. Public: the peer's point and the verdicts.
// The peer's point is fully validated first (SP 800-56A §5.6.2.3.4 via
// pointDecode): an invalid-curve point would otherwise leak d mod small
// orders.
import { declassify, wipe } from "./ct";
import { P256 } from "./p256";
import { P256_N, scalarDecodeNonZero } from "./p256_scalar";
import {
  EcResult, POINT_SIZE, pointDecode, pointEncodeAffine, pointMulCt, wipeCurveScratch,
} from "./weierstrass";

const d = memory.data(48, 8);
const peer = memory.data(144, 8);
const product = memory.data(144, 8);

/**
 * Writes the 32-byte shared x-coordinate of priv * pub to out. priv: 32
 * big-endian bytes (SECRET); pub: pubLen bytes, a SEC1 uncompressed point.
 * Returns EcResult.Ok, InvalidPrivateKey (d not in [1, n-1]) or InvalidPoint
 * (pub not a valid point, or a product at infinity, SP 800-56A §5.7.1.2
 * step 2); out is untouched or zeroed on failure.
 */
export function ecdhP256Shared(priv: usize, pub: usize, pubLen: usize, out: usize): u32 {
  // Both verdicts are public: the caller reports them.
  const valid = declassify(scalarDecodeNonZero(P256_N, d, priv));
  wipe(d, 48);
  if (valid == 0) return EcResult.InvalidPrivateKey;
  if (pointDecode(P256, peer, pub, pubLen) == 0) return EcResult.InvalidPoint;
  pointMulCt(P256, product, peer, priv);
  const finite = declassify(pointEncodeAffine(P256, out, 0, product));
  wipe(product, POINT_SIZE);
  wipeCurveScratch();
  // On a prime-order curve with d in [1, n-1] the product is never the
  // identity; the check stays because SP 800-56A requires it.
  if (finite == 0) {
    wipe(out, 32);
    return EcResult.InvalidPoint;
  }
  return EcResult.Ok;
}
