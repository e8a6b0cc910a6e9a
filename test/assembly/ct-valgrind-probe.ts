// Extra exports for the valgrind constant-time harness (boards/ct/harness.c),
// compiled together with the engine's own entry (assembly/index.ts) by
// scripts/ct.mjs: never shipped.
//
//   ctKeySchedule    the TLS 1.3 key schedule (assembly/tls/keyschedule.ts),
//                    which the engine exports do not reach on their own
//   ctResumption     a ticket's PSK, its early secret and the binder (session.ts)
//   ctLeaky*         the positive controls: leaks the harness MUST report, so
//                    a clean run means the tool saw the code, not that it was blind
import { binderKey, earlySecret, expandLabel, nextStage, deriveSecret, trafficKeys, finishedMac, nextTrafficSecret,
  L_C_HS, L_S_HS, L_C_AP, L_S_AP, L_RESUMPTION } from "../../assembly/tls/keyschedule";
import { hashDigestSize } from "../../assembly/crypto/hash";

/**
 * The schedule of one full handshake (RFC 8446 §7.1) on the (EC)DHE shared
 * secret at shared (sharedLen bytes, SECRET) with hash id, over the public
 * transcript hashes at th (two of HashLen bytes: after ServerHello and after
 * server Finished). Writes to out, HashLen bytes each: the client and server
 * handshake traffic secrets, the client and server application traffic
 * secrets, the next client application secret (§7.2), then the client
 * handshake key (keyLen) and IV (12) and the client Finished (HashLen).
 * Returns the bytes written.
 */
export function ctKeySchedule(id: u32, shared: usize, sharedLen: u32, th: usize, keyLen: u32, out: usize): u32 {
  const h = <usize>hashDigestSize(id);
  const secret = out + 7 * h + keyLen + 12; // scratch past the outputs
  earlySecret(id, 0, 0, secret);
  nextStage(id, secret, shared, sharedLen);
  deriveSecret(id, secret, L_C_HS, 12, th, out);
  deriveSecret(id, secret, L_S_HS, 12, th, out + h);
  nextStage(id, secret, 0, 0);
  deriveSecret(id, secret, L_C_AP, 12, th + h, out + 2 * h);
  deriveSecret(id, secret, L_S_AP, 12, th + h, out + 3 * h);
  memory.copy(out + 4 * h, out + 2 * h, h);
  nextTrafficSecret(id, out + 4 * h);
  trafficKeys(id, out, keyLen, out + 5 * h, out + 5 * h + keyLen);
  finishedMac(id, out, th + h, out + 5 * h + keyLen + 12);
  memory.fill(secret, 0, h);
  return <u32>(6 * h + <usize>keyLen + 12);
}

const TABLE = memory.data<u8>([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3]);

/**
 * Control: branches on secret bytes, an early-exit compare of the 16 bytes
 * at secret with TABLE (a single `if` on a byte would be if-converted into a
 * branch-free select by Binaryen or GCC: the exit of a loop cannot be).
 */
export function ctLeakyBranch(secret: usize): u32 {
  for (let i: usize = 0; i < 16; i++) {
    if (load<u8>(secret + i) != load<u8>(TABLE + i)) return 0;
  }
  return 1;
}

/** Control: loads from an address that depends on a secret (an S-box lookup). */
export function ctLeakyLookup(secret: usize): u32 {
  return load<u8>(TABLE + <usize>(load<u8>(secret) & 15));
}

/**
 * Resumption (RFC 8446 §4.6.1, §4.2.11.2) with hash id: the PSK of a ticket
 * from resumption_master_secret (resMaster, HashLen bytes, SECRET) and its
 * ticket_nonce (nonceLen public bytes at nonce), then the early secret of
 * that PSK and the binder over the public truncated-ClientHello hash at th.
 * Writes the PSK, the early secret and the binder to out (HashLen bytes
 * each); returns the bytes written.
 */
export function ctResumption(id: u32, resMaster: usize, nonce: usize, nonceLen: u32, th: usize, out: usize): u32 {
  const h = hashDigestSize(id);
  const key = out + 3 * <usize>h; // scratch past the outputs
  expandLabel(id, resMaster, L_RESUMPTION, 10, nonce, nonceLen, out, h);
  earlySecret(id, out, h, out + h);
  binderKey(id, out + h, key);
  finishedMac(id, key, th, out + 2 * <usize>h);
  memory.fill(key, 0, h);
  return 3 * h;
}
