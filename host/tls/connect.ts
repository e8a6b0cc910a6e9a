// connect(): a node:tls-like Duplex over a net.Socket, driven by ClientEngine.
// Supported: host/port or socket, servername (defaults to host when host is a
// name, as node:tls), ALPNProtocols, ca (trust anchors, checked by the
// engine's X.509 validator), rejectUnauthorized (default true: a refused
// chain fails the handshake with its alert; false: the handshake goes on and
// authorized / authorizationError say what the validator found),
// 'secureConnect', getProtocol(), alpnProtocol, getCipher(),
// getPeerCertificate() (subject, issuer, subjectaltname, validity, raw DER of
// the leaf), end() with close_notify, and session resumption as node:tls
// has it: a 'session' event per ticket, the `session` option to resume,
// isSessionReused().
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import { Duplex } from 'node:stream';
import { ClientEngine, type ClientEngineOptions } from './client-engine.js';

export interface ConnectOptions extends ClientEngineOptions {
  host?: string;
  port?: number;
  /** An already connected (or connecting) socket to run over. */
  socket?: net.Socket;
}

/** node:tls's error codes for the validator's (socket.authorizationError.code). */
const NODE_CODES: Record<string, string> = {
  UNKNOWN_ISSUER: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', EXPIRED: 'CERT_HAS_EXPIRED', NOT_YET_VALID: 'CERT_NOT_YET_VALID',
  HOSTNAME_MISMATCH: 'ERR_TLS_CERT_ALTNAME_INVALID', BAD_SIGNATURE: 'CERT_SIGNATURE_FAILURE',
};

export class TLSSocket extends Duplex {
  readonly engine: ClientEngine;
  readonly socket: net.Socket;
  authorized = false;
  authorizationError: Error | undefined;
  encrypted = true;
  #pendingWrites: Array<() => void> = [];
  #session: Buffer | undefined;

  constructor(options: ConnectOptions) {
    super();
    const host = options.host ?? 'localhost';
    const servername = options.servername ?? (net.isIP(host) ? undefined : host);
    this.engine = new ClientEngine({ ...options, servername, checkHost: options.checkHost ?? (servername ? undefined : host) });
    this.socket = options.socket ?? net.connect(options.port ?? 443, host);
    const engine = this.engine;
    engine.on('error', (e) => this.destroy(e));
    engine.on('session', (session: Buffer) => {
      this.#session = session;
      this.emit('session', session);
    });
    engine.once('connected', () => {
      // Under rejectUnauthorized the engine already failed a refused chain.
      this.authorized = engine.chainValidated;
      const v = engine.verdict;
      if (!this.authorized) {
        const err = new Error(`certificate not trusted: ${v ? `${v.code}: ${v.message}` : 'no verdict'}`) as Error & { code?: string; x509Code?: string };
        err.code = v ? NODE_CODES[v.code] ?? v.code : 'UNKNOWN';
        err.x509Code = v?.code;
        this.authorizationError = err;
      }
      this.emit('secureConnect');
      for (const w of this.#pendingWrites.splice(0)) w();
    });
    const start = () => {
      engine.start();
      this.#flush();
    };
    if (this.socket.connecting || options.socket === undefined) this.socket.once('connect', start);
    else start();
    this.socket.on('data', (d: Buffer) => {
      engine.receive(d);
      this.#flush();
      const text = engine.read();
      if (text.length) this.push(Buffer.from(text));
      if (engine.state === 'Closed') this.push(null);
    });
    this.socket.on('end', () => {
      engine.end();
      this.#flush();
      if (!this.destroyed) this.push(null);
    });
    this.socket.on('error', (e) => this.destroy(e));
    this.socket.on('close', () => {
      if (!this.destroyed) this.destroy();
    });
  }

  #flush(): void {
    const out = this.engine.takeOutput();
    if (out.length && !this.socket.destroyed) this.socket.write(out);
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const go = () => {
      this.engine.write(chunk);
      this.#flush();
      callback(this.engine.error ?? null);
    };
    if (this.engine.connected) go();
    else this.#pendingWrites.push(go);
  }

  override _final(callback: (error?: Error | null) => void): void {
    const go = () => {
      this.engine.close();
      this.#flush();
      this.socket.end();
      callback();
    };
    if (this.engine.connected) go();
    else this.#pendingWrites.push(go);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#flush();
    this.socket.destroy();
    callback(error);
  }

  get alpnProtocol(): string | false {
    return this.engine.alpnProtocol;
  }

  /** Whether the handshake resumed the session given in options.session. */
  isSessionReused(): boolean {
    return this.engine.resumed;
  }

  /** The last session a ticket gave (what 'session' emitted last). */
  getSession(): Buffer | undefined {
    return this.#session;
  }

  getProtocol(): string | null {
    return this.engine.connected || this.engine.state === 'Closed' ? 'TLSv1.3' : null;
  }

  getCipher(): { name: string; standardName: string; version: string } | undefined {
    const name = this.engine.cipher;
    return name ? { name, standardName: name, version: 'TLSv1.3' } : undefined;
  }

  /**
   * A subset of node:tls's: subject and issuer (CN, O ...), subjectaltname,
   * valid_from / valid_to, serialNumber, fingerprint256 and raw (DER) of the
   * server's leaf certificate; {} before it arrived.
   */
  getPeerCertificate(): Record<string, unknown> {
    const der = this.engine.peerCertificate;
    if (!der) return {};
    const x = new X509Certificate(der);
    const fields = (dn: string) => Object.fromEntries(dn.split('\n').filter(Boolean).map((l) => {
      const i = l.indexOf('=');
      return [l.slice(0, i), l.slice(i + 1)];
    }));
    return {
      subject: fields(x.subject), issuer: fields(x.issuer), subjectaltname: x.subjectAltName,
      valid_from: x.validFrom, valid_to: x.validTo, serialNumber: x.serialNumber,
      fingerprint256: x.fingerprint256, raw: Buffer.from(der),
    };
  }

  setTimeout(ms: number, callback?: () => void): this {
    this.socket.setTimeout(ms, callback);
    return this;
  }

  setNoDelay(noDelay?: boolean): this {
    this.socket.setNoDelay(noDelay);
    return this;
  }

  setKeepAlive(enable?: boolean, delay?: number): this {
    this.socket.setKeepAlive(enable, delay);
    return this;
  }

  ref(): this {
    this.socket.ref();
    return this;
  }

  unref(): this {
    this.socket.unref();
    return this;
  }
}

/** Opens a TLS 1.3 connection with EmberTLS's engine, like tls.connect(). */
export function connect(options: ConnectOptions, secureConnectListener?: () => void): TLSSocket {
  const s = new TLSSocket(options);
  if (secureConnectListener) s.once('secureConnect', secureConnectListener);
  return s;
}
