import { useEffect, useState } from "react";
import { api } from "../api";
import { useApp } from "../context";
import { linkProps } from "../router";
import { download } from "./csv";
import { Field } from "./Field";
import { OpenedChart, type OpenedPerDay, toCsv } from "./OpenedChart";
import { useOrganizations } from "./organizations";
import { ReportCharts, type ReportChartsData } from "./ReportCharts";

interface DashboardData {
  period: { from: string; to: string; days: number };
  counts: { total: number; open: number; answered: number; closed: number; highPriority: number };
  sla: { firstResponseBreached: number; resolutionBreached: number };
  charts: { openedPerDay: OpenedPerDay[] } & ReportChartsData;
  /** When the server computed these figures; `refreshing` means newer ones are on their way. */
  asOf: string;
  refreshing: boolean;
}

/** While the server recomputes, the page asks again after this long, a few times at most. */
const REFRESH_POLL_MS = 2_000;
const REFRESH_POLLS = 5;

export const Dashboard = () => {
  const { t, me, label, date } = useApp();
  const [days, setDays] = useState(30);
  const [department, setDepartment] = useState("");
  const [organization, setOrganization] = useState("");
  const orgs = useOrganizations(true);
  const [data, setData] = useState<DashboardData | null>(null);

  useEffect(() => {
    const params = new URLSearchParams({
      days: String(days),
      ...(department ? { department } : {}),
      ...(organization ? { organization } : {}),
    });
    let polls = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let gone = false;
    const load = () =>
      api<DashboardData>(`/dashboard?${params}`).then((next) => {
        if (gone) return;
        setData(next);
        if (next.refreshing && polls++ < REFRESH_POLLS) timer = setTimeout(load, REFRESH_POLL_MS);
      });
    load();
    return () => {
      gone = true;
      clearTimeout(timer);
    };
  }, [days, department, organization]);

  const cards: [string, number | undefined, string][] = [
    [t.total, data?.counts.total, "/tickets"],
    [t.OPEN, data?.counts.open, "/tickets?status=OPEN"],
    [t.ANSWERED, data?.counts.answered, "/tickets?status=ANSWERED"],
    [t.CLOSED, data?.counts.closed, "/tickets?status=CLOSED"],
    [t.highPriority, data?.counts.highPriority, "/tickets?priority=HIGH&status=OPEN,ANSWERED"],
  ];

  return (
    <>
      <h1>{t.dashboard}</h1>
      <p className="as-of" aria-live="polite">
        {data ? t.figuresAsOf(date(data.asOf)) : t.loading}
      </p>
      <ul className="cards" aria-busy={data === null}>
        {cards.map(([name, value, to]) => (
          <li key={name}>
            <a {...linkProps(to)} className="card">
              <span className="value">{value ?? "…"}</span>
              <span className="name">{name}</span>
            </a>
          </li>
        ))}
      </ul>
      <section aria-labelledby="charts-h">
        <h2 id="charts-h" className="sr-only">
          {t.openedPerDay}
        </h2>
        <div className="filters">
          <Field label={t.period}>
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {[7, 30, 90].map((n) => (
                <option key={n} value={n}>
                  {t.days(n)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t.department}>
            <select value={department} onChange={(e) => setDepartment(e.target.value)}>
              <option value="">{t.allDepartments}</option>
              {me.departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {label(me.departments, d.code)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t.organization}>
            <select value={organization} onChange={(e) => setOrganization(e.target.value)}>
              <option value="">{t.allOrganizations}</option>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
          <button
            type="button"
            disabled={!data}
            onClick={() => data && download("opened-per-day.csv", toCsv(data.charts.openedPerDay))}
          >
            {t.downloadCsv}
          </button>
        </div>
        {data && (
          <OpenedChart rows={data.charts.openedPerDay} from={data.period.from} days={data.period.days} />
        )}
        {data && (
          <details>
            <summary>{t.showTable}</summary>
            <table>
              <caption className="sr-only">{t.openedPerDay}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.day}</th>
                  <th scope="col">{t.channel}</th>
                  <th scope="col">{t.count}</th>
                </tr>
              </thead>
              <tbody>
                {data.charts.openedPerDay.map((r) => (
                  <tr key={`${r.day}-${r.channel}`}>
                    <td>{r.day}</td>
                    <td>{r.channel}</td>
                    <td>{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
        {data && <ReportCharts data={data.charts} department={department} />}
      </section>
    </>
  );
};
