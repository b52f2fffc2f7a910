import { useApp } from "../context";
import { csvOf, download } from "./csv";

export interface Series {
  /** The CSV's column header, with its unit where it has one ("average_ms"). */
  code: string;
  /** Shown in the legend and as the table's column header. */
  name: string;
  color: string;
}

export interface BarRow {
  /** Stable code, written to the CSV. */
  code: string;
  label: string;
  /** One value per series, in the series' order. */
  values: (number | null)[];
}

/**
 * Horizontal grouped bars drawn as SVG, one group per row and one bar per series, with the same
 * numbers in a table and a CSV: the pattern of the opened-per-day chart, for any small report.
 */
export const BarsChart = ({
  id,
  title,
  rowHeader,
  rowCode,
  series,
  rows,
  format = String,
  note,
  empty,
}: {
  id: string;
  title: string;
  rowHeader: string;
  /** The CSV's first column header. */
  rowCode: string;
  series: Series[];
  rows: BarRow[];
  format?: (n: number) => string;
  /** A line under the chart: a total, an average, what the filters do not narrow. */
  note?: string;
  /** Shown instead of the bars when every value is zero or missing. */
  empty: string;
}) => {
  const { t } = useApp();
  const max = Math.max(0, ...rows.flatMap((r) => r.values.map((v) => v ?? 0)));
  const width = 480;
  const labelW = 130;
  const valueW = 60;
  const barH = 14;
  const groupH = series.length * barH + 10;
  const height = rows.length * groupH + 4;
  const x = (n: number) => (max === 0 ? 0 : ((width - labelW - valueW) * n) / max);
  const text = (v: number | null) => (v === null ? "—" : format(v));

  return (
    <figure className="chart bars" data-chart={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {max === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <svg
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-summary`}
        >
          <title>{title}</title>
          {rows.map((r, i) => {
            const top = i * groupH + 4;
            return (
              <g key={r.code}>
                <text
                  x={labelW - 6}
                  y={top + (series.length * barH) / 2 + 4}
                  textAnchor="end"
                  fontSize="12"
                  fill="currentColor"
                >
                  {r.label}
                </text>
                {series.map((s, j) => {
                  const v = r.values[j] ?? null;
                  return (
                    <g key={s.name}>
                      <rect
                        x={labelW}
                        y={top + j * barH}
                        width={Math.max(v ? 1 : 0, x(v ?? 0))}
                        height={barH - 2}
                        fill={s.color}
                      >
                        <title>{`${r.label}, ${s.name}: ${text(v)}`}</title>
                      </rect>
                      <text
                        x={labelW + x(v ?? 0) + 4}
                        y={top + j * barH + barH - 4}
                        fontSize="11"
                        fill="currentColor"
                      >
                        {text(v)}
                      </text>
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      )}
      <p id={`${id}-summary`} className="legend">
        {series.map((s) => (
          <span key={s.name}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" /> {s.name}
          </span>
        ))}
        {note && <span>{note}</span>}
      </p>
      <div className="chart-actions">
        <details>
          <summary>{t.showTable}</summary>
          <table>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeader}</th>
                {series.map((s) => (
                  <th scope="col" key={s.name}>
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.code}>
                  <th scope="row">{r.label}</th>
                  {r.values.map((v, j) => (
                    <td key={series[j]?.name ?? j}>{text(v)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
        <button
          type="button"
          onClick={() =>
            download(
              `${id}.csv`,
              csvOf(
                [rowCode, ...series.map((s) => s.code)],
                rows.map((r) => [r.code, ...r.values]),
              ),
            )
          }
        >
          {t.downloadCsv}
          <span className="sr-only">: {title}</span>
        </button>
      </div>
    </figure>
  );
};
