import { channelFactories } from "./channels.js";
import { runService } from "./run-service.js";

void runService({ channels: channelFactories });
