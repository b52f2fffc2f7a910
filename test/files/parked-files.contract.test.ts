import { createMemoryParkedFiles } from "../../src/adapters/storage/memory/parked-files.js";
import { openDatabase } from "../../src/adapters/storage/prisma/database.js";
import { createPrismaParkedFiles } from "../../src/adapters/storage/prisma/parked-files.js";
import { createPgTestDatabase } from "../../testkit/pg-test-database.js";
import { parkedFilesContract } from "../contracts/parked-files.contract.js";
import { describeWith } from "../support/pg-database-for-service.js";

parkedFilesContract("in memory", async (blobs) => {
  const attached = new Set<string>();
  return {
    parked: createMemoryParkedFiles({ blobs, attached: async (key) => attached.has(key) }),
    attach: async (key) => void attached.add(key),
    close: async () => {},
  };
});

describeWith({ pg: true }, "PostgreSQL", () => {
  parkedFilesContract("Prisma on PostgreSQL", async (blobs) => {
    const throwaway = (await createPgTestDatabase())!;
    const database = await openDatabase({
      databaseUrl: throwaway.url,
      dataDir: "unused",
      migrateOnStart: false,
    });
    const { prisma } = database;
    return {
      parked: createPrismaParkedFiles(prisma, blobs),
      // The smallest real attachment row: a ticket needs its organization, person and contact.
      async attach(storageKey) {
        const ids = {
          org: crypto.randomUUID(),
          person: crypto.randomUUID(),
          contact: crypto.randomUUID(),
          ticket: crypto.randomUUID(),
        };
        const now = new Date();
        await prisma.organization.create({ data: { id: ids.org, name: "Acme", key: `acme-${ids.org}` } });
        await prisma.person.create({ data: { id: ids.person, name: "Ana", organizationId: ids.org } });
        await prisma.contact.create({
          data: {
            id: ids.contact,
            channel: "API",
            platformUserId: ids.contact,
            displayName: "Ana",
            personId: ids.person,
          },
        });
        const number = Math.floor(Math.random() * 1_000_000) + 1;
        await prisma.ticket.create({
          data: {
            id: ids.ticket,
            number,
            subject: "s",
            department: "technical",
            priority: "LOW",
            type: "support",
            status: "NEW",
            channel: "API",
            requesterContactId: ids.contact,
            requesterPersonId: ids.person,
            organizationId: ids.org,
            createdAt: now,
            updatedAt: now,
            statusChangedAt: now,
          },
        });
        const event = await prisma.ticketEvent.create({
          data: {
            ticketId: ids.ticket,
            kind: "MESSAGE",
            actorKind: "REQUESTER",
            actorId: ids.contact,
            actorName: "Ana",
            body: "b",
            createdAt: now,
          },
        });
        await prisma.attachment.create({
          data: {
            id: crypto.randomUUID(),
            ticketId: ids.ticket,
            eventId: event.id,
            fileName: "f.txt",
            contentType: "text/plain",
            size: 1,
            sha256: "x",
            storageKey,
            createdAt: now,
          },
        });
      },
      async close() {
        await database.close();
        await throwaway.drop();
      },
    };
  });
});
