import { fileURLToPath } from "node:url";

/** Where `npm run web:build` leaves the console's front end (web/dist at the repository's root). */
export const WEB_DIST_DIR = fileURLToPath(new URL("../../web/dist", import.meta.url));
