import { join } from "node:path";
import { PROJECT_ROOT } from "../adapters/project-root.js";

/** Where `npm run web:build` leaves the console's front end (web/dist at the repository's root). */
export const WEB_DIST_DIR = join(PROJECT_ROOT, "web", "dist");
