// What a handshake costs a device: the engine's RAM from the sizes it was
// given, and instructions on the simulated boards: measured live when the
// board toolchain is installed (host/board-tls.ts), else the figures of the
// last `npm run bench:boards-tls` (bench/results/boards-tls.json).
import { existsSync, readFileSync } from 'node:fs';
import { hasCommand } from './tools.js';
import { boardReport, boardsScript, buildTlsFirmware, runBoardTls, type FirmwarePeer } from '../board-tls.js';
import type { ClientEngine } from '../tls/client-engine.js';

export interface Ram {
  total: number;
  parts: Array<[string, number]>;
}

export function engineRam(engine: ClientEngine): Ram {
  const sizes = engine.sizes;
  const parts: Array<[string, number]> = [
    ['engine state', sizes.context],
    ['receive record buffer', sizes.recordBuffer],
    ['send record buffer', sizes.sendBuffer],
    ['handshake buffer', sizes.handshakeBuffer],
    ['X.509 validator', sizes.verifier],
  ];
  return { total: parts.reduce((n, [, v]) => n + v, 0), parts };
}

export interface BoardHandshake {
  board: string;
  core: string;
  profile: string;
  /** Engine instructions of the full handshake, and of the resumed one (the firmware's second connection). */
  full: number;
  resumed: number;
  stackBytes: number;
  /** Where the figures come from. */
  source: string;
}

/** The board the target is set on (rv32imc, ESP32-C3 class), in the speed profile. */
export const LIVE_BOARD = 'esp32c3-sim';

/** Whether the live board run can happen here: wasm2c, the cross compiler and QEMU. */
export async function canRunBoard(board = LIVE_BOARD): Promise<boolean> {
  const tools = (await boardsScript()).requiredTools(board);
  return tools.every(([command]) => hasCommand(command));
}

/**
 * The TLS firmware on the board against the server at 127.0.0.1:port,
 * trusting peer: its full and resumed handshakes, counted exactly.
 */
export async function measureBoardHandshake(port: number, peer: FirmwarePeer, board = LIVE_BOARD): Promise<BoardHandshake> {
  const elf = await buildTlsFirmware(board, 'speed', peer);
  const run = await runBoardTls(board, elf, port, { timeoutMs: 120_000 });
  const error = boardReport(run.output, 'error')[0];
  if (run.status !== 0 || error !== 0) throw new Error(`the board's connection failed (engine error 0x${error.toString(16)})`);
  const [, resumed] = boardReport(run.output, 'resumed');
  return {
    board, core: (await boardsScript()).loadProfile(board).core, profile: 'speed',
    full: boardReport(run.output, 'handshake')[0], resumed, stackBytes: boardReport(run.output, 'stack')[0],
    source: 'measured now, under QEMU -icount shift=0',
  };
}

/** The handshakes of the last bench:boards-tls run, per board and profile. */
export function benchBoardHandshakes(file = new URL('../../bench/results/boards-tls.json', import.meta.url)): BoardHandshake[] {
  if (!existsSync(file)) return [];
  const result = JSON.parse(readFileSync(file, 'utf8')) as {
    commit: string; results: Array<{ board: string; core: string; profile: string; handshake: number; resumedHandshake?: number; stackBytes: number }>;
  };
  return result.results.map((r) => ({
    board: r.board, core: r.core, profile: r.profile, full: r.handshake, resumed: r.resumedHandshake ?? 0, stackBytes: r.stackBytes,
    source: `npm run bench:boards-tls at commit ${result.commit}, against openssl s_server`,
  }));
}
