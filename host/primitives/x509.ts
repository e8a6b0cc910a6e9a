// X.509 certificate chain validation for Node over the engine
// (assembly/x509/chain.ts): the engine parses each certificate, builds the
// path and checks it; this file turns arguments into DER, feeds the engine
// one certificate at a time, and turns its verdict into a result a person can
// read. Certificate names and dates in messages come from node:crypto's
// X509Certificate (display only; the verdict is the engine's).
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { arena, engine, wipeArena, writeBytes } from '../engine.js';
import { ipAddressBytes, pemCertificates } from '../pem.js';

/** A certificate as DER bytes or PEM text (PEM may hold several where a list is expected). */
export type CertificateInput = Uint8Array | string;

export interface VerifyChainOptions {
  /** The peer's end-entity certificate. A PEM with several certificates: the first is the leaf, the rest intermediates. */
  leaf: CertificateInput;
  /** Other certificates the peer sent, in any order; irrelevant extras are ignored. */
  intermediates?: CertificateInput | CertificateInput[];
  /** The certificates trusted as roots of a path (name and key; see the engine's notes). */
  trustAnchors: CertificateInput | CertificateInput[];
  /**
   * Expected DNS name (RFC 6125 matching against dNSName SAN entries; checked
   * whenever given, for either purpose). An IP literal here is taken as ipAddress.
   */
  hostname?: string;
  /** Expected IP address: text (IPv4 or IPv6) or 4 / 16 bytes, matched against iPAddress SAN entries. */
  ipAddress?: string | Uint8Array;
  /** The time to check validity against: a Date, or seconds since the Unix epoch. */
  time: Date | number;
  purpose: 'serverAuth' | 'clientAuth';
}

export type ChainErrorCode =
  | 'MALFORMED' | 'UNKNOWN_ISSUER' | 'BAD_SIGNATURE' | 'EXPIRED' | 'NOT_YET_VALID' | 'HOSTNAME_MISMATCH'
  | 'NOT_A_CA' | 'PATH_TOO_LONG' | 'BAD_KEY_USAGE' | 'NAME_CONSTRAINT_VIOLATION' | 'WEAK_ALGORITHM'
  | 'UNSUPPORTED_ALGORITHM' | 'UNKNOWN_CRITICAL_EXTENSION';

export type VerifyChainResult =
  | { ok: true; chain: Uint8Array[] }
  | { ok: false; code: ChainErrorCode; message: string };

/** Engine X509Error numbers (assembly/x509/codes.ts). */
const CODES: Record<number, ChainErrorCode> = {
  1: 'MALFORMED', 2: 'UNKNOWN_ISSUER', 3: 'BAD_SIGNATURE', 4: 'EXPIRED', 5: 'NOT_YET_VALID',
  6: 'HOSTNAME_MISMATCH', 7: 'NOT_A_CA', 8: 'PATH_TOO_LONG', 9: 'BAD_KEY_USAGE',
  10: 'NAME_CONSTRAINT_VIOLATION', 11: 'WEAK_ALGORITHM', 12: 'UNSUPPORTED_ALGORITHM',
  13: 'UNKNOWN_CRITICAL_EXTENSION',
};

/** Engine X509Reason numbers. */
const enum Reason {
  SelfSigned = 3, AnchorsOverBudget = 4, PathLenConstraint = 6, ChainOverBudget = 7, NoKeyCertSign = 8,
  NoDigitalSignature = 9, ExtKeyUsage = 10, NameExcluded = 11, NameNotPermitted = 12,
  NameFormUnsupported = 13, TooManyNames = 14, WeakHash = 15, WeakRsaKey = 16, UnsupportedSignature = 17,
  UnsupportedKey = 18, KeyMismatch = 19, NoSubjectAltName = 20,
}

const PURPOSES = { serverAuth: 1, clientAuth: 2 } as const;
const MAX_HOST = 253;

class ArgumentError {
  constructor(readonly result: VerifyChainResult) {}
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}

/** Every certificate in a PEM text, as DER. Malformed PEM is a MALFORMED verdict, not an exception. */
function fromPem(text: string, name: string): Uint8Array[] {
  try {
    return pemCertificates(text, name);
  } catch (error) {
    throw new ArgumentError(malformed((error as Error).message));
  }
}

function malformed(message: string): VerifyChainResult {
  return { ok: false, code: 'MALFORMED', message };
}

