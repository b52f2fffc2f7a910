import { runService } from "./run-service.js";

void runService({});
