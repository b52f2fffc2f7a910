import { z } from "zod";
import { CHANNELS } from "../../core/ticket/channel.js";

/** The socket the service's console channel listens on, in DATA_DIR's owner-only run folder. */
export const CONSOLE_SOCKET = "console.sock";

/** One JSON object per line, from the terminal to the service. */
export const clientMessage = z.discriminatedUnion("t", [
  z.object({
    t: z.literal("hello"),
    channel: z.enum(CHANNELS),
    platformUserId: z.string().min(1).max(150),
    displayName: z.string().min(1).max(200),
    locale: z.string().max(20).nullable(),
  }),
  z.object({
    t: z.literal("input"),
    id: z.string().min(1).max(100),
    input: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("text"), text: z.string().max(100_000) }),
      z.object({ kind: z.literal("choice"), id: z.string().max(500) }),
      z.object({
        kind: z.literal("command"),
        name: z.string().max(50),
        args: z.array(z.string().max(500)).max(50),
      }),
      z.object({
        kind: z.literal("files"),
        caption: z.string().max(100_000).optional(),
        files: z.array(z.object({ fileName: z.string().min(1).max(255), base64: z.string() })).max(20),
      }),
    ]),
  }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

/** From the service to the terminal: answers to a line, and notifications as they happen. */
export type ServerMessage =
  | { readonly t: "ready" }
  | { readonly t: "reply"; readonly id: string; readonly text: string }
  | { readonly t: "notice"; readonly text: string }
  | { readonly t: "error"; readonly text: string };
