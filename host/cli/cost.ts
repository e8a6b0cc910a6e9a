// What a handshake costs a device: the engine's RAM from the sizes it was
// given, and instructions on each simulated board, estimated from the
// primitives measured by npm run bench:boards (bench/results/boards.json)
// because the whole handshake does not run on a board yet.
import { existsSync, readFileSync } from 'node:fs';
import type { ClientEngine } from '../tls/client-engine.js';

export interface Ram {
  total: number;
  parts: Array<[string, number]>;
}

export function engineRam(engine: ClientEngine): Ram {
  const sizes = engine.sizes as Record<string, number>;
  const parts: Array<[string, number]> = [
    ['engine state', sizes.context],
    ['receive record buffer', sizes.recordBuffer],
    ['send record buffer', sizes.sendBuffer],
    ['handshake buffer', sizes.handshakeBuffer],
  ];
  // The X.509 validator's context, in builds whose engine checks chains.
  if (typeof sizes.verifier === 'number') parts.push(['X.509 validator', sizes.verifier]);
  return { total: parts.reduce((n, [, v]) => n + v, 0), parts };
}

interface BoardOps {
  board: string;
  profile: string;
  core: string;
  ops: Array<{ op: string; bytes: number; instructions: number }>;
}

export interface BoardEstimate {
  board: string;
  core: string;
  instructions: number;
}

/** The operations of one full handshake, by the name bench:boards gives them. */
export function handshakeOps(group: string | undefined, signature: string | undefined): string[] {
  const keyExchange = group === 'P-256' ? ['p256-public-key', 'ecdh-p256'] : ['x25519', 'x25519'];
  const verify = signature?.startsWith('rsa_pss') ? 'rsa2048-pss-verify' : signature === 'ed25519' ? 'ed25519-verify' : 'ecdsa-p256-verify';
  // CertificateVerify, and the CA's signature on the server certificate.
  return [...keyExchange, verify, verify];
}

/** Per board in one build profile, the summed instructions of ops, where every op was measured. */
export function boardEstimates(ops: string[], profile: 'speed' | 'size', resultsFile = new URL('../../bench/results/boards.json', import.meta.url)): BoardEstimate[] | undefined {
  if (!existsSync(resultsFile)) return undefined;
  const results = (JSON.parse(readFileSync(resultsFile, 'utf8')) as { results: BoardOps[] }).results;
  const estimates: BoardEstimate[] = [];
  for (const r of results.filter((x) => x.profile === profile)) {
    const counts = ops.map((op) => r.ops.find((o) => o.op === op && o.bytes === 0)?.instructions);
    if (counts.every((c) => c !== undefined)) {
      estimates.push({ board: r.board, core: r.core, instructions: counts.reduce((a, b) => a! + b!, 0)! });
    }
  }
  return estimates;
}
