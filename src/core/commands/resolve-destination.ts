/**
 * Where a command's settings live.
 *
 * - A member's personal follows are a "dm" destination whose chat id is the member's user id, wherever
 *   the command runs: on Telegram the private chat id equals the user id; on Discord a DM channel has
 *   its own id, so keying by it would split one member into two destinations (one from a server, one
 *   from the DM) — the Discord messenger opens the DM channel from the user id instead.
 * - A channel's digest is a "channel" destination owned by the community the moderator runs the
 *   command in (`place.communityId`). A destination owned by another community is reported as not
 *   found, never touched: a moderator may only configure their own community.
 */
import type { Destination } from "../types.js";
import type { Actor, CommandDeps, Place, ResolvedTarget } from "./context.js";
import { fail } from "./fail.js";

export function dmChatId(actor: Actor, _place?: Place): string {
  return actor.userId;
}

export async function findDm(deps: Pick<CommandDeps, "store">, actor: Actor, place: Place): Promise<Destination | null> {
  const d = await deps.store.destinations.find(actor.platform, dmChatId(actor, place), null);
  return d && d.kind === "dm" ? d : null;
}

/** The member's DM destination, created with the instance defaults (an existing one keeps its time). */
export async function ensureDm(deps: CommandDeps, actor: Actor, place: Place): Promise<Destination> {
  const existing = await deps.store.destinations.find(actor.platform, dmChatId(actor, place), null);
  if (existing?.kind === "dm") return existing;
  // A Telegram anonymous admin "is" the group: its id would land on the group's own digest.
  if (existing || (!place.isPrivate && actor.userId === place.chatId)) fail("A personal digest needs a personal account: send this as yourself, not anonymously.");
  return deps.store.destinations.upsert(
    {
      platform: actor.platform,
      chatId: dmChatId(actor, place),
      kind: "dm",
      userId: actor.userId,
      timeOfDay: deps.defaults.timeOfDay,
      timeZone: deps.defaults.timeZone,
      maxStories: deps.defaults.maxStories,
    },
    deps.now(),
  );
}

export function requireCommunity(place: Place): string {
  return place.communityId ?? fail("This works in a server or group, not in a private chat.");
}

/** Make sure the community row exists (name kept up to date) and return its id. */
export async function ensureCommunity(deps: CommandDeps, place: Place): Promise<string> {
  const id = requireCommunity(place);
  const existing = await deps.store.communities.get(id);
  const sep = id.indexOf(":");
  await deps.store.communities.upsert(
    {
      id,
      platform: place.platform,
      externalId: sep >= 0 ? id.slice(sep + 1) : id,
      name: place.communityName ?? existing?.name ?? null,
      noticeDestinationId: existing?.noticeDestinationId ?? null,
    },
    deps.now(),
  );
  return id;
}

const NOT_FOUND = "No digest is set up for that channel here.";

function owned(d: Destination | null, communityId: string): Destination | null {
  return d && d.kind === "channel" && d.communityId === communityId ? d : null;
}

/** The target channel's destination if this community owns one; one owned elsewhere counts as none. */
export async function findChannelDestination(deps: CommandDeps, place: Place, target: ResolvedTarget): Promise<Destination | null> {
  const communityId = requireCommunity(place);
  const d = await deps.store.destinations.find(place.platform, target.chatId, target.threadId);
  if (d && !owned(d, communityId)) fail(NOT_FOUND, "not-found");
  return owned(d, communityId);
}

export async function requireChannelDestination(deps: CommandDeps, place: Place, target: ResolvedTarget): Promise<Destination> {
  return (
    (await findChannelDestination(deps, place, target)) ??
    fail(`No digest is set up for ${targetLabel(target, place)} yet. A moderator can start one with /channel set.`, "not-found")
  );
}

/** A destination named by id (a button), checked to belong to this community. */
export async function channelDestinationById(deps: CommandDeps, place: Place, id: string): Promise<Destination> {
  const communityId = requireCommunity(place);
  return owned(await deps.store.destinations.get(id), communityId) ?? fail(NOT_FOUND, "not-found");
}

/** The channel's destination, created with the defaults when missing (an existing one is left as it is). */
export async function ensureChannelDestination(
  deps: CommandDeps,
  place: Place,
  target: ResolvedTarget,
): Promise<{ destination: Destination; created: boolean }> {
  const existing = await findChannelDestination(deps, place, target);
  if (existing) return { destination: existing, created: false };
  return upsertChannelDestination(deps, place, target);
}

/** Create the channel's destination (defaults, or the given time/zone), or update the existing one. */
export async function upsertChannelDestination(
  deps: CommandDeps,
  place: Place,
  target: ResolvedTarget,
  opts: { timeOfDay?: string; timeZone?: string } = {},
): Promise<{ destination: Destination; created: boolean }> {
  const communityId = await ensureCommunity(deps, place);
  const existing = await findChannelDestination(deps, place, target);
  const destination = await deps.store.destinations.upsert(
    {
      platform: place.platform,
      chatId: target.chatId,
      threadId: target.threadId,
      kind: "channel",
      communityId,
      ...(target.name ? { name: target.name } : {}),
      timeOfDay: opts.timeOfDay ?? existing?.timeOfDay ?? deps.defaults.timeOfDay,
      timeZone: opts.timeZone ?? existing?.timeZone ?? deps.defaults.timeZone,
      ...(existing ? {} : { maxStories: deps.defaults.maxStories }),
    },
    deps.now(),
  );
  return { destination, created: !existing };
}

/** Where the command runs, as far as naming goes: "this chat" and the community's own chat name. */
export type LabelPlace = Pick<Place, "platform" | "chatId" | "threadId" | "communityId" | "communityName">;

/**
 * How to name a channel in a reply: its name when the adapter gave one; "this chat/topic" when it is
 * where the command runs; else "topic 10 of AI Fans". A bare chat id is the last resort: it means
 * nothing to a moderator (and on Telegram is a negative number).
 */
export function targetLabel(t: { chatId: string; threadId: string | null; name?: string | null }, here?: LabelPlace): string {
  if (t.name) return t.name;
  const words = here?.platform === "discord" ? { chat: "channel", thread: "thread" } : { chat: "chat", thread: "topic" };
  if (here && here.chatId === t.chatId && here.threadId === t.threadId) return `this ${t.threadId ? words.thread : words.chat}`;
  if (!t.threadId) return `${words.chat} ${t.chatId}`;
  const chat =
    here && here.chatId === t.chatId && here.threadId !== null
      ? `this ${words.chat}`
      : here?.communityName && here.communityId === `${here.platform}:${t.chatId}`
        ? here.communityName
        : `${words.chat} ${t.chatId}`;
  return `${words.thread} ${t.threadId} of ${chat}`;
}

/** `targetLabel` to start a sentence: a generated label is capitalised, a platform name kept as it is. */
export function targetLabelStart(t: { chatId: string; threadId: string | null; name?: string | null }, here?: LabelPlace): string {
  const label = targetLabel(t, here);
  return t.name ? label : label.charAt(0).toUpperCase() + label.slice(1);
}

/** Label of a stored destination, using the target's name when it is the same chat. */
export function destinationLabel(d: Destination, target?: ResolvedTarget, here?: LabelPlace): string {
  if (target && target.chatId === d.chatId && target.threadId === d.threadId && target.name) return target.name;
  return targetLabel({ chatId: d.chatId, threadId: d.threadId, name: d.name ?? null }, here);
}
