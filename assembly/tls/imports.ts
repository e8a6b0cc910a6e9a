// The only host functions the TLS engine calls (the crypto core calls none).
// A board port supplies them in C (boards/runtime/embertls.h), the Node host
// in host/tls/client-engine.ts. The engine never reads a clock or an entropy
// source on its own: these are its only way out.

/** Fills len bytes at ptr with cryptographically secure random bytes. */
// @ts-ignore: decorator
@external("env", "random")
export declare function envRandom(ptr: usize, len: usize): void;

/** Seconds since 1970-01-01 UTC (certificate validity). */
// @ts-ignore: decorator
@external("env", "time")
export declare function envTime(): i64;

/** Optional debug hook: an event number and a public byte string (never secrets). */
// @ts-ignore: decorator
@external("env", "trace")
export declare function envTrace(event: u32, ptr: usize, len: usize): void;
