import type { Command } from "./command.js";
import { cliLabels } from "./labels.js";

export const migrate: Command = {
  name: "migrate",
  summary: {
    en: "apply pending database migrations (PostgreSQL; the embedded database migrates itself on start)",
    "pt-BR": "aplicar as migrações pendentes do banco (PostgreSQL; o banco embutido se migra ao iniciar)",
  },
  usage: "migrate",
  examples: ["migrate"],
  options: {},
  async run(ctx) {
    // Opening with migrateOnStart applies pending migrations before anything else touches the schema.
    await ctx.session(
      async (core) => {
        ctx.io.out(
          ctx.json
            ? JSON.stringify({ migrated: true, database: core.database })
            : cliLabels[ctx.lang].upToDate(core.database),
        );
      },
      { migrate: true },
    );
    return 0;
  },
};
