import { useApp } from "../context";

export interface OpenedPerDay {
  day: string;
  channel: string;
  count: number;
}

const COLORS: Record<string, string> = {
  WHATSAPP: "#137333",
  TELEGRAM: "#1a73e8",
  SLACK: "#7b1fa2",
  API: "#b06000",
  CLI: "#5f6368",
  CONSOLE: "#c5221f",
};

const daysOf = (from: string, days: number): string[] => {
  const start = new Date(from);
  return Array.from({ length: days + 1 }, (_, i) =>
    new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10),
  );
};

export const toCsv = (rows: OpenedPerDay[]) =>
  ["day,channel,count", ...rows.map((r) => `${r.day},${r.channel},${r.count}`)].join("\n");

/** Stacked bars drawn as SVG: one column per day, one colour per channel, with its numbers as a table beside. */
export const OpenedChart = ({ rows, from, days }: { rows: OpenedPerDay[]; from: string; days: number }) => {
  const { t } = useApp();
  const channels = [...new Set(rows.map((r) => r.channel))].sort();
  const allDays = daysOf(from, days).filter(
    (d, i, all) => i > 0 || all.length <= days || rows.some((r) => r.day === d),
  );
  const byDay = new Map<string, Map<string, number>>();
  for (const r of rows) byDay.set(r.day, (byDay.get(r.day) ?? new Map()).set(r.channel, r.count));
  const totals = allDays.map((d) => [...(byDay.get(d)?.values() ?? [])].reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const width = 720;
  const height = 220;
  const pad = { left: 32, bottom: 24, top: 8 };
  const barW = (width - pad.left) / Math.max(1, allDays.length);
  const y = (n: number) => ((height - pad.bottom - pad.top) * n) / max;
  const total = totals.reduce((a, b) => a + b, 0);

  return (
    <figure className="chart" data-chart="opened-per-day">
      <figcaption id="opened-title">{t.openedPerDay}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="opened-title"
        aria-describedby="opened-summary"
        preserveAspectRatio="none"
      >
        <title>{t.openedPerDay}</title>
        <line
          x1={pad.left}
          x2={width}
          y1={height - pad.bottom}
          y2={height - pad.bottom}
          stroke="currentColor"
        />
        <text x={pad.left - 4} y={pad.top + 10} textAnchor="end" fontSize="11" fill="currentColor">
          {max}
        </text>
        {allDays.map((d, i) => {
          let base = height - pad.bottom;
          return (
            <g key={d}>
              {channels.map((c) => {
                const n = byDay.get(d)?.get(c) ?? 0;
                if (n === 0) return null;
                const h = y(n);
                base -= h;
                return (
                  <rect
                    key={c}
                    x={pad.left + i * barW + 1}
                    y={base}
                    width={Math.max(1, barW - 2)}
                    height={h}
                    fill={COLORS[c] ?? "#444"}
                  >
                    <title>{`${d} ${c}: ${n}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
      </svg>
      <p id="opened-summary" className="legend">
        {channels.map((c) => (
          <span key={c}>
            <span className="swatch" style={{ background: COLORS[c] ?? "#444" }} aria-hidden="true" /> {c}
          </span>
        ))}
        <span>
          {t.total}: {total}
        </span>
      </p>
    </figure>
  );
};
