// Exposes the TLS engine's inner layers (key schedule, transcript, record
// layer, codec) to the tests (compiled by test/support/asc.ts, never shipped).
import {
  deriveSecret, earlySecret, expandLabel, finishedKey, finishedMac, nextStage, nextTrafficSecret, trafficKeys,
} from "../../assembly/tls/keyschedule";
import { thChoose, thHash, thInit, thReplaceWithMessageHash, thUpdate } from "../../assembly/tls/transcript";
import { openedLen, openRecord, sealRecord, sendContent, setReadKeys, setWriteKeys } from "../../assembly/tls/record";
import { clientInit } from "../../assembly/tls/engine";
import { SEND_LEN, SUITE, TLS_CLIENT_CTX_SIZE } from "../../assembly/tls/context";
import { rdDone, rdInit, rdOk, rdU16, rdU24, rdU8, rdVec, READER_SIZE, WRITER_SIZE, wrClose, wrHere, wrInit, wrOk, wrOpen, wrU16, wrU8 } from "../../assembly/tls/codec";

const ctxMem = memory.data(<i32>TLS_CLIENT_CTX_SIZE, 16);
const recv = memory.data(16384 + 256 + 5, 16);
const send = memory.data(16384 + 256 + 5, 16);
const hs = memory.data(4096, 16);
const scratch = memory.data(4096, 16);

export function probeCtx(): usize { return ctxMem; }
export function probeRecv(): usize { return recv; }
export function probeSend(): usize { return send; }
export function probeScratch(): usize { return scratch; }

export function probeInit(suite: u32): i32 {
  const err = clientInit(ctxMem, recv, 16384 + 256 + 5, send, 16384 + 256 + 5, hs, 4096);
  store<u32>(ctxMem, suite, SUITE);
  return err;
}
export function probeExpandLabel(id: u32, secret: usize, label: usize, labelLen: u32, c: usize, cLen: u32, out: usize, outLen: u32): void {
  expandLabel(id, secret, label, labelLen, c, cLen, out, outLen);
}
export function probeDeriveSecret(id: u32, secret: usize, label: usize, labelLen: u32, hash: usize, out: usize): void {
  deriveSecret(id, secret, label, labelLen, hash, out);
}
export function probeEarlySecret(id: u32, psk: usize, pskLen: u32, out: usize): void { earlySecret(id, psk, pskLen, out); }
export function probeNextStage(id: u32, secret: usize, ikm: usize, ikmLen: u32): void { nextStage(id, secret, ikm, ikmLen); }
export function probeTrafficKeys(id: u32, secret: usize, keyLen: u32, key: usize, iv: usize): void { trafficKeys(id, secret, keyLen, key, iv); }
export function probeFinishedKey(id: u32, secret: usize, out: usize): void { finishedKey(id, secret, out); }
export function probeFinishedMac(id: u32, secret: usize, hash: usize, out: usize): u32 { return finishedMac(id, secret, hash, out); }
export function probeNextTrafficSecret(id: u32, secret: usize): void { nextTrafficSecret(id, secret); }

export function probeThInit(): void { thInit(ctxMem); }
export function probeThUpdate(p: usize, len: usize): void { thUpdate(ctxMem, p, len); }
export function probeThChoose(id: u32): void { thChoose(ctxMem, id); }
export function probeThHash(out: usize): u32 { return thHash(ctxMem, out); }
export function probeThMessageHash(): void { thReplaceWithMessageHash(ctxMem); }

export function probeSetReadKeys(key: usize, iv: usize): void { setReadKeys(ctxMem, key, iv); }
export function probeSetWriteKeys(key: usize, iv: usize): void { setWriteKeys(ctxMem, key, iv); }
/** Opens the record at probeRecv(): its type, or -Err. */
export function probeOpen(): i32 { return openRecord(ctxMem); }
export function probeOpenedLen(): u32 { return openedLen(); }
export function probeSendContent(): usize { return sendContent(ctxMem); }
export function probeSeal(type: u32, len: u32): i32 { return sealRecord(ctxMem, type, len); }
export function probeSendLen(): u32 { return load<u32>(ctxMem, SEND_LEN); }
export function probeResetSend(): void { store<u32>(ctxMem, 0, SEND_LEN); }

// codec
const rd = memory.data(<i32>READER_SIZE, 4);
const sub = memory.data(<i32>READER_SIZE, 4);
const wr = memory.data(<i32>WRITER_SIZE, 4);
export function probeRdInit(p: usize, len: usize): void { rdInit(rd, p, len); }
export function probeRdU8(): u32 { return rdU8(rd); }
export function probeRdU16(): u32 { return rdU16(rd); }
export function probeRdU24(): u32 { return rdU24(rd); }
export function probeRdVec(n: usize, min: u32, max: u32): u32 { return rdVec(rd, sub, n, min, max); }
export function probeRdOk(): u32 { return rdOk(rd); }
export function probeRdDone(): u32 { return rdDone(rd); }
export function probeSubDone(): u32 { return rdDone(sub); }
export function probeWrInit(p: usize, cap: usize): void { wrInit(wr, p, cap); }
export function probeWrU8(v: u32): void { wrU8(wr, v); }
export function probeWrU16(v: u32): void { wrU16(wr, v); }
export function probeWrOpen(n: usize): usize { return wrOpen(wr, n); }
export function probeWrClose(mark: usize, n: usize): void { wrClose(wr, mark, n); }
export function probeWrOk(): u32 { return wrOk(wr); }
export function probeWrHere(): usize { return wrHere(wr); }
