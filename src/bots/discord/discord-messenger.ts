/**
 * Delivers digests and notices over Discord's REST API: into a channel, a thread, a forum (one new
 * post per digest) or a member's DM. Every message carries `allowed_mentions: { parse: [] }` and a
 * nonce derived from the delivery key, so a retried part is not posted twice. A thread Discord has
 * auto-archived is reopened (unless locked) and the send retried once.
 */
import { BoundedCache } from "../../core/bounded-cache.js";
import { ChannelType, escapeMarkdown, Routes, type Client } from "discord.js";
import type { Logger } from "../../core/logger.js";
import type { Messenger, SendDigestOptions, SendResult } from "../../core/messenger.js";
import type { Destination, DigestDoc, MessageRef } from "../../core/types.js";
import { classifySendError, discordErrorCode, isUnreachable } from "./classify-send-error.js";
import { deliveryNonce } from "./delivery-nonce.js";
import { messageLink, renderDigestParts, type DiscordDigestPart } from "./digest-parts.js";
import type { DiscordMessageBody } from "./render-digest.js";
import type { SendPacer } from "./send-pacer.js";
import { createThreadRevival, THREAD_ARCHIVED_CODE } from "./thread-revival.js";
import { EmbedLimits, truncate } from "./text-limits.js";

export const NO_MENTIONS = { parse: [] as string[] };

export interface DiscordMessengerOptions {
  client: Client;
  logger: Logger;
  /** Paces our own REST calls under the global cap; discord.js still handles 429s and buckets. */
  pacer: SendPacer;
  /**
   * A notice found the chat gone (deliveries report it through their SendResult instead). With a
   * threadId only that thread is gone, not the channel it hangs off.
   */
  onUnreachable?: (chatId: string, reason: string, threadId?: string) => Promise<void>;
}

interface RawMessage {
  id: string;
}
interface RawChannel {
  id: string;
  type: number;
  parent_id?: string | null;
  owner_id?: string | null;
  name?: string;
  thread_metadata?: { archived?: boolean; locked?: boolean };
}

/** Where an update goes: a channel, replying to a message there, or with a link to one elsewhere. */
interface UpdateTarget {
  channelId: string;
  reference?: { message_id: string; channel_id: string; fail_if_not_exists: false };
  link?: string;
}

/** Where a destination's messages go. */
type Route = { kind: "channel"; channelId: string } | { kind: "forum"; forumId: string };

