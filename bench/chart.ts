// Renders benchmark results as a grouped horizontal bar chart in SVG, so a
// person can see them on the repository page without running anything.

export interface ChartRow {
  label: string;
  /** One value per series, in the same order as `series`; null when not measured. */
  values: Array<number | null>;
}

export interface Chart {
  title: string;
  subtitle: string;
  series: string[];
  rows: ChartRow[];
  /** Formats a value for its label beside the bar. */
  format: (value: number) => string;
}

const COLORS = ['#d9480f', '#1c7ed6', '#2b8a3e', '#7048e8', '#868e96'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderSvg(chart: Chart): string {
  const labelWidth = 190;
  const plotWidth = 520;
  const barHeight = 12;
  const rowHeight = chart.series.length * barHeight + 12;
  const top = 62;
  const height = top + chart.rows.length * rowHeight + 20;
  const width = labelWidth + plotWidth + 110;
  const max = Math.max(...chart.rows.flatMap((r) => r.values.filter((v): v is number => v !== null)), 1e-9);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="15" font-weight="bold">${esc(chart.title)}</text>`,
    `<text x="10" y="38" fill="#555">${esc(chart.subtitle)}</text>`,
  ];
  chart.series.forEach((name, i) => {
    const x = labelWidth + i * 130;
    out.push(`<rect x="${x}" y="46" width="10" height="10" fill="${COLORS[i % COLORS.length]}"/>`);
    out.push(`<text x="${x + 14}" y="55">${esc(name)}</text>`);
  });
  chart.rows.forEach((row, r) => {
    const y0 = top + r * rowHeight;
    out.push(`<text x="${labelWidth - 8}" y="${y0 + rowHeight / 2}" text-anchor="end">${esc(row.label)}</text>`);
    row.values.forEach((value, i) => {
      const y = y0 + i * barHeight;
      if (value === null) return;
      const w = Math.max(1, (value / max) * plotWidth);
      out.push(`<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight - 2}" fill="${COLORS[i % COLORS.length]}"/>`);
      out.push(`<text x="${labelWidth + w + 4}" y="${y + barHeight - 3}">${esc(chart.format(value))}</text>`);
    });
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
