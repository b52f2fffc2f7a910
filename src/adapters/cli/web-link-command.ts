import { type Command, UsageError } from "./command.js";

const USAGE = "web-link --as agent|admin [--slack-user U…] [--name NAME]";

/**
 * A one-time sign-in link to the web console for whoever has shell access. With --slack-user the
 * session acts as that Slack user and lasts only while Slack lists them as an agent.
 */
export const webLink: Command = {
  name: "web-link",
  summary: "print a one-time sign-in link to the web console",
  usage: USAGE,
  examples: ["web-link --as agent --slack-user U0123ABCD", 'web-link --as admin --name "Ana Souza"'],
  options: { as: { type: "string" }, "slack-user": { type: "string" }, name: { type: "string" } },
  async run(ctx, values) {
    const as = values.as;
    if (as !== "agent" && as !== "admin") throw new UsageError("--as must be agent or admin");
    const slackUser = typeof values["slack-user"] === "string" ? values["slack-user"].trim() : null;
    if (slackUser !== null && !/^[UW][A-Z0-9]{2,30}$/.test(slackUser))
      throw new UsageError("--slack-user expects a Slack user id like U0123ABCD");
    const name =
      typeof values.name === "string" && values.name.trim() ? values.name.trim().slice(0, 100) : null;
    const links = ctx.settings.webLinks();
    const url = links.forAgent({
      slackUser,
      name: name ?? slackUser ?? (as === "admin" ? "Admin" : "Agent"),
      admin: as === "admin",
    });
    if (ctx.json) ctx.io.out(JSON.stringify({ url, expiresInMinutes: links.minutes }));
    else ctx.io.out(`${url}\n\n(works once, for ${links.minutes} minutes)`);
    return 0;
  },
};
