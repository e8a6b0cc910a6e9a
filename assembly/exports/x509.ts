// Wasm surface of the X.509 chain validator (assembly/x509/chain.ts):
// integers and pointers only. A validation is begin, any number of
// addCertificate (leaf first) and addTrustAnchor calls, then finish; the
// context is owned by the caller: x509CtxSize() bytes for the full budget,
// or as few as x509CtxMinSize(). Its size picks its slots (chain.ts): from
// x509CtxFullMinSize() bytes 8 peer certificates and 8 anchors, below that 3
// and 2; the rest is room for keys and signatures. Error codes are
// X509Error (assembly/x509/codes.ts), reasons X509Reason. Entity numbers:
// 0 .. n-1 the peer's certificates in the order added (n certificate slots,
// x509Slots), n + i the i-th anchor kept. Times are i64 seconds since
// 1970-01-01T00:00:00Z.
import {
  CHAIN_CTX_FIXED, CHAIN_CTX_FULL_MIN, CHAIN_CTX_MIN, CHAIN_CTX_SIZE, MAX_ANCHORS, MAX_CERTS, chainAddCertificate,
  chainAddTrustAnchor, chainBegin, chainErrorEntity, chainErrorReason, chainFinish, chainKeyBits, chainNotAfter,
  chainNotBefore, chainPathEntry, chainPathLength, chainAnchorCount, chainSlots,
} from "../x509/chain";

/** Bytes of a validator context with the full budget (a 10240-byte pool). */
export function x509CtxSize(): u32 {
  return <u32>CHAIN_CTX_SIZE;
}

/** Bytes of a full-shape context's fixed part; the pool for keys and signatures is the rest. */
export function x509CtxFixedSize(): u32 {
  return <u32>CHAIN_CTX_FIXED;
}

/** The smallest context x509Begin accepts (3 peer certificates, 2 anchors, a P-256 path of 3). */
export function x509CtxMinSize(): u32 {
  return <u32>CHAIN_CTX_MIN;
}

/** The smallest context that gets the full shape (8 peer certificates, 8 anchors). */
export function x509CtxFullMinSize(): u32 {
  return <u32>CHAIN_CTX_FULL_MIN;
}

/** The full shape's budget: (max peer certificates) | (max anchors kept) << 8. */
export function x509Budget(): u32 {
  return MAX_CERTS | (MAX_ANCHORS << 8);
}

/**
 * Starts a validation in ctx (ctxLen bytes, at least x509CtxMinSize()):
 * expected host name (hostLen ASCII bytes, 0 = none),
 * expected IP (ipLen 4 or 16 bytes, 0 = none), time, purpose (1 serverAuth,
 * 2 clientAuth). Returns 0 or 14 (bad argument).
 */
export function x509Begin(
  ctx: usize, ctxLen: u32, host: usize, hostLen: u32, ip: usize, ipLen: u32, time: i64, purpose: u32,
): u32 {
  return chainBegin(ctx, ctxLen, host, hostLen, ip, ipLen, time, purpose);
}

/** Adds the peer's next certificate (DER); the first one is the leaf. 0 kept, 8 no room, 1 malformed. */
export function x509AddCertificate(ctx: usize, der: usize, len: u32): u32 {
  return chainAddCertificate(ctx, der, len);
}

/** Adds a trust anchor (DER certificate). 0 kept or not needed, 8 no room, 1 malformed. */
export function x509AddTrustAnchor(ctx: usize, der: usize, len: u32): u32 {
  return chainAddTrustAnchor(ctx, der, len);
}

/** Builds and checks the path: 0 valid, else an X509Error code. */
export function x509Finish(ctx: usize): u32 {
  return chainFinish(ctx);
}

/** Entities in the validated path, leaf first, anchor last (0 when not valid). */
export function x509PathLength(ctx: usize): u32 {
  return chainPathLength(ctx);
}

/** Entity number at position i of the path. */
export function x509PathEntry(ctx: usize, i: u32): u32 {
  return chainPathEntry(ctx, i);
}

/** Why the last verdict failed (X509Reason). */
export function x509ErrorReason(ctx: usize): u32 {
  return chainErrorReason(ctx);
}

/** Which entity the last verdict is about. */
export function x509ErrorEntity(ctx: usize): u32 {
  return chainErrorEntity(ctx);
}

export function x509NotBefore(ctx: usize, entity: u32): i64 {
  return chainNotBefore(ctx, entity);
}

export function x509NotAfter(ctx: usize, entity: u32): i64 {
  return chainNotAfter(ctx, entity);
}

/** RSA modulus bits of an entity's key (0 for other key types). */
export function x509KeyBits(ctx: usize, entity: u32): u32 {
  return chainKeyBits(ctx, entity);
}

/** The slots of a begun context: (peer certificates) | (anchors) << 8; anchor i is entity (slots & 0xff) + i. */
export function x509Slots(ctx: usize): u32 {
  return chainSlots(ctx);
}

/** Trust anchors kept so far (the i-th kept is entity (x509Slots & 0xff) + i). */
export function x509AnchorCount(ctx: usize): u32 {
  return chainAnchorCount(ctx);
}
