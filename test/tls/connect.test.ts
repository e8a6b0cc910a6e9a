// M3 of the TLS client: connect() as a node:tls-like Duplex, with an ordinary
// Node client on top: an HTTPS GET through node:http's request() over it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TLSSocket } from '../../host/index.js';

let dir: string;
let server: https.Server;
let port: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ember-connect-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-keyout', join(dir, 'key.pem'),
    '-out', join(dir, 'cert.pem'), '-days', '2', '-nodes', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
  server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')), minVersion: 'TLSv1.3', ALPNProtocols: ['http/1.1'] },
    (req, res) => {
      res.setHeader('content-type', 'text/plain');
      const reused = (req.socket as import('node:tls').TLSSocket).isSessionReused() ? ' (resumed)' : '';
      res.end(`you asked for ${req.url} over ${(req.socket as any).getProtocol()}${reused}`);
    });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('connect()', () => {
  it('emits secureConnect and reports protocol, cipher and ALPN as node:tls does', async () => {
    const s = connect({ host: '127.0.0.1', port, servername: 'localhost', ALPNProtocols: ['http/1.1'], rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      s.once('secureConnect', resolve);
      s.once('error', reject);
    });
    expect(s.getProtocol()).toBe('TLSv1.3');
    expect(s.getCipher()?.version).toBe('TLSv1.3');
    expect(s.alpnProtocol).toBe('http/1.1');
    expect(s.authorized).toBe(false);
    s.end();
    s.destroy();
  });

  it('with rejectUnauthorized (the default) refuses a chain without a trusted CA, naming UNKNOWN_ISSUER', async () => {
    const s = connect({ host: '127.0.0.1', port, servername: 'localhost' });
    const err = await new Promise<Error>((resolve) => s.once('error', resolve));
    expect(err.message).toMatch(/UNKNOWN_ISSUER/);
  });

  it('with the server certificate as ca, connects and is authorized', async () => {
    const s = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: readFileSync(join(dir, 'cert.pem')) });
    await new Promise<void>((resolve, reject) => {
      s.once('secureConnect', resolve);
      s.once('error', reject);
    });
    expect(s.authorized).toBe(true);
    expect((s.getPeerCertificate() as any).subject.CN).toBe('localhost');
    s.destroy();
  });

  it('carries an HTTPS GET made with node:http request() over the socket', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      const req = http.request({
        host: 'localhost', path: '/hello', method: 'GET',
        createConnection: () => connect({ host: '127.0.0.1', port, servername: 'localhost', ALPNProtocols: ['http/1.1'], rejectUnauthorized: false }) as unknown as net.Socket,
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(`${res.statusCode} ${text}`));
      });
      req.on('error', reject);
      req.end();
    });
    expect(body).toBe('200 you asked for /hello over TLSv1.3');
  });

  it('resumes a session from node:tls\'s ticket: \'session\', then session: on the next connect, isSessionReused() on both sides', async () => {
    const get = (session?: Buffer) => new Promise<{ body: string; socket: TLSSocket; sessions: Buffer[] }>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: readFileSync(join(dir, 'cert.pem')), session });
      const sessions: Buffer[] = [];
      socket.on('session', (s: Buffer) => sessions.push(s));
      const req = http.request({ host: 'localhost', path: '/again', createConnection: () => socket as unknown as net.Socket }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ body, socket, sessions }));
      });
      req.on('error', reject);
      req.end();
    });
    const first = await get();
    expect(first.body).toBe('you asked for /again over TLSv1.3');
    expect(first.sessions.length).toBeGreaterThan(0);
    const second = await get(first.sessions.at(-1));
    expect(second.body).toBe('you asked for /again over TLSv1.3 (resumed)');
    expect(second.socket.isSessionReused()).toBe(true);
    expect(second.socket.authorized).toBe(true);
  });

  it('does not offer a session to a server name other than the one it was issued for (RFC 8446 §4.6.1)', async () => {
    const first = connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false });
    const session = await new Promise<Buffer>((resolve, reject) => {
      first.once('session', resolve);
      first.once('error', reject);
    });
    first.destroy();
    const other = connect({ host: '127.0.0.1', port, servername: 'other.example', rejectUnauthorized: false, session });
    await new Promise<void>((resolve, reject) => {
      other.once('secureConnect', resolve);
      other.once('error', reject);
    });
    expect(other.engine.resumeStatus).toBe('none');
    expect(other.isSessionReused()).toBe(false);
    other.destroy();
  });
});
