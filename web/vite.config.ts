import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));
/** The running service the dev server forwards the console's API and sign-in to (`npm run web:dev`). */
const service = process.env.CHAMADO_URL ?? "http://localhost:3000";

/** Served by the service under /app/; no dev server or CDN is needed at run time. */
export default defineConfig({
  root,
  base: "/app/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
  },
  oxc: { jsx: { runtime: "automatic" } },
  server: { proxy: { "/app/api": service, "/app/login": service } },
});
