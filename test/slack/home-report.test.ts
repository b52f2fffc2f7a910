import { afterEach, describe, expect, it } from "vitest";
import { actorOf } from "../../src/core/ticket/requester-of.js";
import type { Actor } from "../../src/core/ticket/ticket.js";
import { payloads } from "../../testkit/slack-payloads.js";
import { AGENT, eventually, type SlackTestService, startSlackService } from "./support/slack-service.js";
import { supplierTicket } from "./support/tickets.js";

const carla: Actor = { kind: "agent", id: `slack:${AGENT}`, name: "Carla" };

/** The report part of the agent's Home tab, one line per text: header and sections, as an agent reads them. */
const reportOf = (view: { blocks: { type: string; text?: { text: string } }[] }, title: string) => {
  const blocks = view.blocks;
  const start = blocks.findIndex((b) => b.type === "header" && b.text?.text === title);
  expect(start).toBeGreaterThan(-1);
  const end = blocks.findIndex((b, i) => i > start && b.type === "divider");
  return blocks
    .slice(start, end)
    .map((b) => b.text!.text)
    .join("\n\n");
};

describe("Slack App Home: the agents' report", () => {
  let t: SlackTestService | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  const desk = async (service: SlackTestService) => {
    const solved = await supplierTicket(service, 9101, "Boleto duplicado");
    const core = service.service.core;
    await core.service.assign(carla, solved.ref, {
      assignee: { id: carla.kind === "agent" ? carla.id : "", name: "Carla" },
    });
    expect((await core.service.reply(carla, solved.ref, { message: "Qual o boleto?" })).ok).toBe(true);
    // A wait of at least a millisecond: a status held for none is not time in it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await core.service.changeStatus(carla, solved.ref, { status: "SOLVED" })).ok).toBe(true);
    const contact = (await core.directory.findContactById(solved.ticket.requester.contactId))!;
    expect((await core.service.rate(actorOf(contact), solved.ref, { score: 4 })).ok).toBe(true);
    await supplierTicket(service, 9102, "Login bloqueado");
    await core.storage.abandoned.record({
      contactId: contact.id,
      flow: "open_ticket",
      step: "department",
      reason: "timeout",
      at: new Date(),
    });
    await service.event(payloads.appHomeOpened(AGENT));
    await eventually(
      () => service.slack.views().some((v) => v.method === "views.publish" && v.userId === AGENT),
      "the agent's home",
    );
    return service.slack
      .views()
      .filter((v) => v.userId === AGENT)
      .at(-1)!.view as { blocks: { type: string; text?: { text: string } }[] };
  };

  it("in English: time in status, ratings by agent, SLA outcomes and where the chat intake stops", async () => {
    t = await startSlackService();
    const view = await desk(t);
    expect(reportOf(view, "Last 30 days")).toBe(
      [
        "Last 30 days",
        "",
        "*Time in status*",
        "New: average 0 min, p90 0 min (2 tickets)",
        "Waiting for your reply: average 0 min, p90 0 min (1 ticket)",
        "",
        "*Ratings*",
        "1 rated, average 4.0 ★",
        "Carla: 1, average 4.0 ★",
        "",
        "*SLA*",
        "First response: 1 met, 0 breached, 1 running",
        "Resolution: 1 met, 0 breached, 1 running",
        "",
        "*Intake by chat*",
        "2 opened",
        "Department: 1 stopped of 3 that got there",
      ].join("\n"),
    );
  });

  it("in Portuguese", async () => {
    t = await startSlackService({ DEFAULT_LANGUAGE: "pt-BR" });
    const view = await desk(t);
    expect(reportOf(view, "Últimos 30 dias")).toBe(
      [
        "Últimos 30 dias",
        "",
        "*Tempo em cada status*",
        "Novo: média 0 min, p90 0 min (2 chamados)",
        "Aguardando sua resposta: média 0 min, p90 0 min (1 chamado)",
        "",
        "*Avaliações*",
        "1 avaliação, média 4,0 ★",
        "Carla: 1, média 4,0 ★",
        "",
        "*SLA*",
        "Primeira resposta: 1 no prazo, 0 estourados, 1 em andamento",
        "Resolução: 1 no prazo, 0 estourados, 1 em andamento",
        "",
        "*Abertura pelo chat*",
        "2 abertos",
        "Departamento: 1 parou, de 3 que chegaram",
      ].join("\n"),
    );
  });
});
