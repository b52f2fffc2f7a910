import type { IncomingContent, IncomingMessage } from "../inbound.js";
import { fileNameFor, MediaTooLargeError } from "../media-rules.js";
import type { GraphApi } from "./graph-api.js";
import type { CloudMessage } from "./parse.js";

const contentOf = (message: CloudMessage, graph: GraphApi, maxBytes: number): IncomingContent => {
  const { content } = message;
  if (content.kind !== "media") return content;
  return {
    kind: "media",
    media: {
      fileName: fileNameFor(content.fileName, content.mediaKind, message.id, content.mimeType),
      mimeType: content.mimeType,
      // The webhook does not carry the size; the media lookup below does, before any byte is fetched.
      declaredSize: null,
      async download(signal) {
        const info = await graph.mediaInfo(content.mediaId, signal);
        if (info.fileSize !== null && info.fileSize > maxBytes)
          throw new MediaTooLargeError(`${info.fileSize} bytes announced`);
        return graph.download(info.url, maxBytes, signal);
      },
    },
    ...(content.caption ? { caption: content.caption } : {}),
  };
};

/** A Cloud API message as the channel's inbound model; the sender's wa_id is the contact key. */
export const incomingOfCloud = (
  message: CloudMessage,
  graph: GraphApi,
  maxBytes: number,
): IncomingMessage => ({
  messageId: message.id,
  contactKey: message.from,
  displayName: message.name,
  sentAt: message.sentAt,
  content: contentOf(message, graph, maxBytes),
});
