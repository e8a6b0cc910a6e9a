// The TLS 1.3 key schedule (RFC 8446 §7.1) over HKDF (hkdf.ts):
//
//   HKDF-Expand-Label(Secret, Label, Context, Length) =
//     HKDF-Expand(Secret, HkdfLabel, Length), where HkdfLabel is
//     struct { uint16 length; opaque label<7..255> = "tls13 " + Label;
//              opaque context<0..255>; }
//   Derive-Secret(Secret, Label, Messages) =
//     HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
//
//   early     = HKDF-Extract(0, PSK or 0^Hlen)
//   handshake = HKDF-Extract(Derive-Secret(early, "derived", ""), (EC)DHE)
//   master    = HKDF-Extract(Derive-Secret(handshake, "derived", ""), 0^Hlen)
// with "c hs traffic"/"s hs traffic" over ClientHello..ServerHello and
// "c ap traffic"/"s ap traffic"/"exp master" over ClientHello..server
// Finished, "res master" over ClientHello..client Finished; traffic keys and
// IVs (§7.3), finished keys (§4.4.4) and the next traffic secret of a
// KeyUpdate (§7.2) are Expand-Labels of a traffic secret.
//
// Secret: every secret, key and IV. Public: labels, lengths, hash id.
import { HKDF_CTX_SIZE, hkdfExpand, hkdfExtract } from "../crypto/hkdf";
import { HMAC_CTX_SIZE, hmacCompute } from "../crypto/hmac";
import { hashCompute, hashDigestSize, HASH_CTX_SIZE } from "../crypto/hash";
import { wipe } from "../crypto/ct";

const hkdfCtx = memory.data(<i32>HKDF_CTX_SIZE, 8);
// HkdfLabel: 2 + 1 + 6 + 255 + 1 + 255 at most; labels here are short, a
// context is a hash or a ticket_nonce<0..255> (§4.6.1).
const info = memory.data(2 + 1 + 6 + 32 + 1 + 255, 8);
const zeros = memory.data(64, 8);
const emptyHash = memory.data(64, 8);
const derived = memory.data(64, 8);
const hashScratch = memory.data(<i32>HASH_CTX_SIZE, 8);

// Labels without the "tls13 " prefix (§7.1, §7.3, §4.4.4, §7.2).
const TLS13 = memory.data<u8>([0x74, 0x6c, 0x73, 0x31, 0x33, 0x20]); // "tls13 "
export const L_DERIVED = memory.data<u8>([0x64, 0x65, 0x72, 0x69, 0x76, 0x65, 0x64]); // "derived"
export const L_C_HS = memory.data<u8>([0x63, 0x20, 0x68, 0x73, 0x20, 0x74, 0x72, 0x61, 0x66, 0x66, 0x69, 0x63]); // "c hs traffic"
export const L_S_HS = memory.data<u8>([0x73, 0x20, 0x68, 0x73, 0x20, 0x74, 0x72, 0x61, 0x66, 0x66, 0x69, 0x63]); // "s hs traffic"
export const L_C_AP = memory.data<u8>([0x63, 0x20, 0x61, 0x70, 0x20, 0x74, 0x72, 0x61, 0x66, 0x66, 0x69, 0x63]); // "c ap traffic"
export const L_S_AP = memory.data<u8>([0x73, 0x20, 0x61, 0x70, 0x20, 0x74, 0x72, 0x61, 0x66, 0x66, 0x69, 0x63]); // "s ap traffic"
export const L_EXP = memory.data<u8>([0x65, 0x78, 0x70, 0x20, 0x6d, 0x61, 0x73, 0x74, 0x65, 0x72]); // "exp master"
export const L_RES = memory.data<u8>([0x72, 0x65, 0x73, 0x20, 0x6d, 0x61, 0x73, 0x74, 0x65, 0x72]); // "res master"
export const L_KEY = memory.data<u8>([0x6b, 0x65, 0x79]); // "key"
export const L_IV = memory.data<u8>([0x69, 0x76]); // "iv"
export const L_FINISHED = memory.data<u8>([0x66, 0x69, 0x6e, 0x69, 0x73, 0x68, 0x65, 0x64]); // "finished"
export const L_TRAFFIC_UPD = memory.data<u8>([0x74, 0x72, 0x61, 0x66, 0x66, 0x69, 0x63, 0x20, 0x75, 0x70, 0x64]); // "traffic upd"
export const L_RESUMPTION = memory.data<u8>([0x72, 0x65, 0x73, 0x75, 0x6d, 0x70, 0x74, 0x69, 0x6f, 0x6e]); // "resumption"
export const L_RES_BINDER = memory.data<u8>([0x72, 0x65, 0x73, 0x20, 0x62, 0x69, 0x6e, 0x64, 0x65, 0x72]); // "res binder"

