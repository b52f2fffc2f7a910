import { z } from "zod";
import type { Command } from "./command.js";
import { UsageError } from "./command.js";
import { cliLabels } from "./labels.js";
import { organizationIdOf } from "./refs.js";
import type { UsageLabels } from "./usage-labels.js";
import { usageLabels } from "./usage-labels.js";

const limitOf = (l: UsageLabels, value: unknown): number => {
  const parsed = z.coerce.number().int().min(1).max(1000).default(100).safeParse(value);
  if (!parsed.success) throw new UsageError(`--limit: ${l.number(1, 1000)}`);
  return parsed.data;
};

export const orgs: Command = {
  name: "orgs",
  summary: {
    en: "list organizations (their keys are what --org takes)",
    "pt-BR": "listar as organizações (a chave de cada uma é o que --org recebe)",
  },
  usage: "orgs [--limit N]",
  examples: ["orgs", "orgs --json"],
  options: { limit: { type: "string" } },
  async run(ctx, v) {
    const limit = limitOf(usageLabels[ctx.lang], v.limit);
    return ctx.session(async (core) => {
      const organizations = await core.directory.listOrganizations(limit);
      if (ctx.json) ctx.io.out(JSON.stringify(organizations, null, 2));
      else if (organizations.length === 0) ctx.io.out(cliLabels[ctx.lang].noOrganizations);
      else ctx.io.out(organizations.map((o) => `${o.key.padEnd(30)}  ${o.name}`).join("\n"));
      return 0;
    });
  },
};

export const contacts: Command = {
  name: "contacts",
  summary: {
    en: "list contacts (CHANNEL:ID is what --requester, --contact and chat --as take)",
    "pt-BR": "listar os contatos (CANAL:ID é o que --requester, --contact e chat --as recebem)",
  },
  usage: "contacts [--org KEY] [--limit N]",
  examples: ["contacts --org acme", "contacts --json"],
  options: { org: { type: "string" }, limit: { type: "string" } },
  async run(ctx, v) {
    const u = usageLabels[ctx.lang];
    const l = cliLabels[ctx.lang];
    const limit = limitOf(u, v.limit);
    return ctx.session(async (core) => {
      const organizationId =
        typeof v.org === "string" ? await organizationIdOf(u, core, "--org", v.org.trim()) : undefined;
      const found = await core.directory.listContacts({
        ...(organizationId ? { organizationId } : {}),
        limit,
      });
      const orgKeys = new Map<string, string>();
      for (const c of found) {
        if (!orgKeys.has(c.person.organizationId)) {
          const org = await core.directory.findOrganization(c.person.organizationId);
          orgKeys.set(c.person.organizationId, org?.key ?? "?");
        }
      }
      if (ctx.json) {
        ctx.io.out(
          JSON.stringify(
            found.map((c) => ({
              ref: `${c.channel.toLowerCase()}:${c.platformUserId}`,
              displayName: c.displayName,
              organization: orgKeys.get(c.person.organizationId),
              registered: c.person.registered,
              role: c.person.role,
              personId: c.person.id,
              contactId: c.id,
            })),
            null,
            2,
          ),
        );
      } else if (found.length === 0) ctx.io.out(l.noContacts);
      else
        ctx.io.out(
          found
            .map((c) =>
              [
                `${c.channel.toLowerCase()}:${c.platformUserId}`.padEnd(30),
                (orgKeys.get(c.person.organizationId) ?? "").padEnd(20),
                (c.person.registered ? l.registeredContact : "-").padEnd(10),
                c.displayName,
              ].join("  "),
            )
            .join("\n"),
        );
      return 0;
    });
  },
};

export const directoryCommands: readonly Command[] = [orgs, contacts];
