import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningService } from "../../src/app/service.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { cli, type client, startApiService } from "./support.js";

/** The agents' tools (issue 17) through the REST API and the CLI, on PostgreSQL. */
describeWith({ pg: true }, "agents' tools by REST and CLI", () => {
  let s: Awaited<ReturnType<typeof startApiService>>;
  let _service: RunningService;
  let env: Record<string, string>;
  let api: ReturnType<typeof client>;
  let org: ReturnType<typeof client>;

  const open = async (subject: string, externalId = "s-1", department = "technical") => {
    const created = await api.post("/tickets", {
      subject,
      department,
      priority: "MEDIUM",
      type: "support",
      message: `About ${subject}`,
      requester: { externalId, name: "Sofia", organizationKey: "acme" },
    });
    expect(created.status).toBe(201);
    return created.json.ticket.publicId as string;
  };

  beforeAll(async () => {
    // The CLI answers in DEFAULT_LANGUAGE; this test reads its English lines.
    s = await startApiService({ DEFAULT_LANGUAGE: "en" });
    _service = s.service;
    env = s.env;
    api = s.agent;
    org = s.acme;
  });
  afterAll(async () => {
    await s?.stop();
  });

  describe("saved replies", () => {
    it("are saved, previewed, sent and deleted by agent keys; organization keys are refused", async () => {
      const saved = await api.put("/saved-replies/Thanks", {
        texts: { en: "Thanks {{requester_name}}, {{ticket_id}} is solved. {{agent_name}}" },
        status: "SOLVED",
      });
      expect(saved.status).toBe(200);
      expect(saved.json).toMatchObject({
        name: "thanks",
        department: null,
        status: "SOLVED",
        updatedBy: "panel",
      });
      const bad = await api.put("/saved-replies/oops", { texts: { en: "Hi {{unknown}}" } });
      expect(bad.status).toBe(400);
      expect(bad.json.errors[0]).toMatchObject({ field: "texts.en", code: "NOT_ONE_OF" });
      expect((await org.get("/saved-replies")).status).toBe(403);

      const ref = await open("Boleto em atraso");
      const preview = await api.get(`/tickets/${ref}/saved-replies/thanks`);
      expect(preview.json).toEqual({
        text: `Thanks Sofia, ${ref} is solved. panel`,
        lang: "en",
        status: "SOLVED",
      });
      const sent = await api.post(`/tickets/${ref}/saved-replies/thanks`, {});
      expect(sent.status).toBe(200);
      expect(sent.json.status).toBe("SOLVED");
      const detail = await api.get(`/tickets/${ref}`);
      expect(detail.json.events.map((e: { kind: string; body: string | null }) => e.body)).toContain(
        `Thanks Sofia, ${ref} is solved. panel`,
      );
      expect((await api.post(`/tickets/${ref}/saved-replies/nothing`, {})).json.code).toBe(
        "SAVED_REPLY_NOT_FOUND",
      );
      expect((await api.get("/saved-replies")).json.items.map((r: { name: string }) => r.name)).toEqual([
        "thanks",
      ]);
      expect((await api.del("/saved-replies/thanks")).status).toBe(200);
      expect((await api.del("/saved-replies/thanks")).status).toBe(404);
    });

    it("are managed and sent from the CLI", async () => {
      const set = await cli(
        [
          "saved-reply",
          "set",
          "ask-logs",
          "--department",
          "technical",
          "--pt",
          "Olá {{requester_name}}, mande os logs.",
        ],
        env,
      );
      expect(set.code).toBe(0);
      expect((await cli(["saved-reply", "list"], env)).out).toContain("ask-logs  technical  -  pt-BR");
      const ref = await open("Sistema lento", "s-2");
      const preview = await cli(["reply-with", ref, "ask-logs", "--preview"], env);
      expect(preview.out).toBe("Olá Sofia, mande os logs.\n(pt-BR)");
      const sent = await cli(["reply-with", ref, "ask-logs"], env);
      expect(sent.code).toBe(0);
      expect(sent.out).toContain("replied");
      const other = await open("Cotação", "s-3", "sales");
      const refused = await cli(["reply-with", other, "ask-logs"], env);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain("ask-logs");
      expect((await cli(["saved-reply", "delete", "ask-logs"], env)).code).toBe(0);
    });
  });
  describe("tags", () => {
    it("are set, filtered, searched and reported by agent keys and the CLI; organization keys see none", async () => {
      const vpn = await open("VPN cai toda hora", "t-1");
      const nfe = await open("Nota fiscal rejeitada", "t-2");
      const set = await api.put(`/tickets/${vpn}/tags`, { tags: ["VPN", "urgente"] });
      expect(set.status).toBe(200);
      expect(set.json.tags).toEqual(["urgente", "vpn"]);
      expect((await api.put(`/tickets/${nfe}/tags`, { add: ["fiscal", "urgente"] })).json.tags).toEqual([
        "fiscal",
        "urgente",
      ]);
      expect((await org.put(`/tickets/${vpn}/tags`, { add: ["x"] })).status).toBe(403);
      const bad = await api.put(`/tickets/${vpn}/tags`, { add: ["não pode ter espaço"] });
      expect(bad.status).toBe(400);

      const subjects = (r: { json: { items: { subject: string }[] } }) =>
        r.json.items.map((t) => t.subject).sort();
      expect(subjects(await api.get("/tickets?tag=urgente"))).toEqual([
        "Nota fiscal rejeitada",
        "VPN cai toda hora",
      ]);
      expect(subjects(await api.get("/tickets?tag=urgente,vpn"))).toEqual(["VPN cai toda hora"]);
      expect(subjects(await api.get("/tickets?tag=urgente&q=fiscal"))).toEqual(["Nota fiscal rejeitada"]);
      expect((await api.get("/tags")).json.items).toEqual([
        { tag: "urgente", total: 2, notClosed: 2 },
        { tag: "fiscal", total: 1, notClosed: 1 },
        { tag: "vpn", total: 1, notClosed: 1 },
      ]);
      expect((await org.get("/tags")).json.items).toEqual([]);
      expect((await org.get("/tickets?tag=urgente")).json.items).toEqual([]);
      const seen = await org.get(`/tickets/${vpn}`);
      expect(seen.json.ticket?.tags ?? seen.json.tags).toEqual([]);

      const cliTag = await cli(["tag", vpn, "--remove", "urgente", "--add", "rede"], env);
      expect(cliTag.code).toBe(0);
      expect(cliTag.out).toContain("#rede #vpn");
      expect((await cli(["list", "--tag", "rede"], env)).out).toContain("VPN cai toda hora");
      expect((await cli(["search", "VPN", "--tag", "urgente"], env)).out).toBe("(no tickets)");
      expect((await cli(["tags"], env)).out).toContain("urgente  1  1");
    });
  });
  describe("merge", () => {
    it("merges by REST with the duplicate's files listed on the target, and by the CLI", async () => {
      const target = await open("Servidor fora do ar", "m-1");
      const created = await api.post("/tickets", {
        subject: "Servidor caiu",
        department: "technical",
        priority: "HIGH",
        type: "support",
        message: "Segue o log.",
        attachments: [{ fileName: "erro.txt", contentBase64: Buffer.from("timeout\n").toString("base64") }],
        requester: { externalId: "m-2", name: "Otávio", organizationKey: "acme" },
      });
      const duplicate = created.json.ticket.publicId as string;
      expect((await org.post(`/tickets/${duplicate}/merge`, { into: target })).status).toBe(403);
      const merged = await api.post(`/tickets/${duplicate}/merge`, { into: target });
      expect(merged.status).toBe(200);
      expect(merged.json.publicId).toBe(target);
      const closed = await api.get(`/tickets/${duplicate}`);
      expect(closed.json.ticket?.status ?? closed.json.status).toBe("SOLVED");
      const events = (await api.get(`/tickets/${target}`)).json.events as {
        kind: string;
        from: string | null;
        body: string | null;
        attachments: { fileName: string }[];
      }[];
      const listed = events.find((e) => e.kind === "MERGED_FROM")!;
      expect(listed.from).toBe(duplicate);
      expect(listed.body).toContain("panel: Segue o log. [erro.txt]");
      expect(listed.attachments.map((a) => a.fileName)).toEqual(["erro.txt"]);
      // The organization sees its target ticket without the other ticket's listing.
      const seen = (await org.get(`/tickets/${target}`)).json.events as { kind: string }[];
      expect(seen.some((e) => e.kind === "MERGED_FROM")).toBe(false);
      expect((await api.post(`/tickets/${duplicate}/merge`, { into: target })).json.code).toBe(
        "MERGE_NOT_ALLOWED",
      );

      const a = await open("Impressora", "m-3");
      const b = await open("Impressora de novo", "m-4");
      const byCli = await cli(["merge", b, "--into", a], env);
      expect(byCli.code).toBe(0);
      expect(byCli.out).toContain(`merged into ${a}`);
      expect((await cli(["show", a], env)).out).toContain(`merged ${b} here`);
    });
  });
});
