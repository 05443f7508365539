/**
 * The console platform: digests and notices printed to a terminal (the offline demo, previews).
 */
import type { Messenger } from "../../core/messenger.js";
import { renderDigestText } from "./render-digest.js";

export interface ConsoleOutput {
  write(text: string): void;
}

export function createConsoleMessenger(out: ConsoleOutput, opts: { color?: boolean } = {}): Messenger {
  let n = 0;
  return {
    platform: "console",
    async sendDigest(to, doc, o) {
      // One "message" per digest; a resumed send that already printed it prints nothing again.
      if (o.skipParts > 0) return { ok: true, messageIds: [] };
      out.write(renderDigestText(doc, { color: opts.color ?? false }) + "\n");
      const id = `console-${++n}`;
      await o.onSent(id, { storyIds: doc.stories.map((s) => s.id), at: { chatId: to.chatId, threadId: to.threadId, messageId: id } });
      return { ok: true, messageIds: [id] };
    },
    async sendNotice(_to, text) {
      out.write(`[notice] ${text}\n`);
      return { ok: true, messageIds: [`console-${++n}`] };
    },
  };
}
