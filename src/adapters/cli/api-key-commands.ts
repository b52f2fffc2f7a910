import { z } from "zod";
import type { ApiKeyRecord } from "../../core/ports/api-keys.js";
import { generateApiSecret, hashApiSecret } from "../api/api-key-secret.js";
import { cliOperator } from "./cli-agent.js";
import { type Command, type CommandContext, UsageError } from "./command.js";
import { type ApiKeyLabels, cliLabels } from "./labels.js";

const USAGE = "api-key create --name NAME (--org KEY | --all | --admin) | api-key list | api-key revoke ID";

const keyLine = (l: ApiKeyLabels, k: ApiKeyRecord): string =>
  [
    k.id,
    (k.organization ? l.organization(k.organization.key) : l.allOrganizations).padEnd(24),
    k.role.padEnd(9),
    (k.revokedAt ? l.revokedOn(k.revokedAt.toISOString().slice(0, 10)) : l.active).padEnd(18),
    k.name,
  ].join("  ");

const labelsOf = (ctx: CommandContext) => cliLabels[ctx.lang].apiKeys;

const keyJson = (k: ApiKeyRecord) => ({
  ...k,
  organization: k.organization && { id: k.organization.id, key: k.organization.key },
});

const create = async (ctx: CommandContext, v: Record<string, unknown>): Promise<number> => {
  const l = labelsOf(ctx);
  const name = typeof v.name === "string" ? v.name.trim() : "";
  if (!name || name.length > 100) throw new UsageError(l.nameRequired);
  const org = typeof v.org === "string" ? v.org.trim() : undefined;
  if ((org ? 1 : 0) + (v.all === true ? 1 : 0) + (v.admin === true ? 1 : 0) !== 1)
    throw new UsageError(l.oneScope);
  return ctx.session(async (core) => {
    const keys = core.apiKeys;
    const organization = org ? await core.directory.findOrganizationByKey(org) : null;
    if (org && !organization) {
      ctx.io.err(l.noOrganization(org));
      return 1;
    }
    const secret = generateApiSecret();
    const key = await keys.create({
      name,
      secretHash: hashApiSecret(secret),
      organizationId: organization?.id ?? null,
      role: organization ? "org_admin" : v.admin === true ? "admin" : "agent",
      createdAt: new Date(),
    });
    await core.audit.record({
      at: key.createdAt,
      actor: cliOperator(),
      door: "cli",
      action: "api_key.created",
      target: { kind: "api_key", id: key.id },
      detail: { role: key.role, organization: key.organization?.key ?? null },
    });
    if (ctx.json) ctx.io.out(JSON.stringify({ ...keyJson(key), secret }, null, 2));
    else ctx.io.out(`${keyLine(l, key)}\n\n${l.secretOnce}\n${secret}`);
    return 0;
  });
};

const list = (ctx: CommandContext): Promise<number> =>
  ctx.session(async (core) => {
    const l = labelsOf(ctx);
    const keys = await core.apiKeys.list();
    if (ctx.json) ctx.io.out(JSON.stringify(keys.map(keyJson), null, 2));
    else ctx.io.out(keys.length > 0 ? keys.map((k) => keyLine(l, k)).join("\n") : l.none);
    return 0;
  });

const revoke = async (ctx: CommandContext, id: string | undefined): Promise<number> => {
  const l = labelsOf(ctx);
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw new UsageError(l.revokeExpectsId);
  return ctx.session(async (core) => {
    const at = new Date();
    const revoked = await core.apiKeys.revoke(parsed.data, at);
    if (!revoked) {
      ctx.io.err(l.noActiveKey(parsed.data));
      return 1;
    }
    await core.audit.record({
      at,
      actor: cliOperator(),
      door: "cli",
      action: "api_key.revoked",
      target: { kind: "api_key", id: parsed.data },
    });
    ctx.io.out(ctx.json ? JSON.stringify({ id: parsed.data, revoked: true }) : l.revoked(parsed.data));
    return 0;
  });
};

export const apiKey: Command = {
  name: "api-key",
  summary: {
    en: "create, list and revoke REST API keys",
    "pt-BR": "criar, listar e revogar chaves da API REST",
  },
  usage: USAGE,
  examples: [
    'api-key create --name "Portal ACME" --org acme',
    'api-key create --name "Painel" --all',
    'api-key create --name "DPO" --admin',
    "api-key list",
  ],
  options: {
    name: { type: "string" },
    org: { type: "string" },
    all: { type: "boolean" },
    admin: { type: "boolean" },
  },
  async run(ctx, values, positionals) {
    const [action, ...rest] = positionals;
    switch (action) {
      case "create":
        return create(ctx, values);
      case "list":
        return list(ctx);
      case "revoke":
        return revoke(ctx, rest[0]);
      default:
        throw new UsageError(labelsOf(ctx).expectedAction(USAGE));
    }
  },
};

export const apiKeyCommands = [apiKey];
