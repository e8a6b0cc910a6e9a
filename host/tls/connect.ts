// connect(): a node:tls-like Duplex over a net.Socket, driven by ClientEngine.
// Supported now: host/port or socket, servername, ALPNProtocols, ca (kept
// for the X.509 validator: until it lands the chain is reported as not
// validated, so rejectUnauthorized: true fails every connection with an
// explanation), rejectUnauthorized, 'secureConnect', getProtocol(),
// alpnProtocol, getCipher(), getPeerCertificate() (a subset: {} until the
// validator is wired), authorized / authorizationError, end() with
// close_notify. Not yet: cert/key (client certificates), session resumption.
import net from 'node:net';
import { Duplex } from 'node:stream';
import { ClientEngine, type ClientEngineOptions } from './client-engine.js';

export interface ConnectOptions extends ClientEngineOptions {
  host?: string;
  port?: number;
  /** An already connected (or connecting) socket to run over. */
  socket?: net.Socket;
  /** Trust anchors (PEM). Kept for the X.509 validator; not checked yet. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Fail when the chain is not validated (default true, as node:tls). */
  rejectUnauthorized?: boolean;
}

export class TLSSocket extends Duplex {
  readonly engine: ClientEngine;
  readonly socket: net.Socket;
  authorized = false;
  authorizationError: Error | undefined;
  encrypted = true;
  #pendingWrites: Array<() => void> = [];

  constructor(options: ConnectOptions) {
    super();
    this.engine = new ClientEngine(options);
    this.socket = options.socket ?? net.connect(options.port ?? 443, options.host ?? 'localhost');
    const engine = this.engine;
    const reject = options.rejectUnauthorized ?? true;
    engine.on('error', (e) => this.destroy(e));
    engine.once('connected', () => {
      this.authorized = engine.chainValidated;
      if (!this.authorized) {
        this.authorizationError = new Error('the server certificate chain was not validated (the X.509 validator is not part of this build yet)');
        if (reject) {
          this.destroy(this.authorizationError);
          return;
        }
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

  getProtocol(): string | null {
    return this.engine.connected || this.engine.state === 'Closed' ? 'TLSv1.3' : null;
  }

  getCipher(): { name: string; standardName: string; version: string } | undefined {
    const name = this.engine.cipher;
    return name ? { name, standardName: name, version: 'TLSv1.3' } : undefined;
  }

  /** A subset of node:tls's: empty until the X.509 validator is wired in. */
  getPeerCertificate(): Record<string, unknown> {
    return {};
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
