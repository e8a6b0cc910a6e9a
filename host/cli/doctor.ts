// `embertls doctor host:port`: probes a server with several EmberTLS
// handshakes (one per cipher suite, one per group, small record buffers,
// shrinking handshake buffers) and one look through Node's TLS (TLS 1.2, the
// chain), then says what a device needs to talk to it.
import { SUITES, GROUPS, type GroupName, type SuiteName } from '../tls/client-engine.js';
import { sessionOptions } from './connect.js';
import { engine } from '../engine.js';
import { nodeView, probe, resumptionProbe, type ProbeResult } from './probe.js';
import type { SessionOptions } from './session.js';
import { styleFor } from './style.js';

/** The engine's full record buffer: 2^14 plaintext + 256 expansion + 5 header (RFC 8446 §5.2). */
export const FULL_RECORD_BUFFER = 16384 + 256 + 5;
/** The engine's smallest buffer (a server honouring record_size_limit follows whatever limit we send). */
const MIN_RECORD_BUFFER = 512;
/** The smallest buffer that takes a 2^9-byte fragment (RFC 6066's smallest): 512 + type byte + tag + header. */
const SMALL_RECORD_BUFFER = 512 + 1 + 16 + 5;

export async function doctorCommand(args: string[]): Promise<number> {
  const { options } = sessionOptions(args);
  const st = styleFor(process.stdout);
  const progress = process.stderr.isTTY ? (what: string) => process.stderr.write(st.dim(`  probing ${what}...\r\x1b[K`)) : () => {};
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const yes = (ok: boolean, text = ok ? 'yes' : 'no') => (ok ? st.good(text) : st.warn(text));

  out(st.bold(`embertls doctor ${options.host}:${options.port}`));
  progress('TLS 1.3');
  const base = await probe({ ...options, recordBuffer: FULL_RECORD_BUFFER });
  const view = await nodeView(options.host, options.port, options.servername ?? (/^[\d.]+$|:/.test(options.host) ? undefined : options.host));
  out(`versions           TLS 1.3 ${yes(base.ok)}   TLS 1.2 ${yes(view.tls12)} (probed with Node's TLS)`);
  if (!base.ok) {
    out(st.bad(`no TLS 1.3 handshake: ${base.error?.codeName ?? base.error?.message}`));
    out('EmberTLS speaks only TLS 1.3: enable it on the server (see embertls connect --trace for the details).');
    return 1;
  }

  const suites: string[] = [];
  for (const suite of Object.keys(SUITES) as SuiteName[]) {
    progress(suite);
    const r = await probe({ ...options, suites: [suite] });
    suites.push(`${suite} ${yes(r.ok)}`);
  }
  out(`cipher suites      ${suites.join('   ')}  (server's choice: ${base.cipher})`);

  const groups: string[] = [];
  for (const group of Object.keys(GROUPS) as GroupName[]) {
    progress(group);
    const r = await probe({ ...options, groups: [group] });
    groups.push(`${group} ${yes(r.ok)}`);
  }
  out(`groups             ${groups.join('   ')}  (with both offered: ${base.group}${base.helloRetry ? ', after a HelloRetryRequest: send that key share first to save a round trip' : ''})`);
  out(`signature          ${base.signatureScheme}${view.leafKey ? ` (server key ${view.leafKey})` : ''}`);
  const chainBytes = view.chain.reduce((a, b) => a + b, 0);
  out(`certificate chain  ${view.chain.length} certificate${view.chain.length === 1 ? '' : 's'}, ${chainBytes} bytes (${view.chain.join(' + ')})`);

  progress('small records');
  const small = await probe({ ...options, recordBuffer: SMALL_RECORD_BUFFER });
  out(`record_size_limit  ${base.peerRecordLimit ? yes(true, `honoured (the server acknowledged ours, and takes records up to ${base.peerRecordLimit} bytes from us)`) : yes(false, 'ignored: the server may send records of up to 16 KiB')}; largest record in the handshake ${base.largestRecord} bytes`);
  out(`  with ${SMALL_RECORD_BUFFER}-byte buffers: ${small.ok ? st.good('handshake completes') : st.warn(`fails (${small.error?.codeName ?? small.error?.message})`)}`);
  const mfl = small.maxFragment;
  out(mfl.sent
    ? `max_fragment_length ${mfl.acked ? yes(true, `honoured (${mfl.sent} asked for with ${SMALL_RECORD_BUFFER}-byte buffers, and echoed)`) : yes(false, `ignored (${mfl.sent} asked for, not echoed)`)}`
    : 'max_fragment_length not probed: this EmberTLS build does not send it (RFC 6066)');

  progress('session resumption');
  const resumption = await resumptionProbe(options);
  out(`session tickets    ${resumption.tickets ? `${resumption.tickets} after the handshake, sessions of up to ${resumption.sessionBytes} bytes; resuming with one ${yes(resumption.resumed, resumption.resumed ? 'works (no certificate, no signature to verify the second time)' : 'FAILS: the server does not take its own tickets back')}` : yes(false, 'none: every connection is a full handshake')}`);

  progress('handshake buffer');
  const hs = await smallestHandshakeBuffer(options);
  progress('X.509 validator');
  const verifier = await smallestVerifier(options);
  // Small receive buffers are safe only when the server agreed to a limit, by either extension.
  const recv = !small.ok ? FULL_RECORD_BUFFER : base.peerRecordLimit ? MIN_RECORD_BUFFER : mfl.acked ? SMALL_RECORD_BUFFER : FULL_RECORD_BUFFER;
  // Our flights are small: the ClientHello (with a resumed session's ticket in it).
  const send = MIN_RECORD_BUFFER + (resumption.resumed ? Math.ceil(resumption.sessionBytes / 64) * 64 : 0);
  const tickets = resumption.resumed ? resumption.sessionBytes : 0;
  const ram = base.contextSize + recv + send + hs + verifier.bytes + tickets;
  out();
  out(st.bold('what a device needs'));
  out(`  receive buffer   ${recv} bytes${recv === FULL_RECORD_BUFFER ? ' (the server agreed to no record size limit, so any record may be full size)' : ''}`);
  out(`  send buffer      ${send} bytes (the ClientHello${resumption.resumed ? ' with a ticket in it' : ''}; the device chooses its own record size)`);
  out(`  handshake buffer ${hs} bytes (the largest handshake message, or certificate of the chain)`);
  out(`  X.509 validator  ${verifier.bytes} bytes (${verifier.how})`);
  if (tickets) out(`  ticket buffer    ${tickets} bytes (to keep a session and resume)`);
  out(`  engine state     ${base.contextSize} bytes`);
  out(`  total RAM        ${ram} bytes (${(ram / 1024).toFixed(1)} KiB), plus the stack`);
  return 0;
}

