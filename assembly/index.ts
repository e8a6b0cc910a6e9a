// The engine's wasm surface: integers and pointers only. Each area keeps its
// exports in assembly/exports/, over the algorithms in assembly/crypto/.
export * from "./exports/arena";
export * from "./exports/hash";
export * from "./exports/chacha";
export * from "./exports/gcm";
export * from "./exports/x25519";
export * from "./exports/ec";
export * from "./exports/ed25519";
export * from "./exports/rsa";
export * from "./exports/x509";
export * from "./exports/tls";
