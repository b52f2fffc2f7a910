import type { BlobStore } from "../../../core/ports/blob-store.js";
import type { ParkedFiles } from "../../../core/ports/parked-files.js";
import { deleteUnreferenced, type ReferencedKeys } from "../../files/delete-unreferenced.js";
import { Prisma, type PrismaClient } from "./client.js";

/** Keys named by an attachment or by any contact's parked file. */
export const createPrismaFileReferences =
  (prisma: PrismaClient): ReferencedKeys =>
  async (keys) => {
    if (keys.length === 0) return new Set();
    const rows = await prisma.$queryRaw<{ key: string }[]>(Prisma.sql`
      SELECT storage_key AS key FROM attachment WHERE storage_key = ANY(${[...keys]}::text[])
      UNION SELECT storage_key FROM parked_file WHERE storage_key = ANY(${[...keys]}::text[])`);
    return new Set(rows.map((r) => r.key));
  };

/** Parked files as rows of `parked_file`, shared by every instance; bytes go through `blobs`. */
export const createPrismaParkedFiles = (prisma: PrismaClient, blobs: BlobStore): ParkedFiles => {
  const referenced = createPrismaFileReferences(prisma);
  return {
    async bytesOf(contactId) {
      const sum = await prisma.parkedFile.aggregate({ where: { contactId }, _sum: { size: true } });
      return sum._sum.size ?? 0;
    },

    async park(contactId, files, at) {
      if (files.length === 0) return;
      await prisma.parkedFile.createMany({
        data: files.map((f) => ({ contactId, storageKey: f.storageKey, size: f.size, parkedAt: at })),
        skipDuplicates: true,
      });
    },

    async release(contactId, storageKeys) {
      if (storageKeys?.length === 0) return [];
      const only = storageKeys
        ? Prisma.sql`AND storage_key = ANY(${[...storageKeys]}::text[])`
        : Prisma.empty;
      const dropped = await prisma.$queryRaw<{ key: string }[]>(Prisma.sql`
        DELETE FROM parked_file WHERE contact_id = ${contactId}::uuid ${only} RETURNING storage_key AS key`);
      return deleteUnreferenced(
        blobs,
        dropped.map((r) => r.key),
        referenced,
      );
    },

    async idleHolders(cutoff, limit) {
      const rows = await prisma.$queryRaw<{ contact_id: string }[]>(Prisma.sql`
        SELECT contact_id FROM parked_file GROUP BY contact_id
        HAVING min(parked_at) <= ${cutoff} ORDER BY min(parked_at) LIMIT ${limit}`);
      return rows.map((r) => r.contact_id);
    },
  };
};
