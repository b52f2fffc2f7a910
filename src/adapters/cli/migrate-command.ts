import type { Command } from "./command.js";

export const migrate: Command = {
  name: "migrate",
  summary: "apply pending database migrations (PostgreSQL; the embedded database migrates itself on start)",
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
            : `database is up to date (${core.database})`,
        );
      },
      { migrate: true },
    );
    return 0;
  },
};
