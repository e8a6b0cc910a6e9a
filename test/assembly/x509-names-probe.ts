// Exposes assembly/x509/names.ts host matching and time.ts to the tests (compiled by test/support/asc.ts, never shipped).
import { dnsNameMatchesHost } from "../../assembly/x509/names";
import { parseTime } from "../../assembly/x509/time";

const scratch = memory.data(1024);

export function probeScratch(): usize { return scratch; }
export function probeHostMatch(p: usize, plen: usize, h: usize, hlen: usize): u32 { return dnsNameMatchesHost(p, plen, h, hlen); }
export function probeParseTime(tag: u32, p: usize, len: usize): i64 { return parseTime(tag, p, len); }