/** The smallest X.509 validator context that validates the server's chain against --ca, to 64 bytes. */
async function smallestVerifier(options: SessionOptions): Promise<{ bytes: number; how: string }> {
  const min = engine.x509CtxMinSize();
  const max = engine.x509CtxSize();
  if (!options.caFile) return { bytes: min, how: 'the smallest context; give --ca to size it for this server\'s chain' };
  const works = async (size: number): Promise<boolean> => (await probe({ ...options, verifierSize: size })).chainValidated;
  if (!(await works(max))) return { bytes: max, how: 'the chain does not validate against --ca even with the largest context' };
  let low = min;
  let high = max;
  if (await works(low)) return { bytes: low, how: 'the smallest context validates this chain' };
  while (high - low > 64) {
    const mid = Math.ceil((low + high) / 2 / 64) * 64;
    if (mid >= high) break;
    if (await works(mid)) high = mid;
    else low = mid;
  }
  return { bytes: high, how: 'the smallest that validates this chain against --ca' };
}

/** The smallest handshake buffer that completes a handshake, to 64 bytes (binary search). */
async function smallestHandshakeBuffer(options: SessionOptions): Promise<number> {
  const works = async (size: number): Promise<boolean> => (await probe({ ...options, handshakeBuffer: size, recordBuffer: FULL_RECORD_BUFFER })).ok;
  let low = 256;
  let high = 32768;
  if (await works(low)) return low;
  while (high - low > 64) {
    const mid = Math.ceil((low + high) / 2 / 64) * 64;
    if (mid >= high) break;
    if (await works(mid)) high = mid;
    else low = mid;
  }
  return high;
}

export type { ProbeResult };
