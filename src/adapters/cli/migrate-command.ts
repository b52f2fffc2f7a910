import type { Command } from "./command.js";
import { withCore } from "./core-session.js";

export const migrate: Command = {
  name: "migrate",
  summary: "apply pending database migrations (PostgreSQL; the embedded database migrates itself on start)",
  usage: "migrate",
  options: {},
  async run(ctx) {
    // Opening with migrateOnStart applies pending migrations before anything else touches the schema.
    await withCore({ ...ctx, config: { ...ctx.config, DATABASE_MIGRATE_ON_START: true } }, async (core) => {
      ctx.io.out(
        ctx.json
          ? JSON.stringify({ migrated: true, database: core.db.kind })
          : `database is up to date (${core.db.kind})`,
      );
    });
    return 0;
  },
};
