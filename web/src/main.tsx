import { StrictMode, useCallback, useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { ApiError, api, setApiLang, setCsrf } from "./api";
import { type AppContext, Ctx, useApp } from "./context";
import { DICTIONARIES, initialLang, type Lang, storeLang } from "./i18n";
import { Admin } from "./pages/Admin";
import { Dashboard } from "./pages/Dashboard";
import { TicketPage } from "./pages/TicketPage";
import { Tickets } from "./pages/Tickets";
import { linkProps, usePath } from "./router";
import "./styles.css";
import type { Me } from "./types";

const Nav = ({
  me,
  path,
  onLang,
  onSignOut,
}: {
  me: Me;
  path: string;
  onLang: (l: Lang) => void;
  onSignOut: () => void;
}) => {
  const { t, lang } = useApp();
  const staff = me.role !== "supplier";
  const item = (to: string, text: string, active: boolean) => (
    <li>
      <a {...linkProps(to)} aria-current={active ? "page" : undefined}>
        {text}
      </a>
    </li>
  );
  return (
    <header className="top">
      <a className="skip" href="#main">
        {t.skip}
      </a>
      <span className="brand">chamado</span>
      <nav aria-label="chamado">
        <ul>
          {staff && item("/", t.dashboard, path === "/")}
          {item("/tickets", t.tickets, path.startsWith("/tickets") || (!staff && path === "/"))}
          {me.role === "admin" && item("/admin", t.admin, path === "/admin")}
        </ul>
      </nav>
      <div className="who">
        <select aria-label={t.language} value={lang} onChange={(e) => onLang(e.target.value as Lang)}>
          <option value="pt-BR">Português</option>
          <option value="en">English</option>
        </select>
        <span>{me.name}</span>
        <button type="button" onClick={onSignOut}>
          {t.signOut}
        </button>
      </div>
    </header>
  );
};

const App = () => {
  const [me, setMe] = useState<Me | null>(null);
  const [failed, setFailed] = useState(false);
  const [lang, setLang] = useState<Lang>(() => initialLang("pt-BR"));
  const path = usePath();

  useEffect(() => {
    api<Me>("/me").then(
      (m) => {
        setCsrf(m.csrf);
        setMe(m);
      },
      (e) => {
        if (e instanceof ApiError) setFailed(true);
        else throw e;
      },
    );
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    setApiLang(lang);
  }, [lang]);

  const ctx = useMemo<AppContext | null>(() => {
    if (!me) return null;
    const format = new Intl.DateTimeFormat(lang, {
      dateStyle: "short",
      timeStyle: "short",
      timeZone: me.timeZone,
    });
    return {
      me,
      lang,
      t: DICTIONARIES[lang],
      label: (options, code) => options.find((o) => o.code === code)?.labels[lang] ?? code,
      date: (iso) => (iso ? format.format(new Date(iso)) : "—"),
    };
  }, [me, lang]);

  const changeLang = useCallback((l: Lang) => {
    storeLang(l);
    setLang(l);
  }, []);
  const signOut = useCallback(async () => {
    await api("/logout", { method: "POST" }).catch(() => undefined);
    setMe(null);
    setFailed(true);
  }, []);

  const t = DICTIONARIES[lang];
  if (failed)
    return (
      <main id="main" className="page narrow">
        <h1>chamado</h1>
        <p role="alert">{t.signedOut}</p>
      </main>
    );
  if (!me || !ctx)
    return (
      <main id="main" className="page" aria-busy="true">
        <p>{t.loading}</p>
      </main>
    );

  const ticketMatch = /^\/tickets\/(\d+)$/.exec(path);
  const staff = me.role !== "supplier";
  let page: React.ReactNode;
  if (ticketMatch) page = <TicketPage number={Number(ticketMatch[1])} />;
  else if (path === "/" && staff) page = <Dashboard />;
  else if (path === "/admin" && me.role === "admin") page = <Admin />;
  else page = <Tickets />;

  return (
    <Ctx.Provider value={ctx}>
      <Nav me={me} path={path} onLang={changeLang} onSignOut={signOut} />
      <main id="main" className="page" tabIndex={-1}>
        {page}
      </main>
    </Ctx.Provider>
  );
};

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
