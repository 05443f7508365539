/**
 * Replies (`message_reference` on message create), as Discord checks them: the referenced message
 * must be in the channel posted to (a reply cannot point at another channel), and must exist unless
 * `fail_if_not_exists` is false, in which case the message is sent as a plain message. The created
 * message is a REPLY (type 19) carrying `message_reference` and `referenced_message`.
 */
import { FormErrors } from "./api-error.js";
import type { FakeChannel, Json } from "./model.js";
import type { FakeDiscordState } from "./state.js";

const REPLY_TYPE = 19;

/** Extra fields for the created message (empty when there is no reference); throws 50035 like Discord. */
export function resolveReference(state: FakeDiscordState, ch: FakeChannel, body: Json): Json {
  const ref = body.message_reference;
  if (ref === undefined || ref === null) return {};
  const errs = new FormErrors();
  if (typeof ref !== "object" || typeof (ref as Json).message_id !== "string") {
    errs.add(["message_reference", "message_id"], "BASE_TYPE_REQUIRED", "This field is required");
    errs.throwIfAny();
  }
  const r = ref as Json;
  if (r.channel_id !== undefined && r.channel_id !== ch.id) {
    errs.add(["message_reference"], "REPLIES_CANNOT_REFERENCE_OTHER_CHANNEL", "Cannot reply to a message in a different channel");
    errs.throwIfAny();
  }
  const target = (state.messages.get(ch.id) ?? []).find((m) => m.id === r.message_id);
  if (!target) {
    if (r.fail_if_not_exists === false) return {};
    errs.add(["message_reference"], "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message");
    errs.throwIfAny();
  }
  return {
    type: REPLY_TYPE,
    message_reference: { type: 0, message_id: r.message_id, channel_id: ch.id, ...(ch.guildId ? { guild_id: ch.guildId } : {}) },
    referenced_message: target,
  };
}
