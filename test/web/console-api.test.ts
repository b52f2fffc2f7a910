import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/app/cli/main.js";
import { type ConsoleClient, localLink, postLogin, signIn } from "../../testkit/console-client.js";
import { waitFor } from "../../testkit/spawn-service.js";
import type { Person } from "../../testkit/telegram-updates.js";
import { ticketFor } from "../telegram/support/requester.js";
import { startTelegramService, type TelegramTestService } from "../telegram/support/telegram-service.js";

const ana: Person = { userId: 2101, firstName: "Ana", languageCode: "pt-br", inGroup: false };
const bruno: Person = { userId: 2102, firstName: "Bruno", languageCode: "en", inGroup: false };
const clara: Person = { userId: 2103, firstName: "Clara", languageCode: "pt-br", inGroup: false };

describe("web console API under /app/api", () => {
  let t: TelegramTestService;
  let agent: ConsoleClient;
  let anaRef: string;
  let brunoRef: string;
  let anaContact: string;

  beforeAll(async () => {
    t = await startTelegramService();
    const a = await ticketFor(t, ana, "Nota fiscal rejeitada");
    const b = await ticketFor(t, bruno, "Invoice rejected by the portal");
    anaRef = a.ref;
    brunoRef = b.ref;
    anaContact = a.contact.id;
    agent = await signIn(
      t.service.url,
      t.service.webLinks.forAgent({ slackUser: null, name: "Carla", admin: false }),
    );
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("a link opens a page with a button; the button signs in once, with an HttpOnly SameSite cookie", async () => {
    const link = localLink(
      t.service.url,
      t.service.webLinks.forAgent({ slackUser: null, name: "Dora", admin: true }),
    );
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post" action="/app/login">');
    const token = new URL(link).searchParams.get("t")!;
    const first = await postLogin(t.service.url, token);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/app/");
    const cookie = first.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/app/);
    expect(cookie).not.toMatch(/Secure/);
    const elsewhere = localLink(
      t.service.url,
      t.service.webLinks.forAgent({ slackUser: null, name: "Eve", admin: false }),
    );
    const fromAnotherSite = await fetch(`${t.service.url}/app/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: new URLSearchParams({ t: new URL(elsewhere).searchParams.get("t")! }).toString(),
    });
    expect(fromAnotherSite.status).toBe(401);
    const again = await postLogin(t.service.url, token);
    expect(again.status).toBe(401);
    expect(await again.text()).toContain("já foi usado");
  });

  it("refuses an expired link, a forged one and a session-less call", async () => {
    const { signLink } = await import("../../src/adapters/web/link-token.js");
    const { webSecretOf } = await import("../../src/adapters/web/secret.js");
    const secret = webSecretOf(undefined, t.service.config.DATA_DIR);
    const expired = signLink(
      secret,
      { kind: "agent", slackUser: null, name: "X", admin: false },
      new Date(Date.now() - 1000),
    );
    const page = await fetch(`${t.service.url}/app/login?t=${expired}`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain("expirou");
    expect((await postLogin(t.service.url, expired)).status).toBe(401);
    const forged = signLink(
      "another-secret-another-secret-0123",
      { kind: "agent", slackUser: null, name: "X", admin: true },
      new Date(Date.now() + 60_000),
    );
    expect((await postLogin(t.service.url, forged)).status).toBe(401);
    expect((await fetch(`${t.service.url}/app/api/tickets`)).status).toBe(401);
  });

  it("the CLI's web-link signs in with the service's key kept in DATA_DIR", async () => {
    const out: string[] = [];
    const code = await runCli(
      ["web-link", "--as", "admin", "--json"],
      { out: (s) => out.push(s), err: () => {} },
      {
        DATA_DIR: t.service.config.DATA_DIR,
        LOG_LEVEL: "silent",
      },
    );
    expect(code).toBe(0);
    const admin = await signIn(t.service.url, localLink(t.service.url, JSON.parse(out[0]!).url));
    expect((await admin.get("/me")).json).toMatchObject({ role: "admin", name: "Admin" });
    const usage = await runCli(
      ["web-link", "--as", "root"],
      { out: () => {}, err: () => {} },
      { DATA_DIR: t.service.config.DATA_DIR },
    );
    expect(usage).toBe(2);
  });

  it("refuses every change without the session's CSRF token, or from another origin", async () => {
    const noToken = await agent.post(
      `/tickets/${anaRef}/priority`,
      { priority: "LOW" },
      { "x-csrf-token": "" },
    );
    expect(noToken.status).toBe(403);
    expect(noToken.json.code).toBe("CSRF");
    const crossSite = await agent.post(
      `/tickets/${anaRef}/priority`,
      { priority: "LOW" },
      { origin: "https://evil.example" },
    );
    expect(crossSite.status).toBe(403);
    const detail = await agent.get(`/tickets/${anaRef}`);
    expect(detail.json.ticket.priority).toBe("HIGH");
  });

  it("dashboard counts and opened-per-day come from the tickets", async () => {
    const board = await agent.get("/dashboard?days=7");
    expect(board.status).toBe(200);
    expect(board.json.counts).toMatchObject({ total: 2, open: 2, answered: 0, closed: 0, highPriority: 2 });
    const rows = board.json.charts.openedPerDay as { channel: string; count: number }[];
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(2);
    expect(rows.every((r) => r.channel === "TELEGRAM")).toBe(true);
  });

  it("dashboard charts time in status, SLA compliance, ratings and the intake funnel from the report", async () => {
    const { charts } = (await agent.get("/dashboard?days=7")).json;
    expect(charts.timeInStatus).toEqual([
      { status: "NEW", count: 2, averageMs: expect.any(Number), p90Ms: expect.any(Number) },
    ]);
    expect(charts.slaCompliance.firstResponse).toMatchObject({ met: 0, breached: 0, running: 2 });
    expect(charts.slaCompliance.resolution).toMatchObject({ met: 0, breached: 0, running: 2 });
    expect(charts.ratings).toEqual({
      count: 0,
      average: null,
      distribution: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0 },
    });
    expect(charts.intakeFunnel.opened).toBe(2);
    expect(charts.intakeFunnel.steps[0]).toEqual({ step: "subject", reached: 2, stopped: 0 });
    // Both tickets are technical: another department's charts are empty, the funnel is not filtered.
    const sales = (await agent.get("/dashboard?days=7&department=sales")).json.charts;
    expect(sales.timeInStatus).toEqual([]);
    expect(sales.slaCompliance.firstResponse).toMatchObject({ met: 0, breached: 0, running: 0 });
    expect(sales.intakeFunnel.opened).toBe(2);
    const technical = (await agent.get("/dashboard?days=7&department=technical")).json.charts;
    expect(technical.timeInStatus).toHaveLength(1);
    const elsewhere = "00000000-0000-4000-8000-000000000000";
    const none = (await agent.get(`/dashboard?days=7&organization=${elsewhere}`)).json.charts;
    expect(none.intakeFunnel.opened).toBe(0);
    expect(none.slaCompliance.resolution.running).toBe(0);
  });

  it("keeps a view's figures, says when they were computed, and recomputes them after a ticket changes", async () => {
    const before = (await agent.get("/dashboard?days=3")).json;
    expect(before.counts.highPriority).toBe(2);
    expect(before.refreshing).toBe(false);
    expect(Date.parse(before.asOf)).toBeLessThanOrEqual(Date.now());
    // Changed elsewhere (the ticket service, as Slack would): the kept figures are shown, marked as
    // being recomputed, and the new ones follow.
    const carla = { kind: "agent" as const, id: "slack:U1", name: "Carla" };
    expect((await t.service.core.service.changePriority(carla, anaRef, { priority: "LOW" })).ok).toBe(true);
    const kept = (await agent.get("/dashboard?days=3")).json;
    expect(kept.counts.highPriority).toBe(2);
    expect(kept.refreshing).toBe(true);
    let after = kept;
    await waitFor(async () => {
      after = (await agent.get("/dashboard?days=3")).json;
      return after.counts.highPriority === 1 && !after.refreshing;
    }, "the recomputed dashboard");
    expect(Date.parse(after.asOf)).toBeGreaterThan(Date.parse(before.asOf));
    expect((await t.service.core.service.changePriority(carla, anaRef, { priority: "HIGH" })).ok).toBe(true);
  });

  it("searches, filters and pages the table with a keyset cursor", async () => {
    const found = await agent.get(`/tickets?q=${encodeURIComponent("fiscal")}`);
    expect(found.json.items.map((i: { publicId: string }) => i.publicId)).toEqual([anaRef]);
    const byId = await agent.get(`/tickets?q=${brunoRef}`);
    expect(byId.json.items.map((i: { publicId: string }) => i.publicId)).toEqual([brunoRef]);
    const first = await agent.get("/tickets?limit=1&sort=number&order=asc");
    expect(first.json.items[0].publicId).toBe(anaRef);
    const second = await agent.get(`/tickets?limit=1&sort=number&order=asc&cursor=${first.json.nextCursor}`);
    expect(second.json.items[0].publicId).toBe(brunoRef);
    expect((await agent.get("/tickets?status=CLOSED")).json.items).toEqual([]);
    expect((await agent.get("/tickets?view=unassigned")).json.items).toHaveLength(2);
    expect((await agent.get("/tickets?view=mine")).json.items).toEqual([]);
    const taken = await agent.post(`/tickets/${brunoRef}/assign`, { assignee: "me" });
    expect(taken.json.ticket.assignee).toMatchObject({ name: "Carla" });
    expect(
      (await agent.get("/tickets?view=mine")).json.items.map((i: { publicId: string }) => i.publicId),
    ).toEqual([brunoRef]);
    expect((await agent.get("/tickets?view=unassigned")).json.items).toHaveLength(1);
    // Signed in again by a new link, Carla is the same agent: her tickets are still hers.
    const again = await signIn(
      t.service.url,
      t.service.webLinks.forAgent({ slackUser: null, name: "Carla", admin: false }),
    );
    expect(
      (await again.get("/tickets?view=mine")).json.items.map((i: { publicId: string }) => i.publicId),
    ).toEqual([brunoRef]);
  });

  it("answers hostile query strings with 400, never a database error or a filter left out", async () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const admin = await signIn(
      t.service.url,
      t.service.webLinks.forAgent({ slackUser: null, name: "Dora", admin: true }),
    );
    const refused = [
      "/dashboard?department=%00",
      "/dashboard?department=a%01b",
      "/tickets?status=bogus",
      "/tickets?status=%00",
      "/tickets?priority=URGENT",
      "/tickets?department=%00",
      "/tickets?cursor=garbage!",
      `/admin/organizations?cursor=${forged(["\u0000", "x"])}`,
      `/admin/contacts?cursor=${forged(["Ana", "not-a-uuid"])}`,
    ];
    for (const path of refused) expect([path, (await admin.get(path)).status]).toEqual([path, 400]);
    // A session cookie that is not even valid percent-encoding is no session.
    for (const cookie of [
      "chamado_console=%ff%fe",
      "chamado_console=%",
      `chamado_console=${"a".repeat(5000)}`,
    ]) {
      const me = await fetch(`${t.service.url}/app/api/me`, { headers: { cookie } });
      expect([cookie.slice(0, 24), me.status]).toEqual([cookie.slice(0, 24), 401]);
    }
    // Public statuses in any case, as the REST API and the CLI take them.
    const open = await agent.get("/tickets?status=open");
    expect(open.status).toBe(200);
    expect(open.json.items.length).toBeGreaterThan(0);
  });

  it("a console reply goes through the service and reaches the supplier on Telegram", async () => {
    const before = t.api.messages(ana.userId).length;
    const reply = await agent.post(`/tickets/${anaRef}/reply`, {
      message: "Reenvie a nota com o CFOP 5102.",
      files: [
        { fileName: "passos.txt", contentBase64: Buffer.from("1. abrir\n2. enviar\n").toString("base64") },
      ],
    });
    expect(reply.status).toBe(200);
    await waitFor(() => t.api.messages(ana.userId).length > before, "the reply on Telegram");
    expect(
      t.api
        .messages(ana.userId)
        .map((m) => m.text ?? "")
        .join("\n"),
    ).toContain("Reenvie a nota com o CFOP 5102.");
    const note = await agent.post(`/tickets/${anaRef}/reply`, {
      message: "Cliente recorrente",
      internal: true,
    });
    expect(note.status).toBe(200);
    const detail = await agent.get(`/tickets/${anaRef}`);
    const file = detail.json.events.flatMap((e: { attachments: { id: string }[] }) => e.attachments)[0];
    const bytes = await fetch(`${t.service.url}/app/api/tickets/${anaRef}/files/${file.id}`, {
      headers: { cookie: agent.cookie },
    });
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get("content-disposition")).toContain("passos.txt");
    expect(await bytes.text()).toBe("1. abrir\n2. enviar\n");
  });

  it("a supplier's link reaches only their own tickets: no other ticket, no note, no dashboard", async () => {
    const supplier = await signIn(t.service.url, t.service.webLinks.forSupplier(anaContact));
    expect((await supplier.get("/me")).json.role).toBe("supplier");
    const list = await supplier.get("/tickets");
    expect(list.json.items.map((i: { publicId: string }) => i.publicId)).toEqual([anaRef]);
    expect((await supplier.get(`/tickets/${brunoRef}`)).status).toBe(404);
    expect((await supplier.post(`/tickets/${brunoRef}/reply`, { message: "oi" })).status).toBe(404);
    expect((await supplier.get("/dashboard")).status).toBe(404);
    expect((await supplier.post(`/tickets/${anaRef}/status`, { status: "SOLVED" })).status).toBe(404);
    const own = await supplier.get(`/tickets/${anaRef}`);
    expect(own.json.events.some((e: { kind: string }) => e.kind === "NOTE")).toBe(false);
    const answered = await supplier.post(`/tickets/${anaRef}/reply`, {
      message: "Reenviei agora.",
      internal: true,
      files: [{ fileName: "recibo.txt", contentBase64: Buffer.from("protocolo 42\n").toString("base64") }],
    });
    expect(answered.status).toBe(200);
    // A supplier cannot write an internal note: the flag is dropped, the reply is public with its file.
    const history = (await agent.get(`/tickets/${anaRef}`)).json.events as {
      kind: string;
      body: string;
      attachments: { fileName: string }[];
    }[];
    const last = history.filter((e) => e.kind === "MESSAGE").at(-1)!;
    expect(last.body).toBe("Reenviei agora.");
    expect(last.attachments.map((a) => a.fileName)).toEqual(["recibo.txt"]);
  });

  it("streams a server-sent event when a ticket the session may see changes, through any door", async () => {
    const controller = new AbortController();
    const response = await fetch(`${t.service.url}/app/api/events`, {
      headers: { cookie: agent.cookie },
      signal: controller.signal,
    });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    let seen = "";
    const read = (async () => {
      while (!seen.includes("event: ticket")) {
        const chunk = await reader.read();
        if (chunk.done) break;
        seen += new TextDecoder().decode(chunk.value);
      }
    })();
    // A change made elsewhere (here: the ticket service, as Slack would) reaches the console.
    const changed = await t.service.core.service.changePriority(
      { kind: "agent", id: "slack:U1", name: "Carla" },
      brunoRef,
      { priority: "MEDIUM" },
    );
    expect(changed.ok).toBe(true);
    await read;
    controller.abort();
    expect(seen).toContain(`data: {"number":${Number(brunoRef.slice(4))}}`);
  });

  it("admins list organizations and contacts, make an API key whose secret is shown once, and revoke it", async () => {
    expect((await agent.get("/admin/keys")).status).toBe(404);
    expect((await agent.get("/admin/contacts")).status).toBe(404);
    expect((await agent.post("/admin/keys", { name: "x", organizationKey: null })).status).toBe(404);
    const admin = await signIn(
      t.service.url,
      t.service.webLinks.forAgent({ slackUser: null, name: "Dora", admin: true }),
    );
    const orgs = await admin.get("/admin/organizations");
    expect(orgs.json.items.map((o: { name: string; people: number }) => [o.name, o.people])).toEqual([
      ["Ana", 1],
      ["Bruno", 1],
    ]);
    const contacts = await admin.get(`/admin/contacts?organization=${orgs.json.items[0].id}`);
    expect(contacts.json.items.map((c: { displayName: string }) => c.displayName)).toEqual(["Ana"]);
    const made = await admin.post("/admin/keys", { name: "ERP", organizationKey: null });
    expect(made.status).toBe(201);
    expect(made.json.secret).toMatch(/^chd_/);
    const rest = (secret: string) =>
      fetch(`${t.service.url}/api/v1/tickets`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await rest(made.json.secret)).status).toBe(200);
    const listed = await admin.get("/admin/keys");
    expect(JSON.stringify(listed.json)).not.toContain(made.json.secret);
    expect((await admin.post(`/admin/keys/${made.json.key.id}/revoke`, {})).status).toBe(200);
    expect((await rest(made.json.secret)).status).toBe(401);
    const settings = await admin.get("/admin/settings");
    expect(settings.json.departments.map((d: { code: string }) => d.code)).toEqual([
      "technical",
      "sales",
      "general",
    ]);
    expect(settings.json.sla.targets.HIGH).toEqual({ firstResponseMs: 3_600_000, resolutionMs: 28_800_000 });
  });

  it("a supplier's event stream names their own tickets' changes, never another supplier's", async () => {
    const supplier = await signIn(t.service.url, t.service.webLinks.forSupplier(anaContact));
    const controller = new AbortController();
    const response = await fetch(`${t.service.url}/app/api/events`, {
      headers: { cookie: supplier.cookie },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const anaNumber = Number(anaRef.slice(4));
    let seen = "";
    const read = (async () => {
      while (!seen.includes(`"number":${anaNumber}`)) {
        const chunk = await reader.read();
        if (chunk.done) break;
        seen += new TextDecoder().decode(chunk.value);
      }
    })();
    const carla = { kind: "agent" as const, id: "slack:U1", name: "Carla" };
    // Bob's change first: had it been sent, it would arrive before Ana's.
    expect((await t.service.core.service.changePriority(carla, brunoRef, { priority: "HIGH" })).ok).toBe(
      true,
    );
    expect((await t.service.core.service.changePriority(carla, anaRef, { priority: "MEDIUM" })).ok).toBe(
      true,
    );
    await read;
    controller.abort();
    expect(seen).not.toContain(`"number":${Number(brunoRef.slice(4))}`);
  });

  it("serves the built front end for every page under /app/ with a strict content policy", async () => {
    const page = await fetch(`${t.service.url}/app/tickets/1`);
    expect([200, 503]).toContain(page.status);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect((await fetch(`${t.service.url}/app/assets/../../package.json`)).status).not.toBe(200);
  });

  it("changes the department, marks a contact request done and shows who read the ticket and when", async () => {
    const c = await ticketFor(t, clara, "Cadastro de fornecedor bloqueado");
    const fresh = (await agent.get(`/tickets/${c.ref}`)).json;
    expect(fresh).toMatchObject({ readBySupport: false, readAt: null, readBy: null });
    expect(fresh.ticket.contactRequestedAt).toBeNull();

    const moved = await agent.post(`/tickets/${c.ref}/department`, { department: "sales" });
    expect(moved.status).toBe(200);
    expect(moved.json.ticket.department).toBe("sales");
    expect((await agent.post(`/tickets/${c.ref}/department`, { department: "nowhere" })).status).toBe(400);
    expect((await agent.get(`/tickets/${c.ref}`)).json.ticket.department).toBe("sales");

    expect((await agent.post(`/tickets/${c.ref}/request-contact`, {})).status).toBe(200);
    expect((await agent.get(`/tickets/${c.ref}`)).json.ticket.contactRequestedAt).toEqual(expect.any(String));
    const supplier = await signIn(t.service.url, t.service.webLinks.forSupplier(c.contact.id));
    expect((await supplier.post(`/tickets/${c.ref}/contact-done`, {})).status).toBe(404);
    expect((await supplier.get(`/tickets/${c.ref}`)).json.ticket).not.toHaveProperty("contactRequestedAt");
    expect((await agent.post(`/tickets/${c.ref}/contact-done`, {})).status).toBe(200);
    const done = (await agent.get(`/tickets/${c.ref}`)).json;
    expect(done.ticket.contactRequestedAt).toBeNull();
    expect(done.events.map((e: { kind: string }) => e.kind)).toContain("CONTACT_DONE");
    // Marking the contact done is support acting on the ticket: it leaves the read mark, by Carla.
    expect(done.readBySupport).toBe(true);
    expect(done.readAt).toEqual(expect.any(String));
    expect(done.readBy).toMatchObject({ name: "Carla" });
    expect((await supplier.get(`/tickets/${c.ref}`)).json.readAt).toBe(done.readAt);
  });

  it("admins invite a contact (the link shown once), switch a contact off and on, and sign-ins are audited", async () => {
    const admin = await signIn(
      t.service.url,
      t.service.webLinks.forAgent({ slackUser: null, name: "Dora", admin: true }),
    );
    const invite = { channel: "telegram", name: "Elisa", organizationKey: "acme", organizationName: "Acme" };
    expect((await agent.post("/admin/invitations", invite)).status).toBe(404);
    const issued = await admin.post("/admin/invitations", invite);
    expect(issued.status).toBe(201);
    expect(issued.json.code).toMatch(/^CHD-/);
    expect(issued.json.telegramLink).toContain(issued.json.code.replace("CHD-", ""));
    // This service runs Telegram only: the core refuses WhatsApp invitations, whatever the door.
    const whatsapp = await admin.post("/admin/invitations", { ...invite, channel: "whatsapp" });
    expect(whatsapp.status).toBe(400);
    expect(whatsapp.json.code).toBe("VALIDATION_FAILED");
    expect((await admin.post("/admin/invitations", { ...invite, name: "" })).status).toBe(400);

    const path = `/admin/contacts/${anaContact}/active`;
    expect((await agent.post(path, { active: false })).status).toBe(404);
    const off = await admin.post(path, { active: false });
    expect(off.status).toBe(200);
    expect(off.json.deactivatedAt).toEqual(expect.any(String));
    const listed = await admin.get("/admin/contacts");
    const ana = listed.json.items.find((c: { id: string }) => c.id === anaContact);
    expect(ana.deactivatedAt).toBe(off.json.deactivatedAt);
    const on = await admin.post(path, { active: true });
    expect(on.json.deactivatedAt).toBeNull();
    expect(
      (await admin.post("/admin/contacts/00000000-0000-4000-8000-000000000000/active", { active: true }))
        .status,
    ).toBe(404);

    await signIn(t.service.url, t.service.webLinks.forSupplier(anaContact));
    const audit = t.service.core.storage.audit;
    const signIns = await audit.list({ action: "console.signed_in", door: "console", limit: 100 });
    const dora = signIns.find((e) => e.actor.name === "Dora");
    expect(dora).toMatchObject({
      actor: { kind: "agent" },
      target: { kind: "console_user", id: dora?.actor.id },
      detail: { role: "admin" },
    });
    expect(signIns.find((e) => e.actor.name === "Carla")?.detail.role).toBe("agent");
    // A supplier is named by their contact's id only.
    expect(signIns.find((e) => e.actor.id === anaContact)).toMatchObject({
      actor: { kind: "requester", name: "contact" },
      detail: { role: "supplier" },
    });
    // A console agent without Slack acts through the console's door in the contacts' audit too, under
    // one id for every sign-in of theirs (Dora signed in by several links in this file).
    const doras = (await audit.list({ door: "console", actorId: dora!.actor.id, limit: 100 })).map(
      (e) => e.action,
    );
    expect(doras.filter((a) => a !== "console.signed_in")).toEqual([
      "contact.reactivated",
      "contact.deactivated",
      "contact.invited",
    ]);
    expect(signIns.filter((e) => e.actor.name === "Dora").every((e) => e.actor.id === dora!.actor.id)).toBe(
      true,
    );
  });

  it("admins make a contact their organization's admin and a member again, audited; agents cannot", async () => {
    const admin = await signIn(
      t.service.url,
      t.service.webLinks.forAgent({ slackUser: null, name: "Fabio", admin: true }),
    );
    const listed = (await admin.get("/admin/contacts")).json.items as { id: string; displayName: string }[];
    const bruno = listed.find((c) => c.displayName === "Bruno")!;
    const path = `/admin/contacts/${bruno.id}/role`;
    expect((await agent.post(path, { orgAdmin: true })).status).toBe(404);
    expect((await admin.post(path, { orgAdmin: "yes" })).status).toBe(400);
    const made = await admin.post(path, { orgAdmin: true });
    expect(made.json).toEqual({ id: bruno.id, role: "ORG_ADMIN" });
    const role = async () =>
      ((await admin.get("/admin/contacts")).json.items as { id: string; role: string }[]).find(
        (c) => c.id === bruno.id,
      )?.role;
    expect(await role()).toBe("ORG_ADMIN");
    // The supplier's own session sees the change at once: the console reads the contact per request.
    const supplier = await signIn(t.service.url, t.service.webLinks.forSupplier(bruno.id));
    expect((await supplier.get("/me")).json.orgAdmin).toBe(true);
    expect((await admin.post(path, { orgAdmin: false })).json.role).toBe("MEMBER");
    expect(await role()).toBe("MEMBER");
    expect((await supplier.get("/me")).json.orgAdmin).toBe(false);
    expect(
      (await admin.post("/admin/contacts/00000000-0000-4000-8000-000000000000/role", { orgAdmin: true }))
        .status,
    ).toBe(404);
    const entries = await t.service.core.storage.audit.list({ action: "contact.role_changed", limit: 10 });
    expect(entries.map((e) => [e.door, e.actor.name, e.target.id, e.detail.role])).toEqual([
      ["console", "Fabio", bruno.id, "MEMBER"],
      ["console", "Fabio", bruno.id, "ORG_ADMIN"],
    ]);
  });

  it("the breaching view lists the open tickets the timers marked past an SLA target", async () => {
    const d = await ticketFor(
      t,
      { userId: 2104, firstName: "Davi", languageCode: "pt-br", inGroup: false },
      "Boleto vencido",
    );
    const refs = async () =>
      (await agent.get("/tickets?view=breaching")).json.items.map((i: { publicId: string }) => i.publicId);
    expect(await refs()).not.toContain(d.ref);
    const now = new Date();
    const alert = { clock: "first_response", level: "breach", targetMs: 3_600_000, dueAt: now } as const;
    expect(await t.service.core.storage.timers.stampSla(d.ticket.id, alert, now, [])).toBe(true);
    expect(await refs()).toContain(d.ref);
    expect(await refs()).not.toContain(anaRef);
    // Closed, it leaves the view though the mark stays.
    expect((await agent.post(`/tickets/${d.ref}/status`, { status: "SOLVED" })).status).toBe(200);
    expect(await refs()).not.toContain(d.ref);
  });
});
