import { useCallback, useEffect, useState } from "react";
import { api } from "../api";
import { useApp } from "../context";
import type { Option } from "../types";
import { Field } from "./Field";

interface Org {
  id: string;
  key: string;
  name: string;
  people: number;
}
interface Contact {
  id: string;
  channel: string;
  displayName: string;
  role: string;
  registered: boolean;
  organizationName: string;
  lastInboundAt: string | null;
  unreachable: boolean;
  deactivatedAt: string | null;
}
interface Invitation {
  channel: string;
  code: string;
  expiresAt: string;
  telegramLink: string | null;
  whatsappText: string | null;
}
interface Key {
  id: string;
  name: string;
  role: string;
  organization: { key: string; name: string } | null;
  createdAt: string;
  revokedAt: string | null;
}
interface Settings {
  departments: Option[];
  types: Option[];
  sla: { warnPercent: number; targets: Record<string, { firstResponseMs: number; resolutionMs: number }> };
}

const minutes = (ms: number) => `${Math.round(ms / 60000)} min`;

/** Admins only: organizations and contacts, API keys (the secret shown once), and the configuration. */
export const Admin = () => {
  const { t, lang, date } = useApp();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [org, setOrg] = useState<Org | null>(null);
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [keys, setKeys] = useState<Key[]>([]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [name, setName] = useState("");
  const [orgKey, setOrgKey] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState("");
  const [invite, setInvite] = useState({
    channel: "telegram",
    name: "",
    organizationKey: "",
    organizationName: "",
    admin: false,
  });
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [inviteError, setInviteError] = useState("");

  const loadKeys = useCallback(() => api<{ items: Key[] }>("/admin/keys").then((r) => setKeys(r.items)), []);
  useEffect(() => {
    void api<{ items: Org[] }>("/admin/organizations").then((r) => setOrgs(r.items));
    void api<Settings>("/admin/settings").then(setSettings);
    void loadKeys();
  }, [loadKeys]);
  const loadContacts = useCallback(() => {
    const q = org ? `?organization=${org.id}` : "";
    return api<{ items: Contact[] }>(`/admin/contacts${q}`).then((r) => setContacts(r.items));
  }, [org]);
  useEffect(() => {
    void loadContacts();
  }, [loadContacts]);

  const sendInvite = async (e: React.FormEvent) => {
    e.preventDefault();
    setInviteError("");
    setInvitation(null);
    try {
      const { organizationName, ...rest } = invite;
      setInvitation(
        await api<Invitation>("/admin/invitations", {
          method: "POST",
          body: { ...rest, ...(organizationName.trim() ? { organizationName } : {}) },
        }),
      );
      setInvite((i) => ({ ...i, name: "" }));
    } catch (err) {
      setInviteError(err instanceof Error ? err.message : String(err));
    }
  };
  const setOrgAdmin = async (c: Contact, orgAdmin: boolean) => {
    await api(`/admin/contacts/${c.id}/role`, { method: "POST", body: { orgAdmin } });
    await loadContacts();
  };
  const setActive = async (c: Contact, active: boolean) => {
    await api(`/admin/contacts/${c.id}/active`, { method: "POST", body: { active } });
    await loadContacts();
  };

  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    setError("");
    try {
      const made = await api<{ secret: string }>("/admin/keys", {
        method: "POST",
        body: { name, organizationKey: orgKey.trim() || null },
      });
      setSecret(made.secret);
      setName("");
      setOrgKey("");
      await loadKeys();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const revoke = async (id: string) => {
    await api(`/admin/keys/${id}/revoke`, { method: "POST", body: {} });
    await loadKeys();
  };

  return (
    <>
      <h1>{t.admin}</h1>
      <section aria-labelledby="orgs-h">
        <h2 id="orgs-h">{t.organizations}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.organization}</th>
                <th scope="col">{t.key}</th>
                <th scope="col">{t.people}</th>
              </tr>
            </thead>
            <tbody>
              {orgs.map((o) => (
                <tr key={o.id}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-pressed={org?.id === o.id}
                      onClick={() => setOrg(org?.id === o.id ? null : o)}
                    >
                      {o.name}
                    </button>
                  </td>
                  <td>{o.key}</td>
                  <td>{o.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="contacts-h">
        <h2 id="contacts-h">
          {t.contacts}
          {org ? ` · ${org.name}` : ""}
        </h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.channel}</th>
                <th scope="col">{t.organization}</th>
                <th scope="col">{t.role}</th>
                <th scope="col">{t.lastMessage}</th>
                <th scope="col">{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id}>
                  <td>{c.displayName}</td>
                  <td>{c.channel}</td>
                  <td>{c.organizationName}</td>
                  <td>
                    {`${c.role === "ORG_ADMIN" ? t.orgAdmin : t.member} `}
                    <button
                      type="button"
                      onClick={() => void setOrgAdmin(c, c.role !== "ORG_ADMIN")}
                      aria-label={`${c.role === "ORG_ADMIN" ? t.makeMember : t.makeOrgAdmin}: ${c.displayName}`}
                    >
                      {c.role === "ORG_ADMIN" ? t.makeMember : t.makeOrgAdmin}
                    </button>
                  </td>
                  <td>{date(c.lastInboundAt)}</td>
                  <td>
                    {c.deactivatedAt ? `${t.deactivatedOn} ${date(c.deactivatedAt)} ` : `${t.active} `}
                    <button
                      type="button"
                      onClick={() => void setActive(c, c.deactivatedAt !== null)}
                      aria-label={`${c.deactivatedAt ? t.reactivate : t.deactivate}: ${c.displayName}`}
                    >
                      {c.deactivatedAt ? t.reactivate : t.deactivate}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="invite-h">
        <h2 id="invite-h">{t.invite}</h2>
        <form className="filters" onSubmit={(e) => void sendInvite(e)}>
          <Field label={t.channel}>
            <select
              value={invite.channel}
              onChange={(e) => setInvite({ ...invite, channel: e.target.value })}
            >
              <option value="telegram">Telegram</option>
              <option value="whatsapp">WhatsApp</option>
            </select>
          </Field>
          <Field label={t.contactName}>
            <input
              value={invite.name}
              onChange={(e) => setInvite({ ...invite, name: e.target.value })}
              required
              maxLength={200}
            />
          </Field>
          <Field label={t.orgKey}>
            <input
              value={invite.organizationKey}
              onChange={(e) => setInvite({ ...invite, organizationKey: e.target.value })}
              required
              maxLength={100}
            />
          </Field>
          <Field label={t.orgNameOptional}>
            <input
              value={invite.organizationName}
              onChange={(e) => setInvite({ ...invite, organizationName: e.target.value })}
              maxLength={200}
            />
          </Field>
          <label className="check">
            <input
              type="checkbox"
              checked={invite.admin}
              onChange={(e) => setInvite({ ...invite, admin: e.target.checked })}
            />{" "}
            {t.orgAdmin}
          </label>
          <button type="submit">{t.sendInvite}</button>
        </form>
        {inviteError && (
          <p role="alert" className="error">
            {inviteError}
          </p>
        )}
        {invitation && (
          <div role="status" className="invitation">
            <p>{t.inviteOnce(date(invitation.expiresAt))}</p>
            <p>
              <code>{invitation.code}</code>
            </p>
            {invitation.telegramLink && (
              <p>
                <a href={invitation.telegramLink}>{invitation.telegramLink}</a>
              </p>
            )}
            {invitation.whatsappText && <pre>{invitation.whatsappText}</pre>}
          </div>
        )}
      </section>
      <section aria-labelledby="keys-h">
        <h2 id="keys-h">{t.apiKeys}</h2>
        <form className="filters" onSubmit={(e) => void create(e)}>
          <Field label={t.name}>
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          </Field>
          <Field label={t.orgKeyOptional}>
            <input value={orgKey} onChange={(e) => setOrgKey(e.target.value)} maxLength={200} />
          </Field>
          <button type="submit">{t.createKey}</button>
        </form>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {secret && (
          <div role="status" className="secret">
            <p>{t.secretOnce}</p>
            <code>{secret}</code>
          </div>
        )}
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.organization}</th>
                <th scope="col">{t.created}</th>
                <th scope="col">{t.status}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>{k.organization?.name ?? t.allOrganizations}</td>
                  <td>{date(k.createdAt)}</td>
                  <td>
                    {k.revokedAt ? (
                      `${t.revoked} ${date(k.revokedAt)}`
                    ) : (
                      <button
                        type="button"
                        onClick={() => void revoke(k.id)}
                        aria-label={`${t.revoke}: ${k.name}`}
                      >
                        {t.revoke}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {settings && (
        <section aria-labelledby="config-h">
          <h2 id="config-h">{t.configured}</h2>
          <h3>{t.department}</h3>
          <ul>
            {settings.departments.map((d) => (
              <li key={d.code}>
                {d.labels[lang]} (<code>{d.code}</code>)
              </li>
            ))}
          </ul>
          <h3>{t.types}</h3>
          <ul>
            {settings.types.map((d) => (
              <li key={d.code}>
                {d.labels[lang]} (<code>{d.code}</code>)
              </li>
            ))}
          </ul>
          <table>
            <caption>
              {t.sla} ({t.warnAt} {settings.sla.warnPercent}%)
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.priority}</th>
                <th scope="col">{t.firstResponse}</th>
                <th scope="col">{t.resolution}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(settings.sla.targets).map(([p, target]) => (
                <tr key={p}>
                  <th scope="row">{(t as unknown as Record<string, string>)[p] ?? p}</th>
                  <td>{minutes(target.firstResponseMs)}</td>
                  <td>{minutes(target.resolutionMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
};
