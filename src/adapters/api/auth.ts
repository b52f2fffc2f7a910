import type { FastifyRequest } from "fastify";
import type { ApiKeyRecord, ApiKeyRepository } from "../../core/ports/api-keys.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";
import type { Actor } from "../../core/ticket/ticket.js";
import { hashApiSecret, looksLikeApiSecret } from "./api-key-secret.js";

/** Who is calling: the key, and the core actor it acts as. */
export interface ApiPrincipal {
  readonly key: ApiKeyRecord;
  readonly actor: Actor;
}

export class ApiAuthError extends Error {
  override readonly name = "ApiAuthError";
}

const bearer = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  const match = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match?.[1] ?? null;
};

/**
 * API keys to actors. A key for all organizations acts as an agent. A key for one organization
 * acts as an admin of that organization: a requester who sees every ticket of it and nothing
 * else, through an API contact of its own (created on first use), so the core's access rules
 * apply to it unchanged.
 */
export type ApiAuthenticator = (request: FastifyRequest) => Promise<ApiPrincipal>;

export const createApiAuthenticator = (
  keys: ApiKeyRepository,
  directory: DirectoryRepository,
): ApiAuthenticator => {
  const contacts = new Map<string, Actor>();

  const orgActor = async (
    key: ApiKeyRecord & { organization: NonNullable<ApiKeyRecord["organization"]> },
  ): Promise<Actor> => {
    const cached = contacts.get(key.id);
    if (cached) return cached;
    const contact = await directory.ensureContact({
      channel: "API",
      platformUserId: `apikey:${key.id}`,
      displayName: key.name,
      organization: { key: key.organization.key, name: key.organization.name },
      registered: true,
      role: "ORG_ADMIN",
    });
    // The key's organization decides, not the contact's: a contact moved elsewhere must not move the key.
    if (contact.person.organizationId !== key.organization.id)
      throw new ApiAuthError("the key's API contact belongs to another organization");
    const actor: Actor = {
      kind: "requester",
      contactId: contact.id,
      personId: contact.person.id,
      organizationId: key.organization.id,
      name: key.name,
      orgAdmin: true,
    };
    contacts.set(key.id, actor);
    return actor;
  };

  return async (request: FastifyRequest): Promise<ApiPrincipal> => {
    const secret = bearer(request);
    if (!secret || !looksLikeApiSecret(secret)) throw new ApiAuthError("missing or malformed bearer token");
    const key = await keys.findActiveByHash(hashApiSecret(secret));
    if (!key) throw new ApiAuthError("unknown or revoked API key");
    if (key.organization === null) {
      if (key.role === "org_admin")
        throw new ApiAuthError("an all-organizations key must have the agent or admin role");
      return { key, actor: { kind: "agent", id: `api:${key.id}`, name: key.name } };
    }
    if (!key.organization.key) throw new ApiAuthError("the key's organization no longer exists");
    return { key, actor: await orgActor({ ...key, organization: key.organization }) };
  };
};
