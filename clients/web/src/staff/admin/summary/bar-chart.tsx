export interface BarSeries {
  name: string;
  /** A CSS class that colours the series (styles.css). */
  className: string;
  values: number[];
}

interface Props {
  title: string;
  labels: string[];
  series: BarSeries[];
  /** The top of the scale; the largest value when left out. */
  max?: number;
  format(value: number): string;
}

const HEIGHT = 180;
const TOP = 16;
const BOTTOM = 44;
const LEFT = 8;

/**
 * Grouped bars drawn as SVG (no chart library to bundle): one group per
 * period, one bar per series, the value above each bar. The figures are
 * also in the table beside, for screen readers and for reading exact values.
 */
export function BarChart({ title, labels, series, max, format }: Props) {
  const top = Math.max(max ?? 0, ...series.flatMap((s) => s.values), 1);
  // Wide enough for a "30 Nov" label under each group, so neighbouring labels never run together.
  const group = Math.max(48, series.length * 18 + 12);
  const bar = (group - 12) / series.length;
  const width = LEFT * 2 + labels.length * group;
  const plot = HEIGHT - TOP - BOTTOM;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.name}>
            <span className={`chart-swatch ${s.className}`} /> {s.name}
          </li>
        ))}
      </ul>
      <div className="chart-scroll">
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT} role="img" aria-label={title}>
          <line x1={LEFT} x2={width - LEFT} y1={TOP + plot} y2={TOP + plot} className="chart-axis" />
          {labels.map((label, i) => (
            <g key={label} transform={`translate(${LEFT + i * group + 6}, 0)`}>
              {series.map((s, j) => {
                const h = (s.values[i] / top) * plot;
                return (
                  <g key={s.name}>
                    <rect x={j * bar} y={TOP + plot - h} width={bar - 2} height={h} className={s.className}>
                      <title>{`${label}, ${s.name}: ${format(s.values[i])}`}</title>
                    </rect>
                    <text
                      x={j * bar + (bar - 2) / 2}
                      y={TOP + plot - h - 3}
                      className="chart-value"
                      textAnchor="middle"
                    >
                      {format(s.values[i])}
                    </text>
                  </g>
                );
              })}
              <text x={(group - 12) / 2} y={HEIGHT - BOTTOM + 16} className="chart-label" textAnchor="middle">
                {label}
              </text>
            </g>
          ))}
        </svg>
      </div>
    </figure>
  );
}
