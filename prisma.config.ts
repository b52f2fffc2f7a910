import { defineConfig } from "prisma/config";

// Read by the Prisma CLI only. The app migrates itself (src/adapters/storage/prisma/migrations.ts)
// from the same folder, so `prisma migrate deploy` and the app agree on what is applied.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Optional so that `prisma generate` (postinstall) works without a database; migrate commands need it.
  datasource: { url: process.env.DATABASE_URL },
});
