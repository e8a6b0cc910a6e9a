// The shared shape of every host benchmark suite: EmberTLS beside its
// comparators in one run (tinybench, median latency), a printed table with
// ratios and targets, and bench/results/<suite>.json plus a chart.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Bench } from 'tinybench';
import { renderSvg } from './chart.js';

/** Comparators beside 'ember'; a suite may leave one out when it has no such implementation. */
export type Impl = 'ember' | 'noble' | 'node';

export interface Case {
  op: string;
  /** Bytes processed per call, or 0 for a fixed-size operation. */
  bytes?: number;
  run: Partial<Record<Impl, () => unknown>> & { ember: () => unknown };
}

export interface Target {
  op: string;
  vs: Exclude<Impl, 'ember'>;
  /** The speedup (comparator time / ember time) the target asks for. */
  atLeast: number;
  text: string;
}

export interface Row {
  op: string;
  bytes: number;
  medianMicros: Partial<Record<Impl, number>> & { ember: number };
  /** How many times faster EmberTLS is than the comparator (comparator time / ember time). */
  speedupVsNoble: number | null;
  speedupVsNode: number | null;
}

export interface Suite {
  /** Names bench/results/<name>.json and .svg. */
  name: string;
  title: string;
  comparators: Partial<Record<Exclude<Impl, 'ember'>, string>>;
  cases: Case[];
  targets: Target[];
  /** What the chart's bars are relative to: the node comparator's name (default node:crypto). */
  baseline?: string;
  /** Extra facts recorded in the JSON (e.g. module sizes). */
  extra?: Record<string, unknown>;
}

export function formatMicros(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(us < 10 ? 2 : 1)} µs`;
}

async function measure(c: Case): Promise<Row> {
  const bench = new Bench({ time: 400, warmupTime: 100 });
  for (const [impl, fn] of Object.entries(c.run)) bench.add(impl, fn);
  await bench.run();
  const medianMicros = {} as Row['medianMicros'];
  for (const task of bench.tasks) {
    const result = task.result as { latency?: { p50: number } };
    if (!result.latency) throw new Error(`${c.op} ${task.name} did not complete`);
    medianMicros[task.name as Impl] = result.latency.p50 * 1000;
  }
  const speedup = (other?: number) => (other === undefined ? null : other / medianMicros.ember);
  return {
    op: c.op,
    bytes: c.bytes ?? 0,
    medianMicros,
    speedupVsNoble: speedup(medianMicros.noble),
    speedupVsNode: speedup(medianMicros.node),
  };
}

const cell = (us?: number) => (us === undefined ? '-' : formatMicros(us)).padStart(11);
const ratio = (r: number | null) => (r === null ? '-' : `${r.toFixed(2)}x`);

export async function runSuite(suite: Suite): Promise<void> {
  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  const cpu = cpus()[0].model;
  const runtime = `node ${process.version} (V8 ${process.versions.v8})`;
  const header = `# embertls ${commit} | runtime ${runtime} | cpu ${cpu} | median latency`;
  console.log(`\n${suite.title}\n${header}`);
  console.log(`${'op'.padEnd(26)}${'ember'.padStart(11)}${'@noble'.padStart(11)}${'node'.padStart(11)}   x faster than noble | node`);
  const rows: Row[] = [];
  for (const c of suite.cases) {
    const row = await measure(c);
    rows.push(row);
    const m = row.medianMicros;
    const rate = row.bytes ? `  ${(row.bytes / m.ember).toFixed(0)} MB/s` : '';
    console.log(`${row.op.padEnd(26)}${cell(m.ember)}${cell(m.noble)}${cell(m.node)}   ${ratio(row.speedupVsNoble).padStart(6)} | ${ratio(row.speedupVsNode)}${rate}`);
  }
  const targets = suite.targets.map((t) => {
    const row = rows.find((r) => r.op === t.op);
    const measured = (t.vs === 'noble' ? row?.speedupVsNoble : row?.speedupVsNode) ?? 0;
    return { target: t.text, measured: Number(measured.toFixed(2)), met: measured >= t.atLeast };
  });
  if (targets.length) console.log('targets:');
  for (const t of targets) console.log(`  ${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: measured ${t.measured}x`);

  mkdirSync('bench/results', { recursive: true });
  const baseline = suite.baseline ?? 'node:crypto';
  const result = {
    header, date: new Date().toISOString(), commit, runtime, cpu,
    comparators: suite.comparators,
    baseline,
    statistic: 'median latency per call (tinybench latency.p50), microseconds',
    ...suite.extra,
    rows,
    targets,
  };
  writeFileSync(`bench/results/${suite.name}.json`, JSON.stringify(result, null, 2) + '\n');
  // Bars relative to the node comparator where it ran, else to the first comparator.
  const base = (r: Row) => r.medianMicros.node ?? r.medianMicros.noble ?? r.medianMicros.ember;
  writeFileSync(
    `bench/results/${suite.name}.svg`,
    renderSvg({
      title: `${suite.title}: speed relative to ${baseline}`,
      subtitle: `${runtime}, ${cpu}; bar = ${baseline} time / implementation time (longer is faster)`,
      series: ['EmberTLS (wasm)', '@noble', baseline],
      rows: rows.map((r) => ({
        label: r.op,
        values: (['ember', 'noble', 'node'] as Impl[]).map((impl) => {
          const us = r.medianMicros[impl];
          return us === undefined ? null : base(r) / us;
        }),
      })),
      format: (v) => `${v.toFixed(2)}x`,
    }),
  );
  console.log(`wrote bench/results/${suite.name}.json and .svg`);
}
