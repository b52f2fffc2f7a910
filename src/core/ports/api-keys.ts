import type { OrganizationRecord } from "./directory.js";

/** admin: an agent that may also export and erase personal data and read the audit log. */
export type ApiKeyRole = "org_admin" | "agent" | "admin";

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly role: ApiKeyRole;
  /** The organization an org_admin key is limited to; null for keys that see every organization. */
  readonly organization: OrganizationRecord | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

export interface NewApiKey {
  readonly name: string;
  readonly secretHash: string;
  readonly organizationId: string | null;
  readonly role: ApiKeyRole;
  readonly createdAt: Date;
}

/** REST API keys; only the SHA-256 of a secret is ever stored. */
export interface ApiKeyRepository {
  create(key: NewApiKey): Promise<ApiKeyRecord>;
  /** The active key with this secret hash, or null (unknown or revoked). */
  findActiveByHash(secretHash: string): Promise<ApiKeyRecord | null>;
  list(): Promise<ApiKeyRecord[]>;
  /** True when the key existed and was active. */
  revoke(id: string, at: Date): Promise<boolean>;
}
