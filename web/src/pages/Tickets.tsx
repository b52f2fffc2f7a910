import { useCallback, useEffect, useState } from "react";
import { api } from "../api";
import { useApp } from "../context";
import { linkProps } from "../router";
import type { TicketRow } from "../types";
import { PriorityBadge, SlaBadge, StatusBadge } from "./badges";
import { Field } from "./Field";
import { useLiveTickets } from "./live";
import { useOrganizations } from "./organizations";

interface Filters {
  q: string;
  status: string;
  priority: string;
  department: string;
  organization: string;
  view: string;
  sort: string;
  order: string;
}

const fromUrl = (): Filters => {
  const p = new URLSearchParams(window.location.search);
  return {
    q: p.get("q") ?? "",
    status: p.get("status") ?? "",
    priority: p.get("priority") ?? "",
    department: p.get("department") ?? "",
    organization: p.get("organization") ?? "",
    view: p.get("view") ?? "all",
    sort: p.get("sort") ?? "created",
    order: p.get("order") ?? "desc",
  };
};

const paramsOf = (f: Filters) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v && !(k === "view" && v === "all")) p.set(k, v);
  return p;
};

export const Tickets = () => {
  const { t, me, label, date } = useApp();
  const staff = me.role !== "supplier";
  const [filters, setFilters] = useState<Filters>(fromUrl);
  const [draft, setDraft] = useState(filters.q);
  const [items, setItems] = useState<TicketRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const orgs = useOrganizations(staff);

  const load = useCallback(
    async (cursor: string | null) => {
      const p = paramsOf(filters);
      if (cursor) p.set("cursor", cursor);
      const page = await api<{ items: TicketRow[]; nextCursor: string | null }>(`/tickets?${p}`);
      setItems((old) => (cursor && old ? [...old, ...page.items] : page.items));
      setNext(page.nextCursor);
    },
    [filters],
  );

  useEffect(() => {
    const p = paramsOf(filters).toString();
    window.history.replaceState(null, "", `${window.location.pathname}${p ? `?${p}` : ""}`);
    void load(null);
  }, [filters, load]);

  useLiveTickets(() => {
    void load(null).then(() => setAnnounce(t.updated));
  });

  const set = (key: keyof Filters) => (e: React.ChangeEvent<HTMLSelectElement>) =>
    setFilters((f) => ({ ...f, [key]: e.target.value }));

  return (
    <>
      <h1>{t.tickets}</h1>
      <form
        className="filters"
        aria-label={t.filters}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters((f) => ({ ...f, q: draft.trim() }));
        }}
      >
        <Field label={t.search} className="grow">
          <input
            type="search"
            name="q"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            maxLength={200}
          />
        </Field>
        <button type="submit">{t.searchButton}</button>
        {staff && (
          <Field label={t.view}>
            <select name="view" value={filters.view} onChange={set("view")}>
              <option value="all">{t.viewAll}</option>
              <option value="mine">{t.viewMine}</option>
              <option value="unassigned">{t.viewUnassigned}</option>
              <option value="breaching">{t.viewBreaching}</option>
            </select>
          </Field>
        )}
        <Field label={t.status}>
          <select name="status" value={filters.status} onChange={set("status")}>
            <option value="">{t.any}</option>
            {me.publicStatuses.map((s) => (
              <option key={s} value={s}>
                {(t as unknown as Record<string, string>)[s]}
              </option>
            ))}
            {filters.status.includes(",") && <option value={filters.status}>{filters.status}</option>}
          </select>
        </Field>
        <Field label={t.priority}>
          <select name="priority" value={filters.priority} onChange={set("priority")}>
            <option value="">{t.any}</option>
            {me.priorities.map((p) => (
              <option key={p} value={p}>
                {(t as unknown as Record<string, string>)[p]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.department}>
          <select name="department" value={filters.department} onChange={set("department")}>
            <option value="">{t.any}</option>
            {me.departments.map((d) => (
              <option key={d.code} value={d.code}>
                {label(me.departments, d.code)}
              </option>
            ))}
          </select>
        </Field>
        {staff && (
          <Field label={t.organization}>
            <select name="organization" value={filters.organization} onChange={set("organization")}>
              <option value="">{t.any}</option>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t.sortBy}>
          <select name="sort" value={filters.sort} onChange={set("sort")}>
            <option value="created">{t.sortCreated}</option>
            <option value="updated">{t.sortUpdated}</option>
            <option value="number">{t.sortNumber}</option>
            <option value="priority">{t.sortPriority}</option>
          </select>
        </Field>
        <Field label={t.order}>
          <select name="order" value={filters.order} onChange={set("order")}>
            <option value="desc">{t.desc}</option>
            <option value="asc">{t.asc}</option>
          </select>
        </Field>
      </form>
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
      <div className="table-wrap">
        <table className="tickets" aria-busy={items === null}>
          <caption className="sr-only">{t.tickets}</caption>
          <thead>
            <tr>
              <th scope="col">{t.id}</th>
              <th scope="col">{t.subject}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.priority}</th>
              <th scope="col">{t.department}</th>
              <th scope="col">{t.organization}</th>
              <th scope="col">{t.lastReply}</th>
              <th scope="col">{t.created}</th>
              <th scope="col">{t.assignee}</th>
              {staff && <th scope="col">{t.sla}</th>}
            </tr>
          </thead>
          <tbody>
            {items?.map((row) => (
              <tr key={row.number}>
                <td>
                  <a {...linkProps(`/tickets/${row.number}`)}>{row.publicId}</a>
                </td>
                <td>{row.subject}</td>
                <td>
                  <StatusBadge status={staff ? row.status : row.publicStatus} />
                </td>
                <td>
                  <PriorityBadge priority={row.priority} />
                </td>
                <td>{label(me.departments, row.department)}</td>
                <td>{row.organizationName}</td>
                <td>{date(row.lastReply?.at ?? null)}</td>
                <td>{date(row.createdAt)}</td>
                <td>{row.assignee?.name ?? "—"}</td>
                {staff && (
                  <td>
                    <SlaBadge sla={row.sla} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items?.length === 0 && <p>{t.none}</p>}
      {next && (
        <button type="button" onClick={() => void load(next)}>
          {t.more}
        </button>
      )}
    </>
  );
};
