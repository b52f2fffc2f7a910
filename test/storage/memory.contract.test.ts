import { createMemoryDirectory } from "../../src/adapters/storage/memory/directory.js";
import { createMemoryTicketRepository } from "../../src/adapters/storage/memory/ticket-repository.js";
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