/**
 * HKDF-Expand-Label (§7.1): outLen bytes to out from secret (HashLen bytes)
 * with label (labelLen <= 32, without "tls13 ") and context (ctxLen <= 255).
 * out may alias secret.
 */
export function expandLabel(
  id: u32, secret: usize, label: usize, labelLen: u32, context: usize, ctxLen: u32, out: usize, outLen: u32,
): void {
  const hlen = <usize>hashDigestSize(id);
  store<u8>(info, <u8>(outLen >> 8));
  store<u8>(info, <u8>outLen, 1);
  store<u8>(info, <u8>(6 + labelLen), 2);
  memory.copy(info + 3, TLS13, 6);
  memory.copy(info + 9, label, labelLen);
  store<u8>(info + 9 + <usize>labelLen, <u8>ctxLen);
  memory.copy(info + 10 + <usize>labelLen, context, ctxLen);
  // Expand into `derived` first: out may be the secret itself.
  hkdfExpand(hkdfCtx, id, secret, hlen, info, 10 + <usize>labelLen + <usize>ctxLen, derived, outLen);
  memory.copy(out, derived, outLen);
  wipe(derived, 64);
  wipe(info, 10 + <usize>labelLen + <usize>ctxLen);
}

/** Derive-Secret (§7.1) with a transcript hash already computed (HashLen bytes at hash). */
export function deriveSecret(id: u32, secret: usize, label: usize, labelLen: u32, hash: usize, out: usize): void {
  const hlen = hashDigestSize(id);
  expandLabel(id, secret, label, labelLen, hash, hlen, out, hlen);
}

/** early_secret = HKDF-Extract(0, psk) into out; psk == 0 means no PSK (0^HashLen). */
export function earlySecret(id: u32, psk: usize, pskLen: u32, out: usize): void {
  const hlen = <usize>hashDigestSize(id);
  wipe(zeros, 64);
  hkdfExtract(hkdfCtx, id, zeros, hlen, psk == 0 ? zeros : psk, psk == 0 ? hlen : <usize>pskLen, out);
}

/**
 * The next stage of the schedule (§7.1): secret <- HKDF-Extract(
 * Derive-Secret(secret, "derived", ""), ikm), in place. ikm == 0 means
 * 0^HashLen (the master secret's input).
 */
export function nextStage(id: u32, secret: usize, ikm: usize, ikmLen: u32): void {
  const hlen = <usize>hashDigestSize(id);
  hashCompute(hashScratch, id, zeros, 0, emptyHash);
  deriveSecret(id, secret, L_DERIVED, 7, emptyHash, secret);
  wipe(zeros, 64);
  hkdfExtract(hkdfCtx, id, secret, hlen, ikm == 0 ? zeros : ikm, ikm == 0 ? hlen : <usize>ikmLen, secret);
  wipe(hashScratch, HASH_CTX_SIZE);
}

/** binder_key = Derive-Secret(early_secret, "res binder", "") (§7.1) into out. */
export function binderKey(id: u32, early: usize, out: usize): void {
  hashCompute(hashScratch, id, zeros, 0, emptyHash);
  deriveSecret(id, early, L_RES_BINDER, 10, emptyHash, out);
  wipe(hashScratch, HASH_CTX_SIZE);
}

/** Traffic key and IV of a traffic secret (§7.3): key = keyLen bytes, iv = 12 bytes. */
export function trafficKeys(id: u32, secret: usize, keyLen: u32, key: usize, iv: usize): void {
  expandLabel(id, secret, L_KEY, 3, zeros, 0, key, keyLen);
  expandLabel(id, secret, L_IV, 2, zeros, 0, iv, 12);
}

/** finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) (§4.4.4). */
export function finishedKey(id: u32, secret: usize, out: usize): void {
  expandLabel(id, secret, L_FINISHED, 8, zeros, 0, out, hashDigestSize(id));
}

const hmacCtx = memory.data(<i32>HMAC_CTX_SIZE, 8);
const fkey = memory.data(64, 8);

/**
 * verify_data = HMAC(finished_key, transcriptHash) (§4.4.4) into out, with
 * finished_key derived from the traffic secret. Returns HashLen.
 */
export function finishedMac(id: u32, secret: usize, transcriptHash: usize, out: usize): u32 {
  const hlen = hashDigestSize(id);
  finishedKey(id, secret, fkey);
  hmacCompute(hmacCtx, id, fkey, hlen, transcriptHash, hlen, out);
  wipe(fkey, 64);
  return hlen;
}

/** application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length), in place (§7.2). */
export function nextTrafficSecret(id: u32, secret: usize): void {
  expandLabel(id, secret, L_TRAFFIC_UPD, 11, zeros, 0, secret, hashDigestSize(id));
}
