import { type Command, UsageError } from "./command.js";
import { cliLabels } from "./labels.js";
import { usageLabels } from "./usage-labels.js";

const USAGE = "web-link --as agent|admin [--slack-user U…] [--name NAME]";

/**
 * A one-time sign-in link to the web console for whoever has shell access. With --slack-user the
 * session acts as that Slack user and lasts only while Slack lists them as an agent.
 */
export const webLink: Command = {
  name: "web-link",
  summary: {
    en: "print a one-time sign-in link to the web console",
    "pt-BR": "mostrar um link de acesso ao console web, de uso único",
  },
  usage: USAGE,
  examples: ["web-link --as agent --slack-user U0123ABCD", 'web-link --as admin --name "Ana Souza"'],
  options: { as: { type: "string" }, "slack-user": { type: "string" }, name: { type: "string" } },
  async run(ctx, values) {
    const as = values.as;
    const l = usageLabels[ctx.lang];
    if (as !== "agent" && as !== "admin") throw new UsageError(l.webLinkAs);
    const slackUser = typeof values["slack-user"] === "string" ? values["slack-user"].trim() : null;
    if (slackUser !== null && !/^[UW][A-Z0-9]{2,30}$/.test(slackUser)) throw new UsageError(l.slackUser);
    const name =
      typeof values.name === "string" && values.name.trim() ? values.name.trim().slice(0, 100) : null;
    const links = ctx.settings.webLinks();
    const url = links.forAgent({
      slackUser,
      name: name ?? slackUser ?? (as === "admin" ? "Admin" : "Agent"),
      admin: as === "admin",
    });
    if (ctx.json) ctx.io.out(JSON.stringify({ url, expiresInMinutes: links.minutes }));
    else ctx.io.out(`${url}\n\n${cliLabels[ctx.lang].linkWorksOnce(links.minutes)}`);
    return 0;
  },
};
