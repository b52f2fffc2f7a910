import type { Core } from "../../src/app/container.js";
import { ACTIVE_STATUSES } from "../../src/core/conversation/ticket-views.js";
import type { StatsScope, TicketQuery } from "../../src/core/ports/ticket-repository.js";
import { statusesOfPublic } from "../../src/core/ticket/status.js";
import type { Actor } from "../../src/core/ticket/ticket.js";
import { formatTicketId } from "../../src/core/ticket/ticket-ref.js";
import type { SeededPerson } from "./seed-directory.js";
import type { SeededTickets } from "./seed-tickets.js";
import { RARE_WORDS, UNCOMMON_WORDS, USUAL_WORDS } from "./ticket-words.js";

/** One kind of read, as a door sends it; `run(i)` varies its arguments with i so no one row stays hot. */
export interface ReadKind {
  readonly name: string;
  /** Whether it must find tickets at every size: a kind that finds none is measuring nothing. */
  readonly finds: boolean;
  run(i: number): Promise<number>;
}

const DAY_MS = 86_400_000;
const OPEN = statusesOfPublic("OPEN");
const AGENT: Actor = { kind: "agent", id: "U0AGENT01", name: "Agente 01" };

const requesterActor = (person: SeededPerson): Actor => ({
  kind: "requester",
  contactId: person.contactId,
  personId: person.personId,
  organizationId: person.organizationId,
  name: person.name,
  orgAdmin: person.orgAdmin,
});

/** Search terms by how many tickets they hit, typed the way people type them (accents, capitals). */
const TERMS = {
  common: ["impressora", "Boleto", "senha", "acesso", "invoice"],
  usual: USUAL_WORDS.slice(40, 60),
  uncommon: UNCOMMON_WORDS.slice(20, 60),
  rare: [...RARE_WORDS],
  nowhere: ["impresora", "boelto", "snha", "conecsão", "xyzzy"],
  twoWords: [
    "relatório fiscal",
    "cobrança cartão",
    "manutenção máquina",
    "NÃO CONEXÃO",
    "atualização versão",
  ],
  similar: ["impressora não imprime etiqueta", "boleto vencido cobrança", "erro de acesso ao sistema"],
};

const at = <T>(items: readonly T[], i: number): T => items[i % items.length]!;
const count = (page: { items: readonly unknown[] }) => page.items.length;

/**
 * The reads the doors send (REST API, CLI, Slack App Home, the chat's "similar tickets"), through
 * the core service: an agent sees everything; a requester their own tickets; an organization admin
 * their organization's, here the busiest one.
 */
export const readKinds = (
  core: Core,
  seeded: SeededTickets,
  slaCounts: (scope: StatsScope) => Promise<unknown>,
): ReadKind[] => {
  const { service } = core;
  // The first people are their organizations' admins, and the lowest-numbered write the most.
  const orgAdmin = seeded.people[0]!;
  const requester = seeded.people[seeded.organizationIds.length + 10]!;
  const admin = requesterActor(orgAdmin);
  const member = requesterActor(requester);
  const now = Date.now();
  const orgs = seeded.organizationIds;
  const search = (actor: Actor, text: string, query: Partial<TicketQuery> = {}) =>
    service.search(actor, text, { limit: 20, ...query }).then(count);
  const list = (actor: Actor, query: Partial<TicketQuery>) => service.list(actor, { limit: 20, ...query });
  let cursor: string | undefined;
  return [
    { name: "search common word", finds: true, run: (i) => search(AGENT, at(TERMS.common, i)) },
    { name: "search usual word", finds: true, run: (i) => search(AGENT, at(TERMS.usual, i)) },
    { name: "search uncommon word", finds: true, run: (i) => search(AGENT, at(TERMS.uncommon, i)) },
    { name: "search rare word", finds: false, run: (i) => search(AGENT, at(TERMS.rare, i)) },
    { name: "search typo, found nowhere", finds: false, run: (i) => search(AGENT, at(TERMS.nowhere, i)) },
    { name: "search two words, accents", finds: true, run: (i) => search(AGENT, at(TERMS.twoWords, i)) },
    {
      name: "search ticket id",
      finds: true,
      run: (i) => search(AGENT, formatTicketId(1 + ((i * 7919) % seeded.count))),
    },
    {
      name: "search common word, open only",
      finds: true,
      run: (i) => search(AGENT, at(TERMS.common, i), { statuses: ACTIVE_STATUSES }),
    },
    { name: "search as requester", finds: true, run: (i) => search(member, at(TERMS.common, i)) },
    {
      name: "similar tickets (any word, ranked)",
      finds: false,
      run: (i) =>
        list(member, {
          text: at(TERMS.similar, i),
          textMode: "any",
          statuses: ACTIVE_STATUSES,
          limit: 3,
        }).then(count),
    },
    { name: "list newest", finds: true, run: () => list(AGENT, {}).then(count) },
    {
      name: "list recently updated (Slack home)",
      finds: true,
      run: () => list(AGENT, { limit: 15, sort: { field: "updatedAt", direction: "desc" } }).then(count),
    },
    {
      name: "list my active (Slack home)",
      finds: true,
      run: (i) =>
        list(AGENT, {
          assigneeId: `U0AGENT${String(1 + (i % 12)).padStart(2, "0")}`,
          statuses: ACTIVE_STATUSES,
          limit: 10,
          sort: { field: "updatedAt", direction: "desc" },
        }).then(count),
    },
    { name: "list open", finds: true, run: () => list(AGENT, { statuses: OPEN }).then(count) },
    {
      name: "list status+priority+department",
      finds: true,
      run: (i) =>
        list(AGENT, {
          statuses: ACTIVE_STATUSES,
          priorities: ["HIGH"],
          departments: [at(["technical", "sales", "general"], i)],
        }).then(count),
    },
    {
      name: "list organization + date range",
      finds: true,
      run: (i) =>
        list(AGENT, {
          organizationId: at(orgs, i),
          createdFrom: new Date(now - 90 * DAY_MS),
          createdTo: new Date(now - 30 * DAY_MS),
        }).then(count),
    },
    {
      name: "list next page by cursor",
      finds: true,
      async run() {
        // Walks the open list page after page; back to the first page at its end.
        const page = await list(AGENT, { statuses: ACTIVE_STATUSES, ...(cursor ? { cursor } : {}) });
        cursor = page.nextCursor ?? undefined;
        return count(page);
      },
    },
    {
      name: "list as requester (updated)",
      finds: true,
      run: () => list(member, { sort: { field: "updatedAt", direction: "desc" } }).then(count),
    },
    { name: "list as org admin, open", finds: true, run: () => list(admin, { statuses: OPEN }).then(count) },
    { name: "stats overall", finds: false, run: () => service.stats(AGENT).then(() => 0) },
    {
      name: "stats per organization",
      finds: false,
      run: (i) => service.stats(AGENT, { organizationId: at(orgs, i) }).then(() => 0),
    },
    { name: "stats as org admin", finds: false, run: () => service.stats(admin).then(() => 0) },
    { name: "stats as requester", finds: false, run: () => service.stats(member).then(() => 0) },
    // Not the core's: /stats and the agents' Slack home ask for it next to the counts.
    { name: "SLA counts (API /stats, Slack home)", finds: false, run: () => slaCounts({}).then(() => 0) },
  ];
};
