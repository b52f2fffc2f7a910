import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, api, fileToBase64 } from "../api";
import { useApp } from "../context";
import { linkProps } from "../router";
import type { TicketDetail, TicketEvent } from "../types";
import { PriorityBadge, SlaBadge, StatusBadge } from "./badges";
import { Field } from "./Field";
import { useLiveTickets } from "./live";

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1048576 ? `${Math.round(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`;

const hours = (ms: number) => {
  const m = Math.round(ms / 60000);
  return m < 60 ? `${m} min` : m < 2880 ? `${Math.round(m / 60)} h` : `${Math.round(m / 1440)} d`;
};

const EventItem = ({ event, number }: { event: TicketEvent; number: number }) => {
  const { t, date, me, label } = useApp();
  const words = t as unknown as Record<string, string>;
  const name = (code: string | null) =>
    code === null
      ? "—"
      : event.kind === "DEPARTMENT_CHANGED"
        ? label(me.departments, code)
        : (words[code] ?? code);
  const change = event.from || event.to ? `${name(event.from)} → ${name(event.to)}` : null;
  return (
    <li className={`event e-${event.kind} a-${event.actor.kind}`}>
      <p className="meta">
        <strong>{event.actor.name || event.actor.kind}</strong>{" "}
        <time dateTime={event.createdAt}>{date(event.createdAt)}</time>
        {event.kind === "NOTE" && <span className="badge note">{t.note}</span>}
        {event.kind !== "MESSAGE" && event.kind !== "NOTE" && <span className="kind"> · {event.kind}</span>}
      </p>
      {change && <p>{change}</p>}
      {event.body && <p className="body">{event.body}</p>}
      {event.attachments.length > 0 && (
        <ul className="files">
          {event.attachments.map((a) => (
            <li key={a.id}>
              {/^image\/(png|jpeg|gif|webp)$/.test(a.contentType) && (
                <img
                  className="preview"
                  src={`/app/api/tickets/${number}/files/${a.id}`}
                  alt={a.fileName}
                  loading="lazy"
                />
              )}
              <a href={`/app/api/tickets/${number}/files/${a.id}`} download={a.fileName}>
                {t.download} {a.fileName}
              </a>{" "}
              ({size(a.size)})
            </li>
          ))}
        </ul>
      )}
    </li>
  );
};

