import { writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { type Command, UsageError } from "./command.js";
import { cliLabels } from "./labels.js";
import { usageLabels } from "./usage-labels.js";

/** A stored file name as a name in the current folder: never a path, never hidden. */
const localName = (fileName: string): string => {
  const name = basename(fileName.replaceAll("\\", "/")).replace(/^\.+/, "");
  return name || "attachment";
};

export const attachment: Command = {
  name: "attachment",
  summary: {
    en: "save a file of a ticket's history (by attachment id or file name)",
    "pt-BR": "salvar um arquivo do histórico de um chamado (pelo id do anexo ou pelo nome do arquivo)",
  },
  usage: "attachment get TICKET FILE [--out PATH]",
  examples: ["attachment get TKT-000012 nota.pdf", "attachment get 12 nota.pdf --out /tmp/nota-12.pdf"],
  options: { out: { type: "string" } },
  async run(ctx, v, positionals) {
    const [action, ticket, file] = positionals;
    const l = usageLabels[ctx.lang];
    if (action !== "get") throw new UsageError(l.expectedAction("get"));
    if (!ticket || !file) throw new UsageError(l.missingTicketOrFile);
    return ctx.session(async (core) => {
      const found = await core.service.attachment(ctx.agent, ticket, file);
      if (!found.ok) {
        ctx.io.err(ctx.json ? JSON.stringify({ error: found.error }) : ctx.catalogue.error(found.error));
        return 1;
      }
      const path = typeof v.out === "string" ? v.out : join(".", localName(found.value.meta.fileName));
      try {
        // Never overwrites: an existing file is the agent's, not ours to replace.
        await writeFile(path, found.value.bytes, { flag: "wx" });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UsageError(code === "EEXIST" ? l.fileExists(path) : l.cannotWrite(path, String(code)));
      }
      const { meta } = found.value;
      ctx.io.out(
        ctx.json
          ? JSON.stringify({
              path,
              id: meta.id,
              fileName: meta.fileName,
              contentType: meta.contentType,
              size: meta.size,
              sha256: meta.sha256,
            })
          : cliLabels[ctx.lang].savedFile(`${meta.fileName} (${meta.contentType}, ${meta.size} B)`, path),
      );
      return 0;
    });
  },
};

export const attachmentCommands: readonly Command[] = [attachment];
