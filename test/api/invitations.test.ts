import { afterAll, beforeAll, expect, it } from "vitest";
import { once } from "../support/once.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { type CloudHarness, startCloudHarness } from "../whatsapp/support/cloud-harness.js";
import { cli, client, createKey } from "./support.js";

const CARLA = { waId: "5521998761234", name: "Carla" };

describeWith(
  { pg: true },
  "REST API invitations and deactivation, with a WhatsApp contact activating by code",
  () => {
    let h: CloudHarness;
    let agentKey: string;
    let acmeKey: string;

    beforeAll(async () => {
      h = await startCloudHarness({ ACCESS_POLICY: "registered" });
      const env = { DATABASE_URL: h.db.url };
      await h.wa.service.core.directory.ensureContact({
        channel: "API",
        platformUserId: "acme-founder",
        displayName: "Acme founder",
        organization: { key: "acme", name: "Acme" },
        registered: true,
      });
      agentKey = (await createKey(env, "panel", "all")).secret;
      acmeKey = (await createKey(env, "acme portal", { org: "acme" })).secret;
    });
    afterAll(async () => {
      await h?.close();
    });

    const api = (key: string) => client(h.wa.service.url, key);

    /** Carla is invited by WhatsApp code and activates with it: what each side saw on the way. */
    const inviteCarla = once(async () => {
      const forbidden = await api(acmeKey).post("/invitations", {
        channel: "WHATSAPP",
        name: "Carla Dias",
        organizationKey: "acme",
      });
      const noTelegram = await api(agentKey).post("/invitations", {
        channel: "TELEGRAM",
        name: "Carla Dias",
        organizationKey: "acme",
      });
      const beforeInvited = await h.say(CARLA, "oi");
      const invited = await api(agentKey).post("/invitations", {
        channel: "WHATSAPP",
        name: "Carla Dias",
        organizationKey: "acme",
        organizationName: "Acme Ltda",
      });
      const code: string = invited.json.whatsappText;
      // Typed by hand: lower case and a stray space still count.
      const welcome = await h.say(CARLA, ` ${code.toLowerCase()}`);
      const afterWelcome = await h.say(CARLA, "oi");
      // Used: someone else sending it gets nothing.
      const other = { waId: "5521998760000", name: "Dora" };
      const codeReused = await h.say(other, code);
      return { forbidden, noTelegram, beforeInvited, invited, code, welcome, afterWelcome, codeReused };
    });

    /** Carla's access turned off and on once, by the agent key, as the second test does. */
    const deactivatedOnce = once(async () => {
      await inviteCarla();
      const entries = await h.wa.service.core.storage.audit.list({ action: "contact.reactivated", limit: 1 });
      if (entries.length > 0) return;
      const path = `/contacts/WHATSAPP/${CARLA.waId}/active`;
      expect((await api(agentKey).put(path, { active: false })).status).toBe(200);
      expect((await api(agentKey).put(path, { active: true })).status).toBe(200);
    });

    it("invites by WhatsApp code; the code typed as a message activates the contact once", async () => {
      const seen = await inviteCarla();
      expect(seen.forbidden.status).toBe(403);
      expect(seen.noTelegram.status).toBe(400);
      expect(seen.noTelegram.json.errors).toEqual([
        expect.objectContaining({ field: "channel", code: "NOT_ONE_OF" }),
      ]);

      expect(seen.beforeInvited).toContain("Este atendimento é exclusivo para contatos cadastrados.");
      expect(seen.invited.status).toBe(201);
      expect(seen.invited.json).toMatchObject({ channel: "WHATSAPP", telegramLink: null });
      expect(seen.code).toMatch(/^CHD-[A-Z2-9]{10}$/);

      expect(seen.welcome).toBe(
        'Boas-vindas, Carla Dias! Seu acesso pela Acme está ativo. Envie "menu" para abrir ou acompanhar um chamado.',
      );
      expect(seen.afterWelcome).toContain("Olá, Carla Dias! Como posso ajudar?");
      expect(seen.codeReused).toContain("Este código de convite não é válido");
    });

    it("deactivates and reactivates a contact; a deactivated one is refused and nothing is stored", async () => {
      await inviteCarla();
      const path = `/contacts/WHATSAPP/${CARLA.waId}/active`;
      expect((await api(acmeKey).put(path, { active: false })).status).toBe(403);
      expect(
        (await api(agentKey).put("/contacts/WHATSAPP/5500000000000/active", { active: false })).status,
      ).toBe(404);
      const off = await api(agentKey).put(path, { active: false });
      expect(off.status).toBe(200);
      expect(off.json).toMatchObject({ channel: "WHATSAPP", platformUserId: CARLA.waId });
      expect(off.json.deactivatedAt).not.toBeNull();

      const outboxBefore = await h.db.db.prisma.outboxItem.count({
        where: { kind: { not: "dialogue_answer" } },
      });
      expect(await h.say(CARLA, "Quero abrir um chamado")).toBe(
        "Seu acesso ao atendimento por aqui foi desativado, então esta mensagem não foi registrada. Se achar que é um engano, peça ao seu contato no suporte um novo convite.",
      );
      expect(await h.db.db.prisma.ticket.count()).toBe(0);
      expect(await h.db.db.prisma.outboxItem.count({ where: { kind: { not: "dialogue_answer" } } })).toBe(
        outboxBefore,
      );

      // Nor may an agent open one for her, through the API or the CLI.
      const carla = await h.wa.service.core.directory.findContact("WHATSAPP", CARLA.waId);
      const opening = {
        subject: "Boleto vencido",
        department: "technical",
        priority: "MEDIUM",
        type: "support",
        message: "Preciso da segunda via.",
      };
      const forHer = await api(agentKey).post(
        "/tickets",
        { ...opening, requester: { contactId: carla!.id } },
        { "accept-language": "en" },
      );
      expect(forHer.status).toBe(403);
      expect(forHer.json).toMatchObject({
        code: "CONTACT_DEACTIVATED",
        detail:
          "That contact is deactivated, so nothing was recorded for it. Invite it again to let it open and follow tickets.",
      });
      const fromCli = await cli(
        [
          "create",
          "--contact",
          `whatsapp:${CARLA.waId}`,
          "--name",
          "Outro nome",
          "--org",
          "acme",
          "--subject",
          opening.subject,
          "--department",
          "technical",
          "--priority",
          "medium",
          "--type",
          "support",
          "--message",
          opening.message,
        ],
        { DATABASE_URL: h.db.url, DEFAULT_LANG: "pt-BR" },
      );
      expect(fromCli.code).not.toBe(0);
      expect(fromCli.err).toContain("Esse contato está desativado, então nada foi registrado para ele.");
      expect(await h.db.db.prisma.ticket.count()).toBe(0);
      // The refusal came before anything was written: her name is the one she had.
      expect((await h.wa.service.core.directory.findContact("WHATSAPP", CARLA.waId))?.displayName).toBe(
        carla!.displayName,
      );

      const on = await api(agentKey).put(path, { active: true });
      expect(on.json.deactivatedAt).toBeNull();
      expect(await h.say(CARLA, "oi")).toContain("Como posso ajudar?");
    });

    it("leaves an audit entry for the invitation, the redemption and each (de)activation, naming no one", async () => {
      await deactivatedOnce();
      const entries = await h.wa.service.core.storage.audit.list({ limit: 50 });
      const seen = entries.map((e) => `${e.door} ${e.actor.kind} ${e.action}`).reverse();
      expect(seen).toEqual([
        "cli operator api_key.created",
        "cli operator api_key.created",
        "api api_key contact.invited",
        "whatsapp requester contact.registered",
        "api api_key contact.deactivated",
        "api api_key contact.reactivated",
      ]);
      const invited = entries.find((e) => e.action === "contact.invited")!;
      expect(invited.target).toEqual({ kind: "organization", id: "acme" });
      expect(JSON.stringify(entries)).not.toContain("Carla");
      expect(JSON.stringify(entries)).not.toContain(CARLA.waId);
    });

    it("documents both operations in the OpenAPI document", async () => {
      const doc = (await fetch(`${h.wa.service.url}/api/v1/openapi.json`).then((r) => r.json())) as {
        paths: Record<string, Record<string, { operationId: string }>>;
      };
      expect(doc.paths["/invitations"]?.post?.operationId).toBe("inviteContact");
      expect(doc.paths["/contacts/{channel}/{platformUserId}/active"]?.put?.operationId).toBe(
        "setContactActive",
      );
    });
  },
);
