/**
 * Runs commands against the real store (SQLite in memory) with the built-in topic catalogue, and
 * tiny real implementations of the two service ports (DigestService, FeedService).
 */
import type { CommandDeps, Invocation, Place, ResolvedTarget } from "../../../src/core/commands/context.js";
import { dispatch } from "../../../src/core/commands/dispatch.js";
import { commands as registryCommands } from "../../../src/core/commands/registry.js";
import { replyToText, type Reply } from "../../../src/core/commands/reply.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { Store } from "../../../src/core/ports.js";
import type { FeedCheck, PreviewRequest } from "../../../src/core/services.js";
import type { DigestDoc } from "../../../src/core/types.js";
import { BUILTIN_TOPICS } from "../../../src/digest/stories/topic-catalog.js";
import { openStore } from "../../../src/store/open-store.js";

export const NOW = new Date("2026-11-24T10:00:00Z");

/**
 * A digest service that answers from the request: one story per followed topic; following none means
 * every topic (as the real selection does), here one story per built-in topic.
 */
export class TopicDigests {
  readonly calls: PreviewRequest[] = [];
  async preview(req: PreviewRequest): Promise<DigestDoc> {
    this.calls.push(req);
    const topics = req.topics?.length ? req.topics : BUILTIN_TOPICS.map((t) => t.id);
    return {
      title: "AI news — Tuesday 24 November 2026",
      date: "2026-11-24",
      stories: topics.map((t, i) => ({
        id: `story-${t}`,
        title: `News about ${t}`,
        url: `https://news.example/${t}`,
        summary: "",
        imageUrl: null,
        sources: [{ name: "Example", url: `https://news.example/${t}` }],
        moreSources: 0,
        topics: [{ id: t, name: t }],
        score: 10 - i,
      })),
      more: 0,
    };
  }
}

/** A feed service over a fixed table of URLs; anything else is "not found". */
export class TableFeeds {
  readonly checked: string[] = [];
  constructor(readonly table: Record<string, FeedCheck> = {}) {}
  async check(url: string): Promise<FeedCheck> {
    this.checked.push(url);
    return this.table[url] ?? { ok: false, code: "http", reason: "the server answered 404 Not Found" };
  }
}

export interface Harness {
  store: Store;
  deps: CommandDeps;
  digests: TopicDigests;
  feeds: TableFeeds;
  run(command: string, args?: Invocation["args"], opts?: RunOpts): Promise<Reply>;
  text(command: string, args?: Invocation["args"], opts?: RunOpts): Promise<string>;
  close(): Promise<void>;
}

export interface RunOpts {
  place?: Place;
  userId?: string;
  moderator?: boolean;
  target?: ResolvedTarget;
}

export const placeA: Place = { platform: "discord", communityId: "discord:A", communityName: "Server A", chatId: "chanA", threadId: null, isPrivate: false };
export const placeB: Place = { platform: "discord", communityId: "discord:B", communityName: "Server B", chatId: "chanB", threadId: null, isPrivate: false };
export const dmPlace = (userId: string): Place => ({ platform: "discord", communityId: null, chatId: `dm-${userId}`, threadId: null, isPrivate: true });

export async function harness(feedTable: Record<string, FeedCheck> = {}): Promise<Harness> {
  const store = await openStore("sqlite::memory:");
  for (const t of BUILTIN_TOPICS) await store.topics.upsert(t, NOW);
  const digests = new TopicDigests();
  const feeds = new TableFeeds(feedTable);
  const deps: CommandDeps = {
    store,
    digests,
    feeds,
    logger: silentLogger,
    now: () => NOW,
    defaults: { timeOfDay: "08:00", timeZone: "Europe/London", maxStories: 10 },
  };
  const run = (command: string, args: Invocation["args"] = {}, o: RunOpts = {}) => {
    const place = o.place ?? placeA;
    return dispatch(
      registryCommands,
      {
        command,
        args,
        actor: { platform: place.platform, userId: o.userId ?? "u1", isModerator: o.moderator ?? false },
        place,
        ...(o.target ? { target: o.target } : {}),
      },
      deps,
    );
  };
  return {
    store,
    deps,
    digests,
    feeds,
    run,
    text: async (c, a, o) => replyToText(await run(c, a, o)),
    close: () => store.close(),
  };
}