function certificates(name: string, value: unknown, list: boolean): Uint8Array[] {
  if (value instanceof Uint8Array) return [value];
  if (typeof value === 'string') return fromPem(value, name);
  if (list && Array.isArray(value)) {
    return value.flatMap((v, i) => {
      if (!(v instanceof Uint8Array) && typeof v !== 'string') {
        throw new TypeError(`${name}[${i}] must be a Uint8Array (DER) or a string (PEM), got ${describe(v)}`);
      }
      return certificates(`${name}[${i}]`, v, false);
    });
  }
  const what = list ? 'a Uint8Array (DER), a string (PEM) or an array of them' : 'a Uint8Array (DER) or a string (PEM)';
  throw new TypeError(`${name} must be ${what}, got ${describe(value)}`);
}

function timeOf(value: unknown): bigint {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new RangeError('time is an invalid Date');
    return BigInt(Math.floor(ms / 1000));
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`time must be a finite number of seconds, got ${value}`);
    return BigInt(Math.floor(value));
  }
  throw new TypeError(`time must be a Date or a number of seconds since the epoch, got ${describe(value)}`);
}

function ipBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) {
    if (value.length !== 4 && value.length !== 16) {
      throw new RangeError(`ipAddress must be 4 or 16 bytes long, got ${value.length}`);
    }
    return value;
  }
  if (typeof value !== 'string') throw new TypeError(`ipAddress must be a string or a Uint8Array, got ${describe(value)}`);
  const bytes = ipAddressBytes(value);
  if (bytes === null) throw new RangeError(`ipAddress must be an IPv4 or IPv6 address, got '${value}'`);
  return bytes;
}

function hostBytes(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw new TypeError(`hostname must be a string, got ${describe(value)}`);
  const host = value.endsWith('.') ? value.slice(0, -1) : value; // the absolute form names the same host
  if (host.length === 0 || host.length > MAX_HOST || !/^[A-Za-z0-9_.-]+$/.test(host) || host.includes('..')) {
    throw new RangeError(`hostname must be an ASCII DNS name of 1 to ${MAX_HOST} characters (A-labels for IDNs), got '${value}'`);
  }
  return new Uint8Array(Buffer.from(host, 'ascii'));
}

interface Names {
  leaf: Uint8Array;
  peer: Uint8Array[];
  anchors: Uint8Array[];
  anchorOf: number[]; // engine anchor number -> index in anchors
  /** The context's certificate slots: entity certSlots + i is anchor i. */
  certSlots: number;
  anchorSlots: number;
}

function label(der: Uint8Array | undefined): string {
  if (!der) return 'a certificate';
  try {
    const x = new X509Certificate(der);
    return `'${x.subject.replace(/\n/g, ', ')}'`;
  } catch {
    return 'a certificate node:crypto cannot display';
  }
}

function isoOf(seconds: bigint): string {
  const ms = Number(seconds) * 1000;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? `${seconds} s` : d.toISOString().replace('.000Z', 'Z');
}

function describeEntity(names: Names, entity: number): { der?: Uint8Array; text: string } {
  if (entity === 0) return { der: names.leaf, text: `the leaf certificate ${label(names.leaf)}` };
  if (entity < names.certSlots) {
    const der = names.peer[entity];
    return { der, text: `intermediate certificate #${entity} ${label(der)}` };
  }
  const der = names.anchors[names.anchorOf[entity - names.certSlots]];
  return { der, text: `the trust anchor ${label(der)}` };
}

function issuerOf(der: Uint8Array | undefined): string {
  if (!der) return 'its issuer';
  try {
    return `'${new X509Certificate(der).issuer.replace(/\n/g, ', ')}'`;
  } catch {
    return 'its issuer';
  }
}

function sanOf(der: Uint8Array | undefined): string {
  try {
    return der ? new X509Certificate(der).subjectAltName ?? 'none' : 'unknown';
  } catch {
    return 'unknown';
  }
}

