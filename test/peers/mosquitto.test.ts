// MQTT over EmberTLS: mosquitto with a TLS 1.3 listener on 127.0.0.1, and
// the `mqtt` package's client running over an EmberTLS connect() socket (its
// stream builder), publishing to a topic it subscribed to. The listener
// requires a client certificate (mutual TLS), as a device fleet's broker does.
import { readFileSync, writeFileSync } from 'node:fs';
import { MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TLSSocket } from '../../host/index.js';
import { hasTool } from '../support/tools.js';
import { startPeer, type Peer } from './support/peer.js';
import { makePeerPki, type PeerPki } from './support/peer-pki.js';
import { trust } from './support/trust.js';

const REQUIRE_CERTIFICATE = true;
const HAVE_MOSQUITTO = hasTool('mosquitto', 'mosquitto') && hasTool('openssl', 'openssl');
let pki: PeerPki;
const peers: Peer[] = [];

beforeAll(() => {
  if (HAVE_MOSQUITTO) pki = makePeerPki();
});
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.stop()));
});
afterAll(() => pki?.pki.dispose());

async function mosquitto(): Promise<Peer> {
  const config = pki.pki.path('mosquitto.conf');
  const peer = await startPeer('mosquitto', (port) => {
    writeFileSync(config, [
      `listener ${port} 127.0.0.1`,
      `cafile ${pki.ca.file}`, `certfile ${pki.ecdsa.file}`, `keyfile ${pki.ecdsa.key.file}`,
      'tls_version tlsv1.3', `require_certificate ${REQUIRE_CERTIFICATE}`, 'allow_anonymous true',
      // Started as root, mosquitto would switch to its own user, who cannot read the test's private directory.
      'user root', 'persistence false', 'log_dest stderr', 'log_type all', '',
    ].join('\n'));
    return ['-c', config];
  }, { ready: /mosquitto version [\d.]+ running/ });
  peers.push(peer);
  return peer;
}

/** An mqtt client whose transport is EmberTLS; `sockets` are the TLS sockets it opened. */
function mqttOverEmber(port: number, withCertificate = true): { client: MqttClient; sockets: TLSSocket[] } {
  const identity = withCertificate ? { cert: pki.client.pem, key: readFileSync(pki.client.key.file, 'utf8') } : {};
  const options = { host: '127.0.0.1', port, servername: 'localhost', ...trust({ ca: pki.ca.pem }), ...identity };
  const sockets: TLSSocket[] = [];
  const client = new MqttClient(() => {
    const socket = connect(options);
    sockets.push(socket);
    return socket as never;
  }, { clientId: 'ember-device-01', reconnectPeriod: 0, connectTimeout: 5000, protocolVersion: 4 });
  client.on('error', () => {});
  return { client, sockets };
}

describe.runIf(HAVE_MOSQUITTO)('mosquitto with a TLS 1.3 listener', () => {
  it('the mqtt package subscribes, publishes and receives its own message over an EmberTLS socket with a client certificate', async () => {
    const peer = await mosquitto();
    const { client } = mqttOverEmber(peer.port);
    try {
      const message = await new Promise<{ topic: string; payload: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no message in 5 s; broker said:\n${peer.output()}`)), 5000);
        client.on('error', reject);
        client.on('message', (topic, payload) => {
          clearTimeout(timer);
          resolve({ topic, payload: payload.toString() });
        });
        client.on('connect', () => {
          client.subscribe('ember/sensors/+', { qos: 1 }, (err) => {
            if (err) reject(err);
            else client.publish('ember/sensors/temperature', '21.5', { qos: 1 });
          });
        });
      });
      expect(message).toEqual({ topic: 'ember/sensors/temperature', payload: '21.5' });
      expect(peer.output()).toMatch(/New client connected from 127\.0\.0\.1:\d+ as ember-device-01/);
    } finally {
      await client.endAsync();
    }
  });

  // TLS 1.3 judges the client certificate after the client's Finished, so the
  // mqtt CONNECT we send at once may cross the broker's alert: then the write
  // meets a reset before the alert is read (node:tls has the same race).
  it('a device without a client certificate is refused: certificate_required, or a reset when our CONNECT crosses the alert', async () => {
    const peer = await mosquitto();
    const { client, sockets } = mqttOverEmber(peer.port, false);
    try {
      const error = await new Promise<Error & { codeName?: string }>((resolve) => {
        sockets[0].on('error', resolve);
        sockets[0].on('close', () => resolve(new Error('closed without an error')));
      });
      expect(error.codeName ?? (error as { code?: string }).code).toMatch(/^(PeerAlert\(certificate_required\)|ECONNRESET|EPIPE)$/);
      await peer.waitFor(/peer did not return a certificate/);
    } finally {
      client.end(true);
    }
  });
});
