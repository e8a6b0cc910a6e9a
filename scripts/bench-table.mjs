// Renders bench/results/host.json as the Markdown table in the README, between
// the <!-- bench:host --> markers. Run after `npm run bench`.
import { readFileSync, writeFileSync } from 'node:fs';

const result = JSON.parse(readFileSync('bench/results/host.json', 'utf8'));
const us = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} ms` : `${v.toFixed(v < 10 ? 2 : 1)} µs`);
const lines = [
  `${result.runtime}, ${result.cpu}, commit ${result.commit}, ${result.date.slice(0, 10)}; median time per call.`,
  '"x faster" = comparator time / EmberTLS time (above 1: EmberTLS is faster).',
  '',
  '| operation | EmberTLS | @noble | node:crypto | vs @noble | vs node:crypto |',
  '|---|---:|---:|---:|---:|---:|',
  ...result.rows.map((row) => {
    const m = row.medianMicros;
    return `| ${row.op} | ${us(m.ember)} | ${us(m.noble)} | ${us(m.node)} | ${row.speedupVsNoble.toFixed(2)}x | ${row.speedupVsNode.toFixed(2)}x |`;
  }),
  '',
  `Module size: speed profile (-O3) ${result.moduleBytes.speed} bytes, size profile (-Oz) ${result.moduleBytes.size} bytes.`,
  '',
  ...result.targets.map((t) => `- ${t.met ? 'met' : '**not met**'}: ${t.target} (measured ${t.measured}x)`),
];
const readme = readFileSync('README.md', 'utf8');
const updated = readme.replace(
  /<!-- bench:host -->\n[\s\S]*?<!-- \/bench:host -->\n/,
  `<!-- bench:host -->\n${lines.join('\n')}\n<!-- /bench:host -->\n`,
);
writeFileSync('README.md', updated);
console.log(updated === readme ? 'README.md already up to date' : 'README.md benchmark table updated');
