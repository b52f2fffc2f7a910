import { startBareHttpServer } from "./bare-http.js";

// Announced the way the service announces itself, so the bench starts both the same way.
const server = await startBareHttpServer();
process.stdout.write(`${JSON.stringify({ msg: "service started", url: server.url })}\n`);
