// Constant-time helpers that every secret path uses (BearSSL inner.h idiom).
//
// Contracts: a `ctl` is 0 or 1; a `mask` is 0 or 0xFFFFFFFF. Nothing here
// branches, indexes memory or uses a comparison operator on its arguments, so
// the result takes the same time whatever the (secret) values are. Wasm
// `select` and `i32.eq` are avoided on purpose: an interpreter or an AOT
// compiler on a board may lower them to jumps; plain bit operations survive
// any lowering.

/** x when ctl == 1, y when ctl == 0. */
@inline export function mux(ctl: u32, x: u32, y: u32): u32 {
  return y ^ ((0 - ctl) & (x ^ y));
}

/**
 * 1 when x == y, else 0. Written as NOT then shift rather than shift then
 * `^ 1`: Binaryen rewrites the latter into `i32.eqz`, a compare that a board
 * compiler may lower to a branch.
 */
@inline export function eq(x: u32, y: u32): u32 {
  const q = x ^ y;
  return ~(q | (0 - q)) >> 31;
}

/** 1 when x != y, else 0. */
@inline export function neq(x: u32, y: u32): u32 {
  const q = x ^ y;
  return (q | (0 - q)) >> 31;
}

/** 1 when x > y (unsigned), else 0. */
@inline export function gt(x: u32, y: u32): u32 {
  const z = y - x;
  return (z ^ ((x ^ y) & (x ^ z))) >> 31;
}

/** 0xFFFFFFFF when ctl == 1, 0 when ctl == 0. */
@inline export function maskOf(ctl: u32): u32 {
  return 0 - ctl;
}

/**
 * 1 when the len bytes at a and b are equal, else 0. The bytes are secret,
 * len is public. Every byte is folded in before the single verdict: an early
 * exit would leak how many leading bytes matched.
 */
export function ctEqual(a: usize, b: usize, len: usize): u32 {
  let acc: u32 = 0;
  for (let i: usize = 0; i < len; i++) acc |= <u32>load<u8>(a + i) ^ <u32>load<u8>(b + i);
  return eq(acc, 0);
}

/**
 * Copies len bytes from src to dst when ctl == 1 and leaves dst as it was when
 * ctl == 0, reading and writing every byte either way (BearSSL's br_ccopy).
 */
export function ctCopy(ctl: u32, dst: usize, src: usize, len: usize): void {
  const m = <u8>(0 - ctl);
  for (let i: usize = 0; i < len; i++) {
    const d = load<u8>(dst + i);
    store<u8>(dst + i, d ^ (m & (d ^ load<u8>(src + i))));
  }
}

/** Overwrites len bytes at p with zeros: secrets do not outlive their use. */
@inline export function wipe(p: usize, len: usize): void {
  memory.fill(p, 0, len);
}

// ---- Declassification -------------------------------------------------------
//
// A few values computed from secrets are public by design: a tag verdict (the
// peer learns it from the alert), whether a private key is in range (the call
// is refused), a signature. Code that branches on one, or indexes with it,
// passes it through declassify() first and says why. In the shipped builds
// these are the identity and compile to nothing; the valgrind harness's build
// (asc --use EMBER_CT_PROBE=1, scripts/ct.mjs) imports them, and the harness
// marks the value defined, so memcheck flags every other use of a secret.

// @ts-ignore: EMBER_CT_PROBE is introduced by asc --use; isDefined() makes it optional.
const CT_PROBE: bool = isDefined(EMBER_CT_PROBE) ? EMBER_CT_PROBE != 0 : false;

// @ts-ignore: decorator
@external("ct", "declassify") declare function probeDeclassify(v: u32): u32;
// @ts-ignore: decorator
@external("ct", "declassifyBytes") declare function probeDeclassifyBytes(p: usize, len: usize): void;

/** v, now public: call only where the contract says the value is public. */
@inline export function declassify(v: u32): u32 {
  if (CT_PROBE) return probeDeclassify(v);
  return v;
}

/** Marks the len bytes at p public (e.g. a signature about to be encoded). */
@inline export function declassifyBytes(p: usize, len: usize): void {
  if (CT_PROBE) probeDeclassifyBytes(p, len);
}