export const TicketPage = ({ number }: { number: number }) => {
  const { t, me, label, date } = useApp();
  const staff = me.role !== "supplier";
  const [detail, setDetail] = useState<TicketDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [message, setMessage] = useState("");
  const [internal, setInternal] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const files = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await api<TicketDetail>(`/tickets/${number}`));
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else throw e;
    }
  }, [number]);

  useEffect(() => {
    void load().then(() => heading.current?.focus());
  }, [load]);

  useLiveTickets((changed) => {
    if (changed === number) void load();
  });

  const act = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    setError("");
    try {
      await api(`/tickets/${number}/${path}`, { method: "POST", body });
      await load();
      setStatus(done);
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    const chosen = [...(files.current?.files ?? [])];
    const encoded = await Promise.all(
      chosen.map(async (f) => ({
        fileName: f.name,
        contentBase64: await fileToBase64(f),
        contentType: f.type || undefined,
      })),
    );
    if (await act("reply", { message, internal, files: encoded }, t.sent)) {
      setMessage("");
      setInternal(false);
      if (files.current) files.current.value = "";
    }
  };

  if (missing)
    return (
      <>
        <h1>404</h1>
        <p>{t.none}</p>
        <a {...linkProps("/tickets")}>{t.back}</a>
      </>
    );
  if (!detail) return <p aria-busy="true">{t.loading}</p>;
  const tk = detail.ticket;
  const words = t as unknown as Record<string, string>;

  return (
    <>
      <p>
        <a {...linkProps("/tickets")}>← {t.back}</a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {tk.publicId} · {tk.subject}
      </h1>
      <dl className="facts">
        <div>
          <dt>{t.status}</dt>
          <dd>
            <StatusBadge status={staff ? tk.status : tk.publicStatus} />
          </dd>
        </div>
        <div>
          <dt>{t.priority}</dt>
          <dd>
            <PriorityBadge priority={tk.priority} />
          </dd>
        </div>
        <div>
          <dt>{t.department}</dt>
          <dd>{label(me.departments, tk.department)}</dd>
        </div>
        <div>
          <dt>{t.organization}</dt>
          <dd>{tk.organizationName}</dd>
        </div>
        <div>
          <dt>{t.requester}</dt>
          <dd>
            {tk.requester.displayName} ({tk.requester.channel})
          </dd>
        </div>
        <div>
          <dt>{t.created}</dt>
          <dd>{date(tk.createdAt)}</dd>
        </div>
        <div>
          <dt>{t.readMark}</dt>
          <dd className="read-mark">
            {detail.readAt
              ? detail.readBy
                ? t.readAtBy(date(detail.readAt), detail.readBy.name)
                : t.readAt(date(detail.readAt))
              : t.notRead}
          </dd>
        </div>
        {staff && (
          <>
            <div>
              <dt>{t.assignee}</dt>
              <dd>{tk.assignee?.name ?? t.nobody}</dd>
            </div>
            <div>
              <dt>{t.sla}</dt>
              <dd>
                <SlaBadge sla={tk.sla} />
              </dd>
            </div>
          </>
        )}
      </dl>
      {staff && (
        <section aria-labelledby="actions-h" className="actions">
          <h2 id="actions-h" className="sr-only">
            {t.change}
          </h2>
          <Field label={t.status}>
            <select
              value={tk.status}
              disabled={busy}
              onChange={(e) => void act("status", { status: e.target.value }, t.saved)}
            >
              {me.statuses.map((s) => (
                <option key={s} value={s}>
                  {words[s] ?? s}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t.priority}>
            <select
              value={tk.priority}
              disabled={busy}
              onChange={(e) => void act("priority", { priority: e.target.value }, t.saved)}
            >
              {me.priorities.map((p) => (
                <option key={p} value={p}>
                  {words[p] ?? p}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t.department}>
            <select
              value={tk.department}
              disabled={busy}
              onChange={(e) => void act("department", { department: e.target.value }, t.saved)}
            >
              {me.departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {label(me.departments, d.code)}
                </option>
              ))}
            </select>
          </Field>
          <button
            type="button"
            disabled={busy}
            onClick={() => void act("assign", { assignee: tk.assignee ? "nobody" : "me" }, t.saved)}
          >
            {tk.assignee ? t.unassign : t.assignMe}
          </button>
          {tk.contactRequestedAt ? (
            <button type="button" disabled={busy} onClick={() => void act("contact-done", {}, t.saved)}>
              {t.contactDone}
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={() => void act("request-contact", {}, t.saved)}>
              {t.requestContact}
            </button>
          )}
        </section>
      )}
      <p role="status" className="status-line">
        {status}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <section aria-labelledby="history-h">
        <h2 id="history-h">{t.history}</h2>
        <ol className="history">
          {detail.events.map((e) => (
            <EventItem key={e.id} event={e} number={tk.number} />
          ))}
        </ol>
      </section>
      <section aria-labelledby="reply-h">
        <h2 id="reply-h">{t.reply}</h2>
        <form onSubmit={(e) => void send(e)} className="reply">
          <Field label={t.message}>
            <textarea
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              maxLength={1000}
              rows={4}
            />
          </Field>
          <Field label={t.files}>
            <input
              ref={files}
              type="file"
              multiple
              accept={me.attachments.types.map((x) => `.${x}`).join(",")}
            />
          </Field>
          {staff && (
            <label className="check">
              <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />{" "}
              {t.internal}
            </label>
          )}
          <button type="submit" disabled={busy}>
            {t.send}
          </button>
        </form>
      </section>
      {staff && (
        <section aria-labelledby="tis-h">
          <h2 id="tis-h">{t.timeInStatus}</h2>
          <table>
            <caption className="sr-only">{t.timeInStatus}</caption>
            <tbody>
              {Object.entries(detail.timeInStatus)
                .filter(([, ms]) => ms > 0)
                .map(([s, ms]) => (
                  <tr key={s}>
                    <th scope="row">{words[s] ?? s}</th>
                    <td>{hours(ms)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
};
