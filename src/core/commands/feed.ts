/**
 * A community's own feeds: `feed add|remove|rename|list|test`. Every URL goes through `deps.feeds.check`,
 * which fetches it through the SSRF guard; a web page that links a feed is followed once.
 */
import { z } from "zod";
import { ConflictError } from "../errors.js";
import type { FeedCheck } from "../services.js";
import type { Feed, FeedScope } from "../types.js";
import { arg, defineCommand } from "./define-command.js";
import { looseSchema, urlSchema } from "./arg-schemas.js";
import type { CommandDeps } from "./context.js";
import { fail, quote } from "./fail.js";
import { plural } from "./plural.js";
import { reply, type ReplyListItem } from "./reply.js";
import { ensureCommunity, requireCommunity } from "./resolve-destination.js";

const MAX_COMMUNITY_FEEDS = 100;
const CONFIRM_REMOVE = "confirm feed-remove";
/** A feed id (short hex, or a uuid) as autocomplete sends it; never a typed address. */
const FEED_ID = /^[0-9a-f-]{10,36}$/i;

/** Check a URL; when it is a page that links a feed, check that feed instead (once, never a chain). */
export async function checkFeed(deps: CommandDeps, url: string): Promise<FeedCheck> {
  const first = await deps.feeds.check(url);
  if (first.ok || !first.suggestedUrl) return first;
  return deps.feeds.check(first.suggestedUrl);
}

function refused(c: Extract<FeedCheck, { ok: false }>): never {
  return fail(`That is not a feed we can read: ${c.reason}`, c.code);
}

export const feedAdd = defineCommand({
  name: "feed add",
  description: "Add an RSS/Atom feed to this community's digests",
  audience: "moderator",
  where: "community",
  args: { url: arg.string({ description: "Feed or web page address", schema: urlSchema }) },
  async run({ args, place }, deps) {
    const communityId = await ensureCommunity(deps, place);
    const scope: FeedScope = { kind: "community", communityId };
    const c = await checkFeed(deps, args.url);
    if (!c.ok) refused(c);
    if (await deps.store.feeds.findByUrl(c.url, { kind: "global" })) return reply.text("That feed is already part of every digest here.");
    if (await deps.store.feeds.findByUrl(c.url, scope)) return reply.text("This community already has that feed.");
    const own = await deps.store.feeds.list({ scope, includeDisabled: true });
    if (own.length >= MAX_COMMUNITY_FEEDS) fail(`This community has ${plural(own.length, "feed")}, the most allowed; remove one first.`);
    try {
      const feed = await deps.store.feeds.add({ url: c.url, scope, title: c.title }, deps.now());
      const name = quote(feed.title ?? feed.url, 100);
      return reply.text(`Added ${name} (${plural(c.items.length, "recent item")}). Its stories join this community's digests.`);
    } catch (err) {
      if (err instanceof ConflictError) return reply.text("This community already has that feed.");
      throw err;
    }
  },
});

/** A community feed by id, address or title; global feeds and other communities' feeds are "not found". */
async function findOwnFeed(deps: CommandDeps, communityId: string, input: string): Promise<Feed | null> {
  const scope: FeedScope = { kind: "community", communityId };
  const own = (f: Feed | null) => (f && f.scope.kind === "community" && f.scope.communityId === communityId ? f : null);
  const byId = own(await deps.store.feeds.get(input.trim()).catch(() => null));
  if (byId) return byId;
  const normal = urlSchema.safeParse(input);
  const byUrl = await deps.store.feeds.findByUrl(input.trim(), scope);
  if (byUrl) return own(byUrl);
  const byNormalUrl = normal.success ? own(await deps.store.feeds.findByUrl(normal.data, scope)) : null;
  if (byNormalUrl) return byNormalUrl;
  // The title /feed list shows; two feeds with one title cannot be told apart by it.
  const title = input.trim().toLowerCase();
  const all = await deps.store.feeds.list({ scope, includeDisabled: true });
  const titled = all.filter((f) => f.title !== null && f.title.trim().toLowerCase() === title);
  if (titled.length > 1) fail(`${titled.length} feeds are called '${quote(input)}': name the one you mean by its address (see /feed list).`);
  return own(titled[0] ?? null);
}

export const feedRemove = defineCommand({
  name: "feed remove",
  description: "Remove one of this community's feeds",
  audience: "moderator",
  where: "community",
  args: { feed: arg.string({ description: "Feed (pick from the list) or its address", schema: looseSchema, autocomplete: "feed" }) },
  async run({ args, place }, deps) {
    const communityId = requireCommunity(place);
    // A stale autocomplete pick arrives as the feed's internal id: never echo that back.
    const what = FEED_ID.test(args.feed.trim()) ? "No such feed" : `No feed '${quote(args.feed)}'`;
    const f = (await findOwnFeed(deps, communityId, args.feed)) ?? fail(`${what} in this community. See /feed list.`, "not-found");
    return reply.blocks([{ kind: "text", text: `Remove ${quote(f.title ?? f.url, 100)} from this community's feeds?` }], {
      choices: [[{ label: "Remove feed", command: CONFIRM_REMOVE, args: { id: f.id }, style: "danger" }]],
    });
  },
});

