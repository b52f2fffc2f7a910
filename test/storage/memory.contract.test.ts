import { createMemoryDirectory } from "../../src/adapters/storage/memory/directory.js";
import { createMemoryInboundReceipts } from "../../src/adapters/storage/memory/inbound-receipts.js";
import { createMemoryOutbox } from "../../src/adapters/storage/memory/outbox-queue.js";
import { createMemoryStorage } from "../../src/adapters/storage/memory/storage.js";
import { createMemoryTicketRepository } from "../../src/adapters/storage/memory/ticket-repository.js";
import { directoryContract } from "../contracts/directory.contract.js";
import { directoryListingContract } from "../contracts/directory-listing.contract.js";
import { inboundReceiptsContract } from "../contracts/inbound-receipts.contract.js";
import { invitationsContract } from "../contracts/invitations.contract.js";
import { outboxQueueContract } from "../contracts/outbox-queue.contract.js";
import { reportsContract } from "../contracts/reports.contract.js";
import { ticketLinksContract } from "../contracts/ticket-links.contract.js";
import { ticketStoreContract } from "../contracts/ticket-store.contract.js";

ticketStoreContract("in memory", async () => {
  const { repository, outbox } = createMemoryTicketRepository();
  return {
    tickets: repository,
    directory: createMemoryDirectory(),
    outbox: async () => outbox.map((o) => ({ key: o.key, payload: o.payload })),
    close: async () => {},
  };
});

outboxQueueContract("in memory", async () => ({
  async fresh() {
    const outbox = createMemoryOutbox();
    return { queue: outbox.queue, write: (drafts) => outbox.writer.enqueue(drafts) };
  },
  close: async () => {},
}));

inboundReceiptsContract("in memory", async () => ({
  receipts: createMemoryInboundReceipts(),
  close: async () => {},
}));

ticketLinksContract("in memory", async () => {
  const storage = createMemoryStorage();
  return {
    links: storage.links,
    repositories: {
      tickets: storage.tickets,
      directory: storage.directory,
      outbox: async () => [],
      close: async () => {},
    },
  };
});

directoryContract("in memory", async () => ({ directory: createMemoryDirectory(), close: async () => {} }));

reportsContract("in memory", async () => ({ storage: createMemoryStorage(), close: async () => {} }));

invitationsContract("in memory", async () => ({
  invitations: createMemoryStorage().invitations,
  close: async () => {},
}));
directoryListingContract("in memory", async () => {
  const directory = createMemoryDirectory();
  return { directory, listing: directory.listing, close: async () => {} };
});
