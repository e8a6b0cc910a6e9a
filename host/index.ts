// embertls: the package root. The TLS client joins this entry point; the
// primitives are also at embertls/crypto.
export * from './crypto.js';
export { connect, TLSSocket, type ConnectOptions } from './tls/connect.js';
export { ClientEngine, type ClientEngineOptions } from './tls/client-engine.js';
export { TlsError } from './tls/errors.js';
