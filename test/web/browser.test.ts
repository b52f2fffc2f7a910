import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signLink } from "../../src/adapters/web/link-token.js";
import { webSecretOf } from "../../src/adapters/web/secret.js";
import { identityOf } from "../../src/core/ticket/requester-of.js";
import {
  ensureWebBuilt,
  launchBrowser,
  screenshot,
  seriousViolations,
  VIEWPORTS,
} from "../../testkit/browser.js";
import { localLink } from "../../testkit/console-client.js";
import { waitFor } from "../../testkit/spawn-service.js";
import type { Person } from "../../testkit/telegram-updates.js";
import { tinyPng } from "../files/support/samples.js";
import { ticketFor } from "../telegram/support/requester.js";
import {
  AGENT,
  startTelegramService,
  type TelegramTestService,
} from "../telegram/support/telegram-service.js";

const ana: Person = { userId: 4101, firstName: "Ana", languageCode: "pt-br", inGroup: false };
const bob: Person = { userId: 4102, firstName: "Bob", languageCode: "en", inGroup: false };

describe("web console in Debian's Chromium", () => {
  let t: TelegramTestService;
  let browser: Browser;
  let anaRef: string;
  let bobRef: string;
  let anaContact: string;
  let bobNumber: number;

  beforeAll(async () => {
    ensureWebBuilt();
    t = await startTelegramService();
    const a = await ticketFor(t, ana, "Nota fiscal rejeitada pela SEFAZ");
    const b = await ticketFor(t, bob, "Webhook failing during deployment");
    anaRef = a.ref;
    bobRef = b.ref;
    anaContact = a.contact.id;
    bobNumber = b.ticket.number;
    // One more channel in the chart: a ticket an agent opened for Ana from the CLI.
    const byCli = await t.service.core.service.create(
      AGENT,
      identityOf(a.contact),
      {
        subject: "Boleto em duplicidade",
        department: "sales",
        priority: "MEDIUM",
        type: "support",
        message: "Dois boletos para o mesmo pedido.",
      },
      "CLI",
    );
    expect(byCli.ok).toBe(true);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  const agentLink = () =>
    localLink(t.service.url, t.service.webLinks.forAgent({ slackUser: null, name: "Carla", admin: false }));

  /** Playwright waits 30 s for an element or a page by default: too little beside another suite on 2 cores. */
  const newContext = async (options: Parameters<Browser["newContext"]>[0] = {}) => {
    const context = await browser.newContext(options);
    context.setDefaultTimeout(90_000);
    return context;
  };

  const signInAs = async (link: string, viewport: { width: number; height: number }, locale = "pt-BR") => {
    const context = await newContext({ viewport, locale });
    const page = await context.newPage();
    await page.goto(link);
    await page.click("#sign-in");
    await page.waitForURL(/\/app\/$/);
    return { context, page };
  };

  const noSeriousViolations = async (page: Page, where: string) => {
    const violations = await seriousViolations(page);
    expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  };

  let agent: { context: BrowserContext; page: Page } | undefined;
  /** The agent's signed-in page, signed in here when a test runs without the first one (-t). */
  const agentPage = async () => {
    agent ??= await signInAs(agentLink(), VIEWPORTS.desktop);
    return agent.page;
  };

  it("signs in by link and renders the dashboard from the seeded tickets", async () => {
    agent = await signInAs(agentLink(), VIEWPORTS.desktop);
    const { page } = agent;
    await page.getByRole("heading", { name: "Painel" }).waitFor();
    const card = (name: string) => page.locator(".card", { hasText: name }).locator(".value");
    await expect.poll(() => card("Total de tickets").textContent()).toBe("3");
    expect(await card("Alta Prioridade").textContent()).toBe("2");
    expect(await page.locator(".chart svg rect").count()).toBeGreaterThanOrEqual(2);
    const opened = page.locator("[data-chart=opened-per-day]");
    expect(await opened.locator(".legend").textContent()).toContain("TELEGRAM");
    expect(await opened.locator(".legend").textContent()).toContain("CLI");
    await page.getByText("Ver os números em tabela").first().click();
    expect(await page.locator("details").first().locator("tbody tr").count()).toBe(2);
    // The report's charts: time in status, SLA compliance and the funnel have bars; nobody rated yet.
    const chart = (id: string) => page.locator(`[data-chart=${id}]`);
    for (const id of ["time-in-status", "sla-compliance", "intake-funnel"])
      expect(await chart(id).locator("svg rect").count(), id).toBeGreaterThan(0);
    expect(await chart("time-in-status").locator("figcaption").textContent()).toBe(
      "Tempo em cada status (média e p90)",
    );
    expect(await chart("ratings").textContent()).toContain("Nenhuma avaliação no período.");
    const funnel = chart("intake-funnel");
    await funnel.getByText("Ver os números em tabela").click();
    expect(
      await funnel.locator("tbody tr", { hasText: "Tickets abertos" }).locator("td").first().textContent(),
    ).toBe("2");
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      funnel.getByRole("button", { name: /Baixar CSV/ }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe("intake-funnel.csv");
    const text = await readFile((await csv.path())!, "utf8");
    expect(text.split("\n")[0]).toBe("step,reached,stopped");
    expect(text).toContain("opened,2,");
    await noSeriousViolations(page, "dashboard");
    await screenshot(page, "dashboard-desktop");
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, "dashboard-phone");
    await page.setViewportSize(VIEWPORTS.desktop);
  });

  it("switches to English and back", async () => {
    const page = await agentPage();
    await page.goto(`${t.service.url}/app/`);
    await page.getByLabel("Idioma").selectOption("en");
    await page.getByRole("heading", { name: "Dashboard" }).waitFor();
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { lang: string } } }).document
            .documentElement.lang,
      ),
    ).toBe("en");
    await page.getByLabel("Language").selectOption("pt-BR");
    await page.getByRole("heading", { name: "Painel" }).waitFor();
  });

  it("searches and filters the ticket table", async () => {
    const page = await agentPage();
    await page.getByRole("link", { name: "Tickets", exact: true }).click();
    await page.getByRole("heading", { name: "Tickets" }).waitFor();
    const ids = () => page.locator("table.tickets tbody tr td:first-child").allTextContents();
    await expect.poll(ids).toHaveLength(3);
    await page.getByLabel("Pesquisar por ID, assunto ou palavra-chave").fill("webhook");
    await page.getByRole("button", { name: "Pesquisar" }).click();
    await expect.poll(ids).toEqual([bobRef]);
    await page.getByLabel("Pesquisar por ID, assunto ou palavra-chave").fill("");
    await page.getByRole("button", { name: "Pesquisar" }).click();
    await expect.poll(ids).toHaveLength(3);
    await page.getByLabel("Departamento").selectOption("sales");
    await expect.poll(ids).toHaveLength(1);
    await page.getByLabel("Departamento").selectOption("");
    await page.getByLabel("Organização").selectOption({ label: "Bob" });
    await expect.poll(ids).toEqual([bobRef]);
    await page.getByLabel("Organização").selectOption("");
    await page.getByLabel("Prioridade").selectOption("HIGH");
    await expect.poll(async () => (await ids()).sort()).toEqual([anaRef, bobRef].sort());
    await noSeriousViolations(page, "tickets");
    await screenshot(page, "tickets-desktop");
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, "tickets-phone");
    await page.setViewportSize(VIEWPORTS.desktop);
  });

  it("a reply from the ticket page reaches the supplier on Telegram, with its file", async () => {
    const page = await agentPage();
    await page.getByRole("link", { name: "Tickets", exact: true }).click();
    await page.getByRole("heading", { name: "Tickets" }).waitFor();
    await page.getByRole("link", { name: anaRef }).click();
    await page.getByRole("heading", { name: new RegExp(anaRef) }).waitFor();
    const before = t.api.messages(ana.userId).length;
    await page.getByLabel("Mensagem").fill("Reenvie a nota com o CFOP 5102, por favor.");
    await page.getByLabel("Anexos").setInputFiles([
      { name: "passos.txt", mimeType: "text/plain", buffer: Buffer.from("1. abrir o portal\n2. reenviar\n") },
      { name: "tela.png", mimeType: "image/png", buffer: Buffer.from(tinyPng()) },
    ]);
    await page.getByRole("button", { name: "Enviar resposta" }).click();
    await page.getByRole("status").filter({ hasText: "Resposta enviada." }).waitFor();
    await waitFor(
      () => t.api.messages(ana.userId).some((m, i) => i >= before && (m.text ?? "").includes("CFOP 5102")),
      "the console's reply on Telegram",
    );
    await page.getByRole("link", { name: "Baixar passos.txt" }).waitFor();
    // Images are previewed in the history, served by the same access-checked download.
    const preview = page.getByRole("img", { name: "tela.png" });
    await preview.waitFor();
    await expect
      .poll(() => preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await page.getByLabel("Prioridade").first().selectOption("LOW");
    await page.getByRole("status").filter({ hasText: "Alteração salva." }).waitFor();
    // The console's reply left the read mark, with the agent's name and the time.
    await expect
      .poll(() => page.locator(".read-mark").textContent())
      .toMatch(/^Lida pelo suporte em .+ por Carla$/);
    const departmentOf = async () => {
      const detail = await t.service.core.service.detail(AGENT, anaRef);
      return detail.ok ? detail.value.ticket.department : null;
    };
    await page.getByLabel("Departamento").selectOption("sales");
    await expect.poll(departmentOf).toBe("sales");
    await page.getByLabel("Departamento").selectOption("technical");
    await expect.poll(departmentOf).toBe("technical");
    // The history names departments as the configuration labels them, not by code.
    await page.getByText("Comercial → Técnico").waitFor();
    await page.getByRole("button", { name: "Pedir contato" }).click();
    await page.getByRole("button", { name: "Contato feito" }).click();
    await page.getByRole("button", { name: "Pedir contato" }).waitFor();
    const history = await t.service.core.service.detail(AGENT, anaRef);
    expect(history.ok && history.value.events.map((e) => e.kind)).toContain("CONTACT_DONE");
    await noSeriousViolations(page, "ticket page");
    await screenshot(page, "ticket-desktop");
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, "ticket-phone");
    await page.setViewportSize(VIEWPORTS.desktop);
  });

  it("refuses a change without the CSRF token, from inside the signed-in page", async () => {
    const status = await (await agentPage()).evaluate(async (ref) => {
      const response = await fetch(`/app/api/tickets/${ref}/priority`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ priority: "HIGH" }),
      });
      return response.status;
    }, anaRef);
    expect(status).toBe(403);
  });

  it("a supplier's link shows their own tickets and cannot open another supplier's", async () => {
    const supplier = await signInAs(
      localLink(t.service.url, t.service.webLinks.forSupplier(anaContact)),
      VIEWPORTS.phone,
    );
    const { page } = supplier;
    await page.getByRole("heading", { name: "Tickets" }).waitFor();
    const ids = () => page.locator("table.tickets tbody tr td:first-child").allTextContents();
    await expect.poll(async () => (await ids()).length).toBe(2);
    expect(await ids()).not.toContain(bobRef);
    expect(await page.getByRole("link", { name: "Painel" }).count()).toBe(0);
    await noSeriousViolations(page, "supplier tickets");
    await screenshot(page, "supplier-phone");
    await page.goto(`${t.service.url}/app/tickets/${bobNumber}`);
    await page.getByRole("heading", { name: "404" }).waitFor();
    expect(await page.content()).not.toContain("Webhook failing");
    await supplier.context.close();
  });

  it("an admin sees organizations, contacts, API keys and the configuration", async () => {
    const admin = await signInAs(
      localLink(t.service.url, t.service.webLinks.forAgent({ slackUser: null, name: "Dora", admin: true })),
      VIEWPORTS.desktop,
    );
    const { page } = admin;
    await page.getByRole("link", { name: "Administração" }).click();
    await page.getByRole("heading", { name: "Organizações" }).waitFor();
    await page.getByLabel("Nome", { exact: true }).fill("ERP");
    await page.getByRole("button", { name: "Criar chave" }).click();
    const secret = await page.locator(".secret code").textContent();
    expect(secret).toMatch(/^chd_/);
    await page.getByRole("button", { name: "Revogar: ERP" }).click();
    await page.getByText(/Revogada em/).waitFor();
    await page.getByLabel("Nome do contato").fill("Elisa");
    await page.getByLabel("Chave da organização", { exact: true }).fill("acme");
    await page.getByRole("button", { name: "Gerar convite" }).click();
    const invitation = page.locator(".invitation");
    await invitation.waitFor();
    expect(await invitation.locator("code").textContent()).toMatch(/^CHD-/);
    expect(await invitation.getByRole("link").getAttribute("href")).toMatch(/^https:\/\/t\.me\//);
    await page.getByRole("button", { name: "Desativar: Ana" }).click();
    await page.getByRole("button", { name: "Reativar: Ana" }).waitFor();
    const ana = await t.service.core.directory.findContactById(anaContact);
    expect(ana?.deactivatedAt).not.toBeNull();
    await noSeriousViolations(page, "admin");
    await page.getByRole("button", { name: "Reativar: Ana" }).click();
    await page.getByRole("button", { name: "Desativar: Ana" }).waitFor();
    await page.getByRole("button", { name: "Tornar admin.: Ana" }).click();
    await page.getByRole("button", { name: "Tornar membro: Ana" }).waitFor();
    expect((await t.service.core.directory.findContactById(anaContact))?.person.role).toBe("ORG_ADMIN");
    await page.getByRole("button", { name: "Tornar membro: Ana" }).click();
    await page.getByRole("button", { name: "Tornar admin.: Ana" }).waitFor();
    expect((await t.service.core.directory.findContactById(anaContact))?.person.role).toBe("MEMBER");
    await screenshot(page, "admin-desktop");
    await admin.context.close();
  });

  it("the first page loads under 200 KB of compressed JavaScript, React's production build", async () => {
    const html = await (await fetch(`${t.service.url}/app/`)).text();
    const scripts = [...html.matchAll(/src="(\/app\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    let total = 0;
    for (const src of scripts) {
      const response = await fetch(`${t.service.url}${src}`, { headers: { "accept-encoding": "gzip" } });
      expect(response.headers.get("content-encoding")).toBe("gzip");
      total += Number(response.headers.get("content-length"));
      // A message only the development build of react-dom carries.
      expect(await response.text()).not.toContain("cannot be a child of");
    }
    expect(total).toBeLessThan(200 * 1024);
  });

  it("an expired link is refused", async () => {
    const secret = webSecretOf(undefined, t.service.config.DATA_DIR);
    const token = signLink(
      secret,
      { kind: "agent", slackUser: null, name: "X", admin: false },
      new Date(Date.now() - 1),
    );
    const context = await newContext();
    const page = await context.newPage();
    const response = await page.goto(`${t.service.url}/app/login?t=${token}`);
    expect(response?.status()).toBe(401);
    expect(await page.textContent("h1")).toBe("Este link expirou.");
    await page.goto(`${t.service.url}/app/`);
    await page.getByRole("alert").waitFor();
    await context.close();
  });
});
