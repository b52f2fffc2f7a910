import { randomUUID } from "node:crypto";
import type { ApiKeyRecord, ApiKeyRepository, NewApiKey } from "../../../core/ports/api-keys.js";
import type { DirectoryRepository } from "../../../core/ports/directory.js";

/** API keys in this process; organizations come from the directory, as the database's join gives them. */
export const createMemoryApiKeys = (
  directory: Pick<DirectoryRepository, "findOrganization">,
): ApiKeyRepository => {
  const keys: (NewApiKey & { id: string; revokedAt: Date | null })[] = [];
  const record = async (key: (typeof keys)[number]): Promise<ApiKeyRecord> => ({
    id: key.id,
    name: key.name,
    role: key.role,
    organization: key.organizationId ? await directory.findOrganization(key.organizationId) : null,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
  });
  return {
    async create(key) {
      const stored = { ...key, id: randomUUID(), revokedAt: null };
      keys.push(stored);
      return record(stored);
    },
    async findActiveByHash(secretHash) {
      const key = keys.find((k) => k.secretHash === secretHash && k.revokedAt === null);
      return key ? record(key) : null;
    },
    list: () => Promise.all(keys.map(record)),
    async revoke(id, at) {
      const key = keys.find((k) => k.id === id && k.revokedAt === null);
      if (key) key.revokedAt = at;
      return key !== undefined;
    },
  };
};
