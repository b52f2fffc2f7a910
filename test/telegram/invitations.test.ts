import { afterEach, expect, it } from "vitest";
import { runCli } from "../../src/app/cli/main.js";
import { actorOf, identityOf } from "../../src/core/ticket/requester-of.js";
import { createUpdates, type Person } from "../../testkit/telegram-updates.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { renderChat } from "./support/chat-view.js";
import {
  AGENT,
  SECRET,
  startTelegramService,
  type TelegramTestService,
  TOKEN,
} from "./support/telegram-service.js";

const ana: Person = { userId: 7101, firstName: "Ana", languageCode: "pt-br", inGroup: false };
const bruno: Person = { userId: 7102, firstName: "Bruno", languageCode: "pt-br", inGroup: false };
const bob: Person = { userId: 7103, firstName: "Bob", languageCode: "en", inGroup: false };

const cli = async (argv: string[], env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join("\n"), err: err.join("\n") };
};

describeWith(
  { pg: true },
  "Telegram: invitation links and deactivated contacts (ACCESS_POLICY=registered)",
  () => {
    let t: TelegramTestService | undefined;
    afterEach(async () => {
      await t?.stop();
      t = undefined;
    });

    const start = async () => {
      t = await startTelegramService({ database: "postgres", env: { ACCESS_POLICY: "registered" } });
      const env = {
        DATABASE_URL: t.databaseUrl!,
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: t.api.url,
      };
      return { t, env };
    };
    /** What the person saw since `from`, as they saw it. */
    const seen = (service: TelegramTestService, person: Person, from: number) =>
      renderChat(service.api.messages(person.userId).slice(from));

    it("pt-BR: an agent invites from the CLI, the link activates once, and a deactivated contact is refused", async () => {
      const { t, env } = await start();
      const updates = createUpdates();
      await t.post(updates.text(ana, "oi"));
      expect(seen(t, ana, 0)).toContain("Este atendimento é exclusivo para contatos cadastrados.");

      const invited = await cli(
        [
          "invite",
          "--channel",
          "telegram",
          "--name",
          "Ana Souza",
          "--org",
          "acme",
          "--org-name",
          "Acme Ltda",
          "--json",
        ],
        env,
      );
      expect(invited.err).toBe("");
      const invitation = JSON.parse(invited.out);
      expect(invitation.telegramLink).toMatch(/^https:\/\/t\.me\/chamado_test_bot\?start=CHD-[A-Z2-9]{10}$/);
      const code = new URL(invitation.telegramLink).searchParams.get("start")!;
      // Only its hash is stored.
      const rows = await t.service.core.db!.prisma.invitation.findMany();
      expect(rows.map((r) => r.codeHash)).not.toContain(code);
      expect(JSON.stringify(rows)).not.toContain(code);

      // Opening the link sends "/start CODE".
      await t.post(updates.text(ana, `/start ${code}`));
      expect(seen(t, ana, 1)).toBe(
        'Boas-vindas, Ana Souza! Seu acesso pela Acme Ltda está ativo. Envie "menu" para abrir ou acompanhar um chamado.',
      );
      const contact = (await t.service.core.directory.findContact("TELEGRAM", String(ana.userId)))!;
      expect(contact.person).toMatchObject({ name: "Ana Souza", registered: true });
      expect((await t.service.core.directory.findOrganization(contact.person.organizationId))?.key).toBe(
        "acme",
      );
      await t.post(updates.text(ana, "oi"));
      expect(seen(t, ana, 2)).toContain("Olá, Ana Souza! Como posso ajudar?");

      // The same code from someone else opens nothing, and Bruno stays unregistered.
      await t.post(updates.text(bruno, `/start ${code}`));
      expect(seen(t, bruno, 0)).toBe(
        "Este código de convite não é válido: ele pode ter expirado, já ter sido usado ou ser de outro aplicativo. Peça um novo ao seu contato no suporte.",
      );
      expect(await t.service.core.directory.findContact("TELEGRAM", String(bruno.userId))).toBeNull();

      // Deactivated: refused in Portuguese, and the message leaves nothing behind.
      const before = await t.outboxStates();
      const deactivated = await t.service.core.contacts.setActive(AGENT, contact.id, false);
      expect(deactivated.ok && deactivated.value?.deactivatedAt).toBeInstanceOf(Date);
      const shown = t.api.messages(ana.userId).length;
      await t.post(updates.text(ana, "Quero abrir um chamado"));
      expect(seen(t, ana, shown)).toBe(
        "Seu acesso ao atendimento por aqui foi desativado, então esta mensagem não foi registrada. Se achar que é um engano, peça ao seu contato no suporte um novo convite.",
      );
      expect(await t.outboxStates()).toEqual(before);
      expect(await t.service.core.db!.prisma.ticket.count()).toBe(0);

      // A new invitation brings her back.
      const again = JSON.parse(
        (
          await cli(
            ["invite", "--channel", "telegram", "--name", "Ana Souza", "--org", "acme", "--json"],
            env,
          )
        ).out,
      );
      await t.post(updates.text(ana, `/start ${new URL(again.telegramLink).searchParams.get("start")}`));
      expect((await t.service.core.directory.findContactById(contact.id))?.deactivatedAt).toBeNull();
    }, 60_000);

    it("en: an expired code is refused; the welcome and the refusal are in English", async () => {
      const { t, env } = await start();
      const updates = createUpdates();
      const expired = JSON.parse(
        (
          await cli(
            [
              "invite",
              "--channel",
              "telegram",
              "--name",
              "Bob Smith",
              "--org",
              "globex",
              "--hours",
              "1",
              "--json",
            ],
            env,
          )
        ).out,
      );
      await t.service.core.db!.prisma.invitation.updateMany({
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await t.post(updates.text(bob, `/start ${new URL(expired.telegramLink).searchParams.get("start")}`));
      expect(seen(t, bob, 0)).toBe(
        "This invitation code is not valid: it may have expired, been used already, or be meant for another app. Ask your support contact for a new one.",
      );

      const fresh = JSON.parse(
        (
          await cli(
            ["invite", "--channel", "telegram", "--name", "Bob Smith", "--org", "globex", "--json"],
            env,
          )
        ).out,
      );
      await t.post(updates.text(bob, `/start ${new URL(fresh.telegramLink).searchParams.get("start")}`));
      expect(seen(t, bob, 1)).toBe(
        'Welcome, Bob Smith! Your access for globex is active. Send "menu" to open or follow a ticket.',
      );
      const contact = (await t.service.core.directory.findContact("TELEGRAM", String(bob.userId)))!;
      await t.service.core.contacts.setActive(AGENT, contact.id, false);
      await t.post(updates.text(bob, "hello"));
      expect(seen(t, bob, 2)).toBe(
        "Your access to support here has been deactivated, so this message was not recorded. If you think this is a mistake, ask your support contact to invite you again.",
      );

      // WhatsApp is not configured here: an invitation for it is refused with the channels that run.
      const refused = await cli(["invite", "--channel", "whatsapp", "--name", "Bob", "--org", "globex"], env);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain("telegram");
    }, 60_000);

    it("a deactivated contact is sent nothing more about a ticket opened before: the item ends with the reason", async () => {
      const { t } = await start();
      const contact = await t.service.core.directory.ensureContact({
        channel: "TELEGRAM",
        platformUserId: String(ana.userId),
        displayName: "Ana Souza",
        organization: { key: "acme", name: "Acme" },
        registered: true,
      });
      const opened = await t.service.core.service.create(actorOf(contact), identityOf(contact), {
        subject: "Boleto não chegou",
        department: "technical",
        priority: "MEDIUM",
        type: "support",
        message: "O boleto de março não chegou por e-mail.",
      });
      if (!opened.ok) throw new Error(JSON.stringify(opened.error));
      await t.service.core.contacts.setActive(AGENT, contact.id, false);
      const shown = t.api.messages(ana.userId).length;
      const replied = await t.service.core.service.reply(AGENT, "TKT-000001", {
        message: "Reenviamos o boleto.",
      });
      expect(replied.ok).toBe(true);

      const item = () =>
        t.service.core.db!.prisma.outboxItem.findFirst({
          where: { ticketId: opened.value.ticket.id, kind: "agent_reply" },
        });
      const deadline = Date.now() + 60_000;
      while ((await item())?.state !== "FAILED" && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(await item()).toMatchObject({
        state: "FAILED",
        lastError: "not sent: the contact was deactivated",
      });
      expect(t.api.messages(ana.userId).length).toBe(shown);
      expect((await t.service.core.tickets.events(opened.value.ticket.id)).map((e) => e.kind)).not.toContain(
        "DELIVERY_FAILED",
      );
    }, 90_000);
  },
);
