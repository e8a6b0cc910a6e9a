// embertls: the package root. The TLS client joins this entry point; the
// primitives are also at embertls/crypto.
export * from './crypto.js';
