// The client engine with one test seam, for replaying RFC 8448 §3 "Simple
// 1-RTT Handshake" byte for byte (test/tls/rfc8448.test.ts). Compiled only by
// the tests (test/support/asc.ts), with `--use EMBER_TEST_RSA_MIN_BITS=1024`
// for the RFC's RSA-1024 server key; never shipped.
//
// The seam: the RFC's client offers ffdhe groups, session_ticket,
// renegotiation_info, 15 signature algorithms and an empty legacy_session_id,
// which client_hello.ts never writes. probeStartRfcHello stands in for
// clientStart's writeClientHello: it takes the RFC's ClientHello as a
// template and fills its random and x25519 key share from the engine's own
// fields, drawn from env.random the way writeClientHello draws them. All
// else (ServerHello onwards) is the production engine, through the wasm
// surface re-exported below.
import { x25519ScalarMultBase } from "../../assembly/crypto/x25519";
import { CHAIN_CTX_SIZE, chainErrorReason } from "../../assembly/x509/chain";
import {
  Flag, flagSet, HS, RANDOM, SEND_BUF, SEND_LEN, SENT_GROUPS, TLS_CLIENT_CTX_SIZE, X25519_PRIV,
} from "../../assembly/tls/context";
import { Hs } from "../../assembly/tls/client";
import { NamedGroup } from "../../assembly/tls/client_hello";
import { fail, lastError } from "../../assembly/tls/engine";
import { envRandom } from "../../assembly/tls/imports";
import { ContentType, sealRecord, sendContent, sendRoom } from "../../assembly/tls/record";
import { thInit, thUpdate } from "../../assembly/tls/transcript";
import { Err } from "../../assembly/tls/errors";
import { fillBinder, sessionToOffer } from "../../assembly/tls/session";

export * from "../../assembly/exports/tls";
// RSAVP1 alone, to show this build's RSA floor (the shipped builds export it too).
export { rsaPublicOp } from "../../assembly/exports/rsa";

const RECORD_BUFFER: u32 = 16384 + 256 + 5;
const HS_BUFFER: u32 = 4096;
const ctxMem = memory.data(<i32>TLS_CLIENT_CTX_SIZE, 16);
const recv = memory.data(<i32>RECORD_BUFFER, 16);
const send = memory.data(<i32>RECORD_BUFFER, 16);
const hs = memory.data(<i32>HS_BUFFER, 16);
const x509 = memory.data(<i32>CHAIN_CTX_SIZE, 16);
const scratch = memory.data(4096, 16);

export function probeCtx(): usize { return ctxMem; }
export function probeRecv(): usize { return recv; }
export function probeSend(): usize { return send; }
export function probeHs(): usize { return hs; }
export function probeX509(): usize { return x509; }
export function probeScratch(): usize { return scratch; }
export function probeRecordBuffer(): u32 { return RECORD_BUFFER; }
export function probeHsBuffer(): u32 { return HS_BUFFER; }
export function probeX509Size(): u32 { return <u32>CHAIN_CTX_SIZE; }
export function probeChainReason(): u32 { return chainErrorReason(x509); }

/**
 * clientStart with the RFC's ClientHello (len bytes at hello, handshake
 * header included): its random (at offset 6) and the x25519 key_exchange
 * (32 bytes at shareAt) are overwritten with the engine's ClientHello.random
 * and the public key of its fresh private key, both from env.random; with
 * binder = 1 its last 32 bytes are the PSK binder, which the engine computes
 * for the session set with tlsClientSetSession (RFC 8448 §4). The context
 * must be configured as for clientStart. Returns 0 or the error.
 */
export function probeStartRfcHello(hello: usize, len: u32, shareAt: u32, binder: u32): i32 {
  const ctx = ctxMem;
  if (load<u32>(ctx, HS) != Hs.Idle || sendRoom(ctx) < len) return Err.BadConfiguration;
  flagSet(ctx, Flag.Started);
  // §D.4: an empty legacy_session_id means no middlebox compatibility mode,
  // so no dummy ChangeCipherSpec either (the RFC's client sends none).
  flagSet(ctx, Flag.EmptySessionId | Flag.CcsSent);
  thInit(ctx);
  store<u32>(ctx, Hs.ExpectServerHello, HS);
  envRandom(ctx + RANDOM, 32);
  envRandom(ctx + X25519_PRIV, 32);
  store<u32>(ctx + SENT_GROUPS, NamedGroup.X25519);
  const msg = sendContent(ctx);
  memory.copy(msg, hello, len);
  memory.copy(msg + 6, ctx + RANDOM, 32);
  x25519ScalarMultBase(msg + <usize>shareAt, ctx + X25519_PRIV);
  if (binder != 0) {
    // §4's ClientHello ends with pre_shared_key: the engine computes its
    // binder over the message so far from the session given to it.
    if (sessionToOffer(ctx, 0) == 0) return Err.BadConfiguration;
    fillBinder(ctx, msg, msg + <usize>len - 32);
  }
  thUpdate(ctx, msg, len);
  const header = <usize>load<u32>(ctx, SEND_BUF) + <usize>load<u32>(ctx, SEND_LEN);
  const err = sealRecord(ctx, ContentType.Handshake, len);
  if (err != 0) fail(ctx, err);
  else store<u8>(header, 1, 2); // §5.1: legacy_record_version 0x0301 on the first ClientHello
  return lastError(ctx);
}
