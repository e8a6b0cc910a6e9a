// Exposes mont_vartime.ts's inversion to the tests (compiled by
// test/support/asc.ts, never shipped).
import { modInvVartime } from "../../assembly/crypto/mont_vartime";
import { P256_P } from "../../assembly/crypto/p256_field";
import { P256_N } from "../../assembly/crypto/p256_scalar";
import { P384_N, P384_P } from "../../assembly/crypto/p384_field";

const a = memory.data(48, 8);
const r = memory.data(48, 8);

/** Moduli by id: 0 P-256 p, 1 P-256 n, 2 P-384 p, 3 P-384 n. */
function modulus(id: u32): usize {
  if (id == 0) return P256_P;
  if (id == 1) return P256_N;
  if (id == 2) return P384_P;
  return P384_N;
}

export function probeA(): usize { return a; }
export function probeR(): usize { return r; }
export function probeModInvVartime(id: u32): void { modInvVartime(modulus(id), r, a); }
