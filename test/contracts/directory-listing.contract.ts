import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidCursorError } from "../../src/adapters/storage/cursor.js";
import type { DirectoryRepository } from "../../src/core/ports/directory.js";
import type { DirectoryListing } from "../../src/core/ports/directory-listing.js";

export interface ListingStore {
  readonly directory: DirectoryRepository;
  readonly listing: DirectoryListing;
  close(): Promise<void>;
}

/** The admin page's listing: name order, people counted, keyset pages that neither skip nor repeat. */
export const directoryListingContract = (name: string, open: () => Promise<ListingStore>) => {
  describe(`directory listing contract: ${name}`, () => {
    let store: ListingStore;
    const tag = Math.random().toString(36).slice(2, 8);
    beforeAll(async () => {
      store = await open();
      const add = (user: string, display: string, org: string, role?: "ORG_ADMIN") =>
        store.directory.ensureContact({
          channel: "TELEGRAM",
          platformUserId: `${tag}-${user}`,
          displayName: display,
          organization: { key: `${tag}-${org}`, name: `${tag} ${org}` },
          registered: true,
          ...(role ? { role } : {}),
        });
      await add("1", "Carla", "Beta");
      await add("2", "Ana", "Beta", "ORG_ADMIN");
      await add("3", "Bruno", "Alfa");
    });
    afterAll(async () => {
      await store?.close();
    });

    const everyOrganization = async () => {
      const seen = [];
      let cursor: string | undefined;
      do {
        const page = await store.listing.listOrganizations({ limit: 1, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };

    it("lists organizations by name with their people, one page at a time", async () => {
      const ours = (await everyOrganization()).filter((o) => o.name.startsWith(tag));
      expect(ours.map((o) => [o.name, o.people])).toEqual([
        [`${tag} Alfa`, 1],
        [`${tag} Beta`, 2],
      ]);
    });

    it("lists an organization's contacts by name, with role and organization", async () => {
      const beta = (await everyOrganization()).find((o) => o.name === `${tag} Beta`)!;
      const first = await store.listing.listContacts({ limit: 1, organizationId: beta.id });
      expect(first.items.map((c) => [c.displayName, c.role, c.organizationName])).toEqual([
        ["Ana", "ORG_ADMIN", `${tag} Beta`],
      ]);
      const second = await store.listing.listContacts({
        limit: 5,
        organizationId: beta.id,
        cursor: first.nextCursor!,
      });
      expect(second.items.map((c) => c.displayName)).toEqual(["Carla"]);
      expect(second.nextCursor).toBeNull();
    });

    it("refuses a cursor it did not give out, whatever it holds, and never reads it as the first page", async () => {
      const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
      const cursors = [
        "garbage!",
        forged(["\u0000", "8f8f9a4e-5d4b-4c4e-9a55-3f1e2d3c4b5a"]),
        forged(["Ana", "not-a-uuid"]),
        forged(["\ud800", "8f8f9a4e-5d4b-4c4e-9a55-3f1e2d3c4b5a"]),
        forged({ name: "Ana" }),
        forged(["Ana"]),
      ];
      for (const cursor of cursors) {
        await expect(store.listing.listOrganizations({ limit: 5, cursor })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
        await expect(store.listing.listContacts({ limit: 5, cursor })).rejects.toBeInstanceOf(
          InvalidCursorError,
        );
      }
    });

    it("shows when a contact was switched off, and clears it when switched on again", async () => {
      const alfa = (await everyOrganization()).find((o) => o.name === `${tag} Alfa`)!;
      const bruno = (await store.listing.listContacts({ limit: 5, organizationId: alfa.id })).items[0]!;
      expect(bruno.deactivatedAt).toBeNull();
      const at = new Date("2026-03-02T12:00:00.000Z");
      await store.directory.setDeactivated(bruno.id, at);
      const off = (await store.listing.listContacts({ limit: 5, organizationId: alfa.id })).items[0]!;
      expect(off.deactivatedAt).toEqual(at);
      await store.directory.setDeactivated(bruno.id, null);
      const on = (await store.listing.listContacts({ limit: 5, organizationId: alfa.id })).items[0]!;
      expect(on.deactivatedAt).toBeNull();
    });
  });
};
