// RSA signature verification on the wasm surface (RFC 8017 §8.1.2, §8.2.2):
// thin wrappers over assembly/crypto/rsa*.ts and assembly/x509/spki.ts.
import { rsaPublic } from "../crypto/rsa";
import { spkiParseRsa } from "../x509/spki";

/** RSAVP1 (RFC 8017 §5.2.2): see crypto/rsa.ts. Returns k, or 0 for a refused key or signature. */
export function rsaPublicOp(n: usize, nLen: u32, e: u32, sig: usize, sigLen: u32, out: usize): u32 {
  return rsaPublic(n, nLen, e, sig, sigLen, out);
}

/** Parses an RSA SubjectPublicKeyInfo into out (12 bytes: n pointer, n length, e). 1 or 0. */
export function rsaParseSpki(spki: usize, len: u32, out: usize): u32 {
  return spkiParseRsa(spki, len, out);
}