function messageFor(
  code: ChainErrorCode, reason: number, entity: number, names: Names, ctx: number, purpose: string,
  hostname: string | undefined, ip: string | undefined, when: bigint, badIndex: string,
): string {
  const { der, text } = describeEntity(names, entity);
  const time = isoOf(when);
  switch (code) {
    case 'MALFORMED':
      return `${badIndex} is not a well-formed DER X.509 certificate (RFC 5280 §4.1)`;
    case 'UNKNOWN_ISSUER':
      if (reason === Reason.SelfSigned) return `${text} is self-signed and is not among the trust anchors`;
      if (reason === Reason.AnchorsOverBudget) {
        return `no trusted issuer found for ${text}: more trust anchors matched than the validator keeps (${names.anchorSlots}); pass the peer's certificates first`;
      }
      return `no certificate or trust anchor is the issuer ${issuerOf(der)} of ${text}: an intermediate is missing or the root is not trusted`;
    case 'BAD_SIGNATURE':
      if (reason === Reason.KeyMismatch) return `the signature of ${text} is of a different kind than its issuer's key`;
      return `the signature of ${text} does not verify under its issuer's public key`;
    case 'EXPIRED':
      return `${text} expired at ${isoOf(BigInt(engine.x509NotAfter(ctx, entity)))}; the time checked is ${time}`;
    case 'NOT_YET_VALID':
      return `${text} is not valid before ${isoOf(BigInt(engine.x509NotBefore(ctx, entity)))}; the time checked is ${time} (is the clock right?)`;
    case 'HOSTNAME_MISMATCH': {
      const wanted = [hostname, ip].filter(Boolean).join(' / ');
      if (reason === Reason.NoSubjectAltName) return `${text} has no subjectAltName, so it names no host (the common name is not used); expected ${wanted}`;
      return `${text} is not valid for ${wanted}; its names are: ${sanOf(der)}`;
    }
    case 'NOT_A_CA':
      return `${text} signed another certificate but is not a CA (basicConstraints cA is not set)`;
    case 'PATH_TOO_LONG':
      if (reason === Reason.PathLenConstraint) return `${text} allows fewer intermediate CAs below it (pathLenConstraint) than this path has`;
      return `the chain is longer than the validator's budget of ${names.certSlots} certificates and no shorter path was found`;
    case 'BAD_KEY_USAGE':
      if (reason === Reason.NoKeyCertSign) return `${text} is a CA whose keyUsage does not allow signing certificates (keyCertSign)`;
      if (reason === Reason.NoDigitalSignature) return `the keyUsage of ${text} does not allow digitalSignature`;
      return `the extendedKeyUsage of ${text} does not allow ${purpose}`;
    case 'NAME_CONSTRAINT_VIOLATION':
      if (reason === Reason.NameExcluded) return `a name of the leaf is inside the excluded subtrees of ${text}`;
      if (reason === Reason.NameNotPermitted) return `a name of the leaf is outside the permitted subtrees of ${text}`;
      if (reason === Reason.TooManyNames) return `the leaf has more names than the validator can check against name constraints`;
      if (reason === Reason.NameFormUnsupported) return `${text} constrains a name form the validator does not implement and the leaf has such a name`;
      return `name constraints of ${text} are violated`;
    case 'WEAK_ALGORITHM':
      if (reason === Reason.WeakRsaKey) return `${text} has a ${engine.x509KeyBits(ctx, entity)}-bit RSA key; at least 2048 bits are required`;
      return `${text} is signed with MD5 or SHA-1, which are no longer accepted`;
    case 'UNSUPPORTED_ALGORITHM':
      if (reason === Reason.UnsupportedKey) return `the public key of ${text} is of a type or size the validator does not support`;
      return `${text} is signed with an algorithm the validator does not support`;
    case 'UNKNOWN_CRITICAL_EXTENSION':
      return `${text} has a critical extension the validator does not understand (RFC 5280 §4.2)`;
  }
}

/**
 * Validates the path from leaf through intermediates to one of trustAnchors
 * (RFC 5280 §6 as the engine applies it: signatures, validity at `time`,
 * basicConstraints and pathLen, keyUsage, extendedKeyUsage for `purpose`,
 * subjectAltName against hostname / ipAddress, name constraints; MD5, SHA-1
 * and RSA < 2048 bits refused). Returns { ok: true, chain } with the path's
 * certificates (leaf first, anchor last) or { ok: false, code, message }.
 * Never throws for a malformed certificate (MALFORMED); wrong argument types
 * throw TypeError and out-of-range values RangeError.
 */
