import { randomUUID } from "node:crypto";
import type { ApiKeyRecord, ApiKeyRepository, ApiKeyRole, NewApiKey } from "../../../core/ports/api-keys.js";
import type { PrismaClient } from "./client.js";

// Anything unknown narrows to the least a key can do.
const asRole = (role: string): ApiKeyRole => (role === "agent" || role === "admin" ? role : "org_admin");

/** REST API keys; only the SHA-256 of a secret is ever stored. */
export const createPrismaApiKeyRepository = (prisma: PrismaClient): ApiKeyRepository => {
  const organizations = async (ids: readonly (string | null)[]) => {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    const rows =
      wanted.length > 0 ? await prisma.organization.findMany({ where: { id: { in: wanted } } }) : [];
    return new Map(rows.map((o) => [o.id, { id: o.id, key: o.key, name: o.name }]));
  };

  const toRecords = async (
    rows: {
      id: string;
      name: string;
      role: string;
      organizationId: string | null;
      createdAt: Date;
      revokedAt: Date | null;
    }[],
  ): Promise<ApiKeyRecord[]> => {
    const orgs = await organizations(rows.map((r) => r.organizationId));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: asRole(r.role),
      // A key whose organization vanished must not widen to "all": it keeps a placeholder that matches nothing.
      organization: r.organizationId
        ? (orgs.get(r.organizationId) ?? { id: r.organizationId, key: "", name: "" })
        : null,
      createdAt: r.createdAt,
      revokedAt: r.revokedAt,
    }));
  };

  return {
    async create(key: NewApiKey): Promise<ApiKeyRecord> {
      const row = await prisma.apiKey.create({ data: { id: randomUUID(), ...key } });
      return (await toRecords([row]))[0]!;
    },

    /** The active key with this secret hash, or null (unknown or revoked). */
    async findActiveByHash(secretHash: string): Promise<ApiKeyRecord | null> {
      const row = await prisma.apiKey.findUnique({ where: { secretHash } });
      if (!row || row.revokedAt) return null;
      return (await toRecords([row]))[0]!;
    },

    async list(): Promise<ApiKeyRecord[]> {
      return toRecords(await prisma.apiKey.findMany({ orderBy: { createdAt: "asc" } }));
    },

    /** True when the key existed and was active. */
    async revoke(id: string, at: Date): Promise<boolean> {
      const { count } = await prisma.apiKey.updateMany({
        where: { id, revokedAt: null },
        data: { revokedAt: at },
      });
      return count === 1;
    },
  };
};
