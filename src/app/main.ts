import { loadEnvFile } from "./env-file.js";
import { runService } from "./run-service.js";

loadEnvFile();
void runService({});
