import type { ChainableCommander } from "ioredis";

/** Runs a MULTI and surfaces the first command error, which ioredis otherwise leaves in the result array. */
export const execAll = async (multi: ChainableCommander): Promise<void> => {
  const results = await multi.exec();
  if (results === null) throw new Error("redis transaction was aborted");
  const failed = results.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
};
