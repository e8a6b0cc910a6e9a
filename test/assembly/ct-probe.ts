// Exposes assembly/crypto/ct.ts to the tests (compiled by test/support/asc.ts, never shipped).
import { ctCopy, ctEqual, eq, gt, maskOf, mux, neq } from "../../assembly/crypto/ct";

const scratch = memory.data(64);

export function probeMux(ctl: u32, x: u32, y: u32): u32 { return mux(ctl, x, y); }
export function probeEq(x: u32, y: u32): u32 { return eq(x, y); }
export function probeNeq(x: u32, y: u32): u32 { return neq(x, y); }
export function probeGt(x: u32, y: u32): u32 { return gt(x, y); }
export function probeMaskOf(ctl: u32): u32 { return maskOf(ctl); }
export function probeScratch(): usize { return scratch; }
export function probeCtEqual(a: usize, b: usize, len: usize): u32 { return ctEqual(a, b, len); }
export function probeCtCopy(ctl: u32, dst: usize, src: usize, len: usize): void { ctCopy(ctl, dst, src, len); }
