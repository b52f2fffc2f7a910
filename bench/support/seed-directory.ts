import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Channel } from "../../src/core/ticket/channel.js";

export interface SeededPerson {
  readonly personId: string;
  readonly contactId: string;
  readonly organizationId: string;
  readonly name: string;
  readonly channel: Channel;
  readonly orgAdmin: boolean;
}

export interface SeededDirectory {
  readonly organizationIds: readonly string[];
  /** The first `organizationIds.length` people are their organization's admins, in the same order. */
  readonly people: readonly SeededPerson[];
}

const CHANNELS: readonly Channel[] = ["WHATSAPP", "TELEGRAM", "WHATSAPP", "SLACK"];

/** Organizations, people and one contact each; person i belongs to organization i mod `organizations`. */
export const seedDirectory = async (
  client: pg.ClientBase,
  organizations: number,
  peopleCount: number,
): Promise<SeededDirectory> => {
  const organizationIds = Array.from({ length: organizations }, () => randomUUID());
  const people: SeededPerson[] = Array.from({ length: peopleCount }, (_, i) => ({
    personId: randomUUID(),
    contactId: randomUUID(),
    organizationId: organizationIds[i % organizations]!,
    name: `Fornecedor ${i + 1}`,
    channel: CHANNELS[i % CHANNELS.length]!,
    orgAdmin: i < organizations,
  }));
  await client.query(
    `INSERT INTO organization (id, key, name)
     SELECT id, 'seed-org-' || ord, 'Empresa ' || ord FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, ord)`,
    [organizationIds],
  );
  await client.query(
    `INSERT INTO person (id, organization_id, name, role, registered)
     SELECT * , true FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::"PersonRole"[])`,
    [
      people.map((p) => p.personId),
      people.map((p) => p.organizationId),
      people.map((p) => p.name),
      people.map((p) => (p.orgAdmin ? "ORG_ADMIN" : "MEMBER")),
    ],
  );
  await client.query(
    `INSERT INTO contact (id, person_id, channel, platform_user_id, display_name)
     SELECT c.id, c.person_id, c.channel, 'seed-' || c.ord, c.name
     FROM unnest($1::uuid[], $2::uuid[], $3::"Channel"[], $4::text[]) WITH ORDINALITY AS c(id, person_id, channel, name, ord)`,
    [
      people.map((p) => p.contactId),
      people.map((p) => p.personId),
      people.map((p) => p.channel),
      people.map((p) => p.name),
    ],
  );
  return { organizationIds, people };
};