export function createDiscordMessenger(opts: DiscordMessengerOptions): Messenger {
  const { client, pacer } = opts;
  // Bounded: one entry per destination reached, and members can create DM destinations at will.
  const dmChannels = new BoundedCache<string, string>(20_000);
  const channelTypes = new BoundedCache<string, number>(20_000);

  const call = async <T>(fn: () => Promise<unknown>): Promise<T> => (await pacer.schedule(fn)) as T;
  const threads = createThreadRevival({ client, call });

  /**
   * Sends into a destination; in a thread found archived (known from the gateway, or refused with 50083),
   * reopens it once per delivery and retries. Failing to reopen throws the reason to show moderators.
   */
  function sender(to: Destination) {
    const threadId = to.kind === "dm" ? null : to.threadId;
    let reopened = false;
    const reopen = async (id: string) => {
      reopened = true;
      if (await threads.reopen(id)) opts.logger.info({ destinationId: to.id, threadId: id }, "reopened an archived discord thread");
    };
    return async <T>(send: () => Promise<T>): Promise<T> => {
      if (!threadId) return send();
      if (!reopened && threads.knownArchived(threadId)) await reopen(threadId);
      try {
        return await send();
      } catch (err) {
        if (reopened || discordErrorCode(err) !== THREAD_ARCHIVED_CODE) throw err;
        await reopen(threadId);
        return send();
      }
    };
  }

  async function channelType(id: string): Promise<number> {
    const cached = client.channels.cache.get(id)?.type ?? channelTypes.get(id);
    if (cached !== undefined) return cached;
    const ch = await call<RawChannel>(() => client.rest.get(Routes.channel(id)));
    channelTypes.set(id, ch.type);
    return ch.type;
  }

  async function dmChannel(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const ch = await call<RawChannel>(() => client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } }));
    dmChannels.set(userId, ch.id);
    return ch.id;
  }

  async function routeOf(to: Destination): Promise<Route> {
    if (to.kind === "dm") return { kind: "channel", channelId: await dmChannel(to.userId ?? to.chatId) };
    const id = to.threadId ?? to.chatId;
    const type = await channelType(id);
    return type === ChannelType.GuildForum ? { kind: "forum", forumId: id } : { kind: "channel", channelId: id };
  }

  function postMessage(channelId: string, body: DiscordMessageBody, nonce?: string, reference?: UpdateTarget["reference"]): Promise<RawMessage> {
    const payload = {
      ...body,
      allowed_mentions: NO_MENTIONS,
      ...(nonce ? { nonce, enforce_nonce: true } : {}),
      // fail_if_not_exists false: an original deleted since is no reason to lose the update.
      ...(reference ? { message_reference: reference } : {}),
    };
    return call<RawMessage>(() => client.rest.post(Routes.channelMessages(channelId), { body: payload }));
  }

  /** A resumed forum delivery continues in the post it started, found by title among the bot's threads. */
  function existingPost(forumId: string, title: string): string | undefined {
    const me = client.user?.id;
    const found = client.channels.cache.find(
      (c) => c.isThread() && c.parentId === forumId && c.name === title && (me === undefined || c.ownerId === me),
    );
    return found?.id;
  }

  async function createPost(forumId: string, title: string, first: DiscordMessageBody): Promise<string> {
    const body = { name: title, message: { ...first, allowed_mentions: NO_MENTIONS } };
    const thread = await call<RawChannel>(() => client.rest.post(Routes.threads(forumId), { body }));
    channelTypes.set(thread.id, thread.type);
    return thread.id;
  }

  /** A forum post (thread) still open for replies: not archived, not locked, not gone. */
  async function openPost(threadId: string): Promise<boolean> {
    try {
      const ch = await call<RawChannel>(() => client.rest.get(Routes.channel(threadId)));
      return !ch.thread_metadata?.archived && !ch.thread_metadata?.locked;
    } catch {
      return false;
    }
  }

  /**
   * Where an update goes. In a channel, thread or DM: a reply to the original when it is in the same
   * channel. In a forum: a reply in the original digest's post while that post is open, else in
   * today's post with a link. Anywhere else (the original is elsewhere): today's channel, with a link.
   */
  async function updateTarget(to: Destination, route: Route, channelId: string, ref: MessageRef | undefined): Promise<UpdateTarget> {
    if (!ref) return { channelId };
    const reply = (id: string): UpdateTarget => ({
      channelId: id,
      reference: { message_id: ref.messageId, channel_id: id, fail_if_not_exists: false },
    });
    if (ref.chatId === channelId) return reply(channelId);
    if (route.kind === "forum" && (await openPost(ref.chatId))) return reply(ref.chatId);
    const guildId = to.kind === "dm" ? null : (to.communityId?.replace(/^discord:/, "") ?? null);
    const link = messageLink(guildId, ref);
    return { channelId, ...(link ? { link } : {}) };
  }

  function withLink(part: DiscordDigestPart, link: string | undefined): DiscordMessageBody {
    if (!link) return part.body;
    return {
      ...part.body,
      embeds: part.body.embeds.map((e, i) =>
        i === 0 ? { ...e, fields: [...(e.fields ?? []), { name: "Original post", value: `[Jump to the earlier digest](${link})`, inline: false }].slice(0, 25) } : e,
      ),
    };
  }

  return {
    platform: "discord",

    async sendDigest(to: Destination, doc: DigestDoc, o: SendDigestOptions): Promise<SendResult> {
      const parts = renderDigestParts(doc);
      const messageIds: string[] = [];
      const send = sender(to);
      try {
        const route = await routeOf(to);
        let channelId: string;
        let next = o.skipParts;
        if (route.kind === "forum") {
          const title = truncate(doc.title, 100);
          const resumed = next > 0 ? existingPost(route.forumId, title) : undefined;
          if (resumed) channelId = resumed;
          else {
            const first = parts[next];
            if (!first) return { ok: true, messageIds };
            // A forum post's starter message has the thread's id.
            channelId = await createPost(route.forumId, title, first.body);
            messageIds.push(channelId);
            await o.onSent(channelId, { storyIds: first.storyIds, at: { chatId: channelId, threadId: null, messageId: channelId } });
            next += 1;
          }
        } else {
          channelId = route.channelId;
        }
        for (let i = next; i < parts.length; i++) {
          const part = parts[i];
          if (!part) continue;
          const target = part.update ? await updateTarget(to, route, channelId, part.update.replyTo) : { channelId };
          const body = withLink(part, target.link);
          const post = () => postMessage(target.channelId, body, deliveryNonce(o.key, i), target.reference);
          // An update replying in an older forum post goes there directly (it was checked open).
          const msg = target.channelId === channelId ? await send(post) : await post();
          messageIds.push(msg.id);
          await o.onSent(msg.id, { storyIds: part.storyIds, at: { chatId: target.channelId, threadId: null, messageId: msg.id } });
        }
        return { ok: true, messageIds };
      } catch (err) {
        const failure = classifySendError(err, messageIds);
        opts.logger.warn({ destinationId: to.id, kind: failure.kind, reason: failure.reason }, "discord digest send failed");
        return failure;
      }
    },

    async sendNotice(to: Destination, text: string): Promise<SendResult> {
      try {
        const route = await routeOf(to);
        const content = truncate(escapeMarkdown(text), EmbedLimits.content);
        const body = { content, embeds: [] };
        const id =
          route.kind === "forum"
            ? await createPost(route.forumId, truncate(text.split("\n")[0] ?? "newsdesk", 100) || "newsdesk", body)
            : (await sender(to)(() => postMessage(route.channelId, body))).id;
        return { ok: true, messageIds: [id] };
      } catch (err) {
        const failure = classifySendError(err, []);
        if (isUnreachable(err) && to.kind === "channel") {
          await opts.onUnreachable?.(to.chatId, failure.reason, to.threadId ?? undefined).catch((e: unknown) => {
            opts.logger.error({ err: String(e), destinationId: to.id }, "could not record an unreachable chat");
          });
        }
        return failure;
      }
    },
  };
}
