/**
 * A community's own topics: `topic create <name> <keywords>` and `topic delete <topic>`. Keywords are
 * plain words or phrases (no regular expressions). Ids are namespaced to the community
 * ("c.<hash>.<slug>") so they never clash with built-ins ("openai") or another community's topic,
 * and stay short enough for a Telegram button (callback data ≤ 64 bytes).
 */
import { cutText } from "../cut-text.js";
import { z } from "zod";
import { arg, defineCommand } from "./define-command.js";
import { isMatchable, looseSchema, unmatchableMessage } from "./arg-schemas.js";
import { fail, quote } from "./fail.js";
import { plainText } from "./plain-text.js";
import { plural } from "./plural.js";
import { reply } from "./reply.js";
import { ensureCommunity, requireCommunity } from "./resolve-destination.js";
import { findTopic, resolveTopic } from "./resolve-topic.js";

const MAX_CUSTOM_TOPICS = 50;
const CONFIRM_DELETE = "confirm topic-delete";

/** FNV-1a: a short, stable tag for a community id (no crypto needed; clashes are checked on create). */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 24)
    .replace(/-+$/g, "");
}

export function customTopicId(communityId: string, name: string): string {
  const slug = slugify(name) || shortHash(name);
  return `c.${shortHash(communityId)}.${slug}`;
}

export const topicNameSchema = z
  .string()
  .overwrite(plainText)
  .trim()
  .min(2, "a topic name needs at least 2 characters")
  .max(40, "a topic name has at most 40 characters")
  .refine((n) => !n.includes(","), "a topic name cannot contain commas")
  .transform((n) => n.replace(/\s+/g, " "));

// Regex syntax is refused outright so nobody believes it works.
const REGEX_CHARS = /[\\^$*?()[\]{}|]/;

export const keywordsSchema = z
  .string()
  .max(2000, "too long (at most 2000 characters)")
  .overwrite(plainText)
  .transform((raw, ctx) => {
    const words = [...new Set(raw.split(",").map((w) => w.trim().replace(/\s+/g, " ")).filter((w) => w.length > 0))];
    const unmatchable = words.find((w) => !isMatchable(w));
    const problem =
      words.length === 0
        ? "give at least one keyword, separated by commas"
        : words.length > 30
          ? "at most 30 keywords"
          : words.some((w) => w.length > 60)
            ? "each keyword has at most 60 characters"
            : words.some((w) => REGEX_CHARS.test(w))
              ? "keywords are plain words or phrases, not regular expressions"
              : unmatchable !== undefined
                ? unmatchableMessage(unmatchable)
                : null;
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return words;
  });

export const topicCreate = defineCommand({
  name: "topic create",
  description: "Create a topic for this community from keywords",
  audience: "moderator",
  where: "community",
  args: {
    name: arg.string({ description: "Topic name (no commas)", schema: topicNameSchema }),
    keywords: arg.string({ description: "Words or phrases, separated by commas", schema: keywordsSchema, rest: true }),
  },
  async run({ args, place }, deps) {
    const communityId = await ensureCommunity(deps, place);
    const visible = await deps.store.topics.list(communityId);
    const id = customTopicId(communityId, args.name);
    const same = findTopic(visible, args.name) ?? visible.find((t) => t.id === id);
    if (same && same.communityId !== communityId) fail(`'${quote(args.name)}' is already a built-in topic; pick another name.`, "conflict");
    const clash = await deps.store.topics.get(id);
    if (clash && clash.communityId !== communityId) fail(`The name '${quote(args.name)}' is taken; pick another.`, "conflict");
    const mine = visible.filter((t) => t.communityId === communityId);
    if (!clash && mine.length >= MAX_CUSTOM_TOPICS) fail(`This community has ${plural(mine.length, "topic")}, the most allowed; delete one first.`);
    const description = `Custom: ${args.keywords.join(", ")}`;
    await deps.store.topics.upsert(
      { id, name: args.name, description: cutText(description, 200), keywords: args.keywords, exclude: [], communityId },
      deps.now(),
    );
    const verb = clash ? "Updated" : "Created";
    // The id ("c.<hash>.<slug>") is internal: the name resolves everywhere a topic is typed.
    return reply.text(
      `${verb} topic ${args.name} with ${plural(args.keywords.length, "keyword")}. Follow it with /channel follow ${args.name} or /subscribe ${args.name}.`,
    );
  },
});

export const topicDelete = defineCommand({
  name: "topic delete",
  description: "Delete one of this community's topics",
  audience: "moderator",
  where: "community",
  args: { topic: arg.string({ description: "Topic id or name", schema: looseSchema, autocomplete: "custom-topic" }) },
  async run({ args, place }, deps) {
    const communityId = requireCommunity(place);
    const t = await resolveTopic(deps.store, communityId, args.topic);
    if (t.communityId !== communityId) fail(`${t.name} is a built-in topic; only this community's own topics can be deleted.`);
    return reply.blocks([{ kind: "text", text: `Delete the topic ${t.name}? Channels and members following it stop getting it.` }], {
      choices: [[{ label: "Delete topic", command: CONFIRM_DELETE, args: { id: t.id }, style: "danger" }]],
    });
  },
});

export const confirmTopicDelete = defineCommand({
  name: CONFIRM_DELETE,
  description: "Delete a topic (confirmation)",
  audience: "moderator",
  where: "community",
  hidden: true,
  args: { id: arg.string({ description: "Topic id", schema: looseSchema }) },
  async run({ args, place }, deps) {
    const communityId = requireCommunity(place);
    const t = await deps.store.topics.get(args.id);
    if (!t || t.communityId !== communityId) fail("That topic is not in this community (already deleted?).", "not-found");
    // Follows of the topic (channels and members' DMs) go with it.
    const all = await deps.store.subscriptions.listAll();
    let follows = 0;
    for (const [destinationId, ids] of all) {
      if (ids.includes(t.id) && (await deps.store.subscriptions.remove(destinationId, t.id))) follows++;
    }
    await deps.store.topics.remove(t.id);
    return reply.text(`Deleted the topic ${t.name}${follows > 0 ? ` (${plural(follows, "follow")} removed)` : ""}.`);
  },
});
