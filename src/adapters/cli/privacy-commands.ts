import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import type { PrivacyRequester } from "../../core/privacy/requester.js";
import { exportArchive } from "../files/export-archive.js";
import { cliOperator } from "./cli-agent.js";
import { type CliSession, type Command, type CommandContext, UsageError } from "./command.js";
import { contactRefIn } from "./conversation-commands.js";
import { cliLabels } from "./labels.js";
import { usageLabels } from "./usage-labels.js";

const whoArgs = (ctx: CommandContext) =>
  z.union([
    z.object({ contact: contactRefIn(cliLabels[ctx.lang].contacts), id: z.undefined() }),
    z.object({ id: z.uuid({ error: usageLabels[ctx.lang].contactId }), contact: z.undefined() }),
  ]);

const target = (ctx: CommandContext, values: Record<string, unknown>) => {
  const parsed = whoArgs(ctx).safeParse({ contact: values.contact, id: values.id });
  if (!parsed.success) throw new UsageError(usageLabels[ctx.lang].contactOrId);
  return parsed.data;
};

const requester = (): PrivacyRequester => ({ actor: cliOperator(), door: "cli" });

/** The contact's id, or null after telling the operator there is none. */
const findContact = async (
  ctx: CommandContext,
  core: CliSession,
  who: ReturnType<typeof target>,
): Promise<string | null> => {
  const found = who.contact
    ? await core.directory.findContact(who.contact.channel, who.contact.platformUserId)
    : await core.directory.findContactById(who.id!);
  if (!found) {
    ctx.io.err(
      ctx.json
        ? JSON.stringify({ error: { code: "CONTACT_NOT_FOUND" } })
        : cliLabels[ctx.lang].contacts.notFound,
    );
    return null;
  }
  return found.id;
};

const unavailable = (ctx: CommandContext): number => {
  ctx.io.err(cliLabels[ctx.lang].privacy.unavailable);
  return 1;
};

export const exportCommand: Command = {
  name: "export",
  summary: {
    en: "everything held about one contact, as a zip (contact.json and their files)",
    "pt-BR": "exportar tudo o que se guarda sobre um contato, em um zip (contact.json e os arquivos dele)",
  },
  usage: "export (--contact CHANNEL:ID | --id CONTACT_ID) [--out FILE.zip]",
  examples: [
    "export --contact whatsapp:5511999998888 --out carla.zip",
    "export --contact telegram:12345 --json",
  ],
  options: { contact: { type: "string" }, id: { type: "string" }, out: { type: "string" } },
  async run(ctx, values) {
    const who = target(ctx, values);
    return ctx.session(async (core) => {
      const desk = await core.privacy();
      if (!desk) return unavailable(ctx);
      const contactId = await findContact(ctx, core, who);
      if (!contactId) return 1;
      const exported = await desk.exportContact(contactId, requester());
      if (!exported.ok) return 1;
      const file = resolve(typeof values.out === "string" ? values.out : `contact-${contactId}.zip`);
      await writeFile(file, exportArchive(exported.value, new Date()), { mode: 0o600 });
      const tickets = (exported.value.document.tickets as unknown[]).length;
      const files = exported.value.files.length;
      ctx.io.out(
        ctx.json
          ? JSON.stringify({ contactId, file, tickets, files })
          : cliLabels[ctx.lang].privacy.exported(file, contactId, tickets, files),
      );
      return 0;
    });
  },
};

const finishUnfinished = (ctx: CommandContext): Promise<number> =>
  ctx.session(async (core) => {
    const desk = await core.privacy();
    if (!desk) return unavailable(ctx);
    let finished = 0;
    for (let batch = -1; batch !== 0; finished += batch) batch = await desk.finishUnfinishedErasures(100);
    ctx.io.out(ctx.json ? JSON.stringify({ finished }) : cliLabels[ctx.lang].privacy.finished(finished));
    return 0;
  });

export const eraseCommand: Command = {
  name: "erase",
  summary: {
    en: "anonymize a contact: identifiers, their text and files go; tickets and figures stay (--unfinished finishes erasures that were cut off)",
    "pt-BR":
      "anonimizar um contato: saem os identificadores, os textos e os arquivos dele; ficam os chamados e os números (--unfinished conclui exclusões interrompidas)",
  },
  usage: "erase (--contact CHANNEL:ID | --id CONTACT_ID) --yes | erase --unfinished",
  examples: ["erase --contact telegram:12345 --yes", "erase --unfinished"],
  options: {
    contact: { type: "string" },
    id: { type: "string" },
    yes: { type: "boolean" },
    unfinished: { type: "boolean" },
  },
  async run(ctx, values) {
    if (values.unfinished === true) return finishUnfinished(ctx);
    const who = target(ctx, values);
    if (values.yes !== true) throw new UsageError(usageLabels[ctx.lang].eraseNeedsYes);
    return ctx.session(async (core) => {
      const desk = await core.privacy();
      if (!desk) return unavailable(ctx);
      const contactId = await findContact(ctx, core, who);
      if (!contactId) return 1;
      const erased = await desk.eraseContact(contactId, requester());
      if (!erased.ok) return 1;
      const r = erased.value;
      const l = cliLabels[ctx.lang].privacy;
      ctx.io.out(
        ctx.json
          ? JSON.stringify(r)
          : r.alreadyErased
            ? l.alreadyErased(contactId)
            : l.erased(contactId, r.tickets, r.cancelledOutbox, r.filesDeleted),
      );
      return 0;
    });
  },
};

export const privacyCommands: readonly Command[] = [exportCommand, eraseCommand];