export function verifyCertificateChain(options: VerifyChainOptions): VerifyChainResult {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be an object, got ${describe(options)}`);
  }
  const { purpose } = options;
  if (typeof purpose !== 'string') throw new TypeError(`purpose must be 'serverAuth' or 'clientAuth', got ${describe(purpose)}`);
  if (!Object.hasOwn(PURPOSES, purpose)) throw new RangeError(`purpose must be 'serverAuth' or 'clientAuth', got '${purpose}'`);
  const when = timeOf(options.time);
  let hostname = options.hostname ?? undefined;
  let ipValue = options.ipAddress ?? undefined;
  if (typeof hostname === 'string' && isIP(hostname) !== 0 && ipValue === undefined) {
    ipValue = hostname;
    hostname = undefined;
  }
  const host = hostname === undefined ? new Uint8Array(0) : hostBytes(hostname);
  const ip = ipValue === undefined ? new Uint8Array(0) : ipBytes(ipValue);
  if (options.trustAnchors === undefined) throw new TypeError('trustAnchors must be given (DER, PEM or a list of them)');

  let names: Names;
  try {
    const leafList = certificates('leaf', options.leaf, false);
    const inter = options.intermediates === undefined || options.intermediates === null
      ? [] : certificates('intermediates', options.intermediates, true);
    const anchors = certificates('trustAnchors', options.trustAnchors, true);
    names = {
      leaf: leafList[0], peer: [leafList[0], ...leafList.slice(1), ...inter], anchors, anchorOf: [], certSlots: 0, anchorSlots: 0,
    };
  } catch (e) {
    if (e instanceof ArgumentError) return e.result;
    throw e;
  }

  const ctx = arena.output;
  const size = engine.x509CtxSize();
  try {
    writeBytes(ctx, new Uint8Array(size)); // the context lives in the output slot; wipeArena clears it
    writeBytes(arena.params, host);
    writeBytes(arena.params + 256, ip);
    if (engine.x509Begin(ctx, size, arena.params, host.length, arena.params + 256, ip.length, /* i64: a BigInt */ when as unknown as number, PURPOSES[purpose]) !== 0) {
      throw new RangeError('the engine refused hostname or ipAddress');
    }
    const slots = engine.x509Slots(ctx);
    names.certSlots = slots & 0xff;
    names.anchorSlots = slots >> 8;
    const tooBig = (der: Uint8Array) => der.length > arena.chunk;
    let bad = '';
    // The peer's certificates first, then the anchors: the engine keeps only
    // the anchors that issued one of them, so a large anchor set fits.
    for (const [i, der] of names.peer.entries()) {
      const which = i === 0 ? 'the leaf certificate' : `intermediate certificate #${i}`;
      if (tooBig(der)) return malformed(`${which} is ${der.length} bytes, more than the ${arena.chunk} bytes the validator accepts`);
      writeBytes(arena.input, der);
      if (engine.x509AddCertificate(ctx, arena.input, der.length) === 1) { bad = which; break; }
    }
    if (!bad) {
      for (const [i, der] of names.anchors.entries()) {
        if (tooBig(der)) return malformed(`trust anchor #${i} is ${der.length} bytes, more than the ${arena.chunk} bytes the validator accepts`);
        writeBytes(arena.input, der);
        const before = engine.x509AnchorCount(ctx);
        if (engine.x509AddTrustAnchor(ctx, arena.input, der.length) === 1) { bad = `trust anchor #${i}`; break; }
        if (engine.x509AnchorCount(ctx) > before) names.anchorOf.push(i);
      }
    }
    const result = engine.x509Finish(ctx);
    if (result === 0) {
      const n = engine.x509PathLength(ctx);
      const chain: Uint8Array[] = [];
      for (let i = 0; i < n; i++) {
        const e = engine.x509PathEntry(ctx, i);
        chain.push(new Uint8Array(e < names.certSlots ? names.peer[e] : names.anchors[names.anchorOf[e - names.certSlots]]));
      }
      return { ok: true, chain };
    }
    const code = CODES[result];
    if (!code) throw new Error(`engine returned unknown validation code ${result}`);
    const message = messageFor(
      code, engine.x509ErrorReason(ctx), engine.x509ErrorEntity(ctx), names, ctx, purpose, hostname,
      ipValue === undefined ? undefined : typeof ipValue === 'string' ? ipValue : Array.from(ipValue).join('.'),
      when, bad,
    );
    return { ok: false, code, message };
  } finally {
    wipeArena();
  }
}