export const confirmFeedRemove = defineCommand({
  name: CONFIRM_REMOVE,
  description: "Remove a feed (confirmation)",
  audience: "moderator",
  where: "community",
  hidden: true,
  args: { id: arg.string({ description: "Feed id", schema: looseSchema }) },
  async run({ args, place }, deps) {
    const communityId = requireCommunity(place);
    const f = await deps.store.feeds.get(args.id).catch(() => null);
    if (!f || f.scope.kind !== "community" || f.scope.communityId !== communityId) fail("That feed is not in this community (already removed?).", "not-found");
    await deps.store.feeds.remove(f.id);
    return reply.text(`Removed ${quote(f.title ?? f.url, 100)}.`);
  },
});

/** Longest outlet name a rename accepts: digests show it on every story's source and coverage line. */
const MAX_FEED_NAME = 40;
const feedNameSchema = z
  .string()
  // Control characters and bidi overrides never become part of a name.
  // eslint-disable-next-line no-control-regex
  .transform((s) => s.replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, " ").replace(/\s+/g, " ").trim())
  .pipe(z.string().min(1, "give the new name").max(MAX_FEED_NAME, `too long (at most ${MAX_FEED_NAME} characters)`));

export const feedRename = defineCommand({
  name: "feed rename",
  description: "Rename one of this community's feeds as digests show it (e.g. 'The Verge')",
  audience: "moderator",
  where: "community",
  args: {
    feed: arg.string({ description: "Feed (pick from the list) or its address", schema: looseSchema, autocomplete: "feed" }),
    name: arg.string({ description: "The outlet's short name", schema: feedNameSchema }),
  },
  async run({ args, place }, deps) {
    const communityId = requireCommunity(place);
    const what = FEED_ID.test(args.feed.trim()) ? "No such feed" : `No feed '${quote(args.feed)}'`;
    const f = (await findOwnFeed(deps, communityId, args.feed)) ?? fail(`${what} in this community. See /feed list.`, "not-found");
    await deps.store.feeds.update(f.id, { title: args.name });
    return reply.text(`Renamed ${quote(f.title ?? f.url, 100)} to ${quote(args.name, 100)}. New stories from it show the new name.`);
  },
});

export function feedHealthText(f: Feed): string {
  const h = f.health;
  if (h.disabledAt) return `disabled: ${h.disabledReason ?? h.lastError ?? "too many failures"}`;
  if (h.consecutiveFailures > 0) return `failing (${h.consecutiveFailures}×): ${h.lastError ?? "unknown error"}`;
  if (!h.lastSuccessAt) return "not fetched yet";
  // A healthy poll may still carry a warning (truncated document, every entry skipped …).
  if (h.lastErrorKind === "warning" && h.lastError) return `ok, but: ${h.lastError}`;
  return "ok";
}

const MAX_LISTED = 50;

export const feedList = defineCommand({
  name: "feed list",
  readOnly: true,
  description: "List the feeds this community's digests draw from",
  audience: "moderator",
  where: "community",
  args: {},
  async run({ place }, deps) {
    const communityId = requireCommunity(place);
    const feeds = await deps.store.feeds.list({ visibleTo: communityId, includeDisabled: true });
    const own = feeds.filter((f) => f.scope.kind === "community");
    const global = feeds.length - own.length;
    const items: ReplyListItem[] = own.slice(0, MAX_LISTED).map((f) => ({
      text: quote(f.title ?? f.url, 100),
      url: f.url,
      detail: feedHealthText(f),
    }));
    const more = own.length > MAX_LISTED ? ` (${own.length - MAX_LISTED} more not shown)` : "";
    return reply.blocks([
      { kind: "text", text: "This community's feeds", style: "heading" },
      items.length > 0 ? { kind: "list", items } : { kind: "text", text: "None yet: add one with /feed add <url>." },
      { kind: "text", text: `Plus ${plural(global, "feed")} shared by the whole instance.${more}`, style: "muted" },
    ]);
  },
});

export const feedTest = defineCommand({
  name: "feed test",
  readOnly: true,
  description: "Fetch a feed once and show what it holds, without adding it",
  audience: "moderator",
  where: "community",
  args: { url: arg.string({ description: "Feed or web page address", schema: urlSchema }) },
  async run({ args }, deps) {
    const c = await checkFeed(deps, args.url);
    if (!c.ok) refused(c);
    const items = c.items.slice(0, 5).map((i) => ({ text: quote(i.title, 150), url: i.url, detail: i.publishedAt.toISOString().slice(0, 10) }));
    return reply.blocks([
      { kind: "text", text: `${quote(c.title ?? c.url, 100)}: a readable feed with ${plural(c.items.length, "item")}.`, style: "heading" },
      ...(items.length > 0 ? [{ kind: "list" as const, items }] : []),
      { kind: "text", text: `Add it with /feed add ${c.url}`, style: "muted" },
    ]);
  },
});
