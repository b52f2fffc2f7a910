import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formValues, payloads } from "../../testkit/slack-payloads.js";
import { seedArticles } from "../knowledge/articles.js";
import { once } from "../support/once.js";
import {
  AGENT_2,
  eventually,
  REQUESTER,
  SALES,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";

type Block = { block_id?: string; type: string; dispatch_action?: boolean; text?: { text: string } };
type View = { blocks: Block[]; private_metadata: string };

/** What Slack sends while the subject is typed into a dispatch_action input. */
const typing = (viewId: string, typed: string, privateMetadata: string) => {
  const body = payloads.action({
    user: REQUESTER,
    actionId: "value",
    value: typed,
    responseUrl: "http://unused",
  });
  const [action] = body.actions as Record<string, unknown>[];
  return {
    ...body,
    container: { type: "view", view_id: viewId },
    view: {
      id: viewId,
      hash: "1712345678.abcd",
      type: "modal",
      private_metadata: privateMetadata,
      state: { values: {} },
    },
    actions: [{ ...action, type: "plain_text_input", block_id: "subject", action_id: "value", value: typed }],
  };
};

describe("Slack: the ticket form suggests articles; agents insert them", () => {
  let t: SlackTestService;
  beforeAll(async () => {
    t = await startSlackService();
    await seedArticles(t.service.core.storage.knowledge);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("suggests articles under the subject as it is typed, counted once per form", async () => {
    await t.command(REQUESTER, "");
    await eventually(() => t.slack.calls("views.open").length > 0, "views.open");
    const opened = t.slack.calls("views.open").at(-1)!.args.view as View;
    expect(opened.blocks[0]).toMatchObject({ block_id: "subject", dispatch_action: true });

    for (const typed of ["payment slip", "payment slip copy"]) {
      const before = t.slack.calls("views.update").length;
      expect((await t.interact(typing("VFORM1", typed, opened.private_metadata))).status).toBe(200);
      await eventually(() => t.slack.calls("views.update").length > before, "views.update");
    }
    const update = t.slack.calls("views.update").at(-1)!;
    expect(update.args).toMatchObject({ view_id: "VFORM1", hash: "1712345678.abcd" });
    const view = update.args.view as View;
    expect(view.blocks.map((b) => b.block_id).slice(0, 2)).toEqual(["subject", "kb_suggestions"]);
    const suggestions = view.blocks[1]!.text!.text;
    expect(suggestions).toContain("Articles that may answer it before you open the ticket:");
    expect(suggestions).toContain(
      "• *How to get a copy of your payment slip* — Sign in to the supplier portal.",
    );
    expect(suggestions).not.toContain("boleto");
    expect(JSON.parse(view.private_metadata).suggested).toContain(5);
    const figures = await t.service.core.knowledge.figures();
    expect(figures.articles.find((a) => a.articleId === 5)?.shown).toBe(1);

    // A subject matching nothing takes the suggestions away.
    const before = t.slack.calls("views.update").length;
    await t.interact(typing("VFORM1", "zzqx", view.private_metadata));
    await eventually(() => t.slack.calls("views.update").length > before, "views.update");
    const cleared = t.slack.calls("views.update").at(-1)!.args.view as View;
    expect(cleared.blocks.map((b) => b.block_id)).not.toContain("kb_suggestions");
  });

  /** The requester submits the form anyway, with article 5 suggested: the ticket the agent answers. */
  const openAnyway = once(async () => {
    const response = await t.interact(
      payloads.submission({
        user: REQUESTER,
        values: formValues({
          subject: "Payment slip copy",
          department: "sales",
          priority: "LOW",
          type: "support",
          message: "The portal shows no copy.",
        }),
        privateMetadata: JSON.stringify({ source: null, files: [], suggested: [5] }),
      }),
    );
    return response.status;
  });

  it("counts a ticket opened anyway, and its confirmation points at the matching articles", async () => {
    expect(await openAnyway()).toBe(200);
    await eventually(() => t.slack.messages(`D${REQUESTER}`).length === 2, "confirmation and articles");
    const [, articles] = t.slack.messages(`D${REQUESTER}`);
    expect(articles!.text).toContain("While the team answers, these articles may help:");
    expect(articles!.text).toContain("*How to get a copy of your payment slip*");
    const figures = await t.service.core.knowledge.figures();
    expect(figures.totals.ticketsAfter).toBe(1);
  });

  it("an agent's [[KB-n]] becomes the article's text in the reply; an unpublished one is refused", async () => {
    // The ticket the test above opens, opened here when this test runs first.
    expect(await openAnyway()).toBe(200);
    await eventually(() => t.slack.messages(SALES).length === 1, "the root message");
    const root = t.slack.messages(SALES)[0]!;
    const send = async (text: string) => {
      const message = t.slack.userPosts(SALES, AGENT_2, text, root.ts);
      await t.event(
        payloads.threadMessage({ channel: SALES, user: AGENT_2, text, ts: message.ts, threadTs: root.ts }),
      );
    };
    await send("Veja: [[KB-5]]");
    await eventually(async () => (await t.service.core.service.detail({ kind: "system" }, "1")).ok, "ticket");
    await eventually(async () => {
      const detail = await t.service.core.service.detail({ kind: "system" }, "1");
      return detail.ok && detail.value.events.some((e) => e.body?.includes("Open Finance > Payment slips."));
    }, "the reply with the article's text");
    await send("[[KB-4]]");
    await eventually(
      () => JSON.stringify(t.slack.ephemerals()).includes("There is no published article KB-4"),
      "the refusal",
    );
  });
});
