// Erases one contact and stops dead after a step: the parent SIGKILLs this process there, the way a
// crashed instance or an operator's lost terminal leaves an erasure half done.
// argv: contactId, step to stop after. Configuration from the environment, as the CLI reads it.
import { loadConfig } from "../../../src/app/config/index.js";
import { buildCore } from "../../../src/app/container.js";
import { openSessionBackend } from "../../../src/app/conversation.js";
import { privacyDesk } from "../../../src/app/privacy.js";

const [contactId = "", stopAfter = "scrubbed"] = process.argv.slice(2);
const config = loadConfig(process.env);
const core = await buildCore(config, { serveEmbedded: false });
const backend = await openSessionBackend(config);
const desk = privacyDesk(core, backend.turns);
if (!desk) throw new Error("no personal data store");
await desk.eraseContact(
  contactId,
  { actor: { kind: "operator", id: "cli:dpo", name: "dpo" }, door: "cli" },
  async (step) => {
    if (step !== stopAfter) return;
    process.stdout.write(`stopped after ${step}\n`);
    // Holds everything open until the parent kills the process.
    await new Promise(() => setInterval(() => {}, 60_000));
  },
);
process.stdout.write("finished\n");
process.exit(0);
