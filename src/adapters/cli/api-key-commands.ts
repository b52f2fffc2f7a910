import { z } from "zod";
import type { ApiKeyRecord } from "../../core/ports/api-keys.js";
import { generateApiSecret, hashApiSecret } from "../api/api-key-secret.js";
import { cliOperator } from "./cli-agent.js";
import { type Command, type CommandContext, UsageError } from "./command.js";

const USAGE = "api-key create --name NAME (--org KEY | --all | --admin) | api-key list | api-key revoke ID";

const keyLine = (k: ApiKeyRecord): string =>
  [
    k.id,
    (k.organization ? `org ${k.organization.key}` : "all organizations").padEnd(24),
    k.role.padEnd(9),
    k.revokedAt ? `revoked ${k.revokedAt.toISOString().slice(0, 10)}` : "active    ",
    k.name,
  ].join("  ");

const keyJson = (k: ApiKeyRecord) => ({
  ...k,
  organization: k.organization && { id: k.organization.id, key: k.organization.key },
});

const create = async (ctx: CommandContext, v: Record<string, unknown>): Promise<number> => {
  const name = typeof v.name === "string" ? v.name.trim() : "";
  if (!name || name.length > 100) throw new UsageError("--name is required (1 to 100 characters)");
  const org = typeof v.org === "string" ? v.org.trim() : undefined;
  if ((org ? 1 : 0) + (v.all === true ? 1 : 0) + (v.admin === true ? 1 : 0) !== 1)
    throw new UsageError("give exactly one of --org KEY, --all or --admin");
  return ctx.session(async (core) => {
    const keys = core.apiKeys;
    const organization = org ? await core.directory.findOrganizationByKey(org) : null;
    if (org && !organization) {
      ctx.io.err(`no organization has the key "${org}"`);
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
    else ctx.io.out(`${keyLine(key)}\n\nsecret (shown only now; store it safely):\n${secret}`);
    return 0;
  });
};

const list = (ctx: CommandContext): Promise<number> =>
  ctx.session(async (core) => {
    const keys = await core.apiKeys.list();
    if (ctx.json) ctx.io.out(JSON.stringify(keys.map(keyJson), null, 2));
    else ctx.io.out(keys.length > 0 ? keys.map(keyLine).join("\n") : "(no API keys)");
    return 0;
  });

const revoke = async (ctx: CommandContext, id: string | undefined): Promise<number> => {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw new UsageError("revoke expects the key's id (see api-key list)");
  return ctx.session(async (core) => {
    const at = new Date();
    const revoked = await core.apiKeys.revoke(parsed.data, at);
    if (!revoked) {
      ctx.io.err(`no active API key has the id ${parsed.data}`);
      return 1;
    }
    await core.audit.record({
      at,
      actor: cliOperator(),
      door: "cli",
      action: "api_key.revoked",
      target: { kind: "api_key", id: parsed.data },
    });
    ctx.io.out(ctx.json ? JSON.stringify({ id: parsed.data, revoked: true }) : `revoked ${parsed.data}`);
    return 0;
  });
};

export const apiKey: Command = {
  name: "api-key",
  summary: "create, list and revoke REST API keys",
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
        throw new UsageError(`expected create, list or revoke (${USAGE})`);
    }
  },
};

export const apiKeyCommands = [apiKey];
