/**
 * Scale-out on Postgres, end to end: three instances of `src/main.ts` as separate processes on one
 * database, with the loopback feed server, a fake Discord with two shards and a fake Bot API.
 * Over several poll intervals and a digest run: each feed fetched once per interval, no duplicate
 * stories, no double posts, every interaction answered once. Then the leader is SIGKILLed: another
 * instance takes over clustering and Telegram polling within one lease, and nothing is lost.
 * Runs only with TEST_DATABASE_URL (Postgres); intervals and leases are seconds long.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../src/core/ports.js";
import { openStore } from "../src/store/open-store.js";
import { startFakeDiscord, type FakeDiscord } from "./fakes/discord/fake-discord.js";
import { Perm } from "./fakes/discord/permission-bits.js";
import { fixtureFeed, startFeedServer, type FeedServer } from "./fakes/feed-server.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram/fake-telegram.js";
import { testDatabaseUrl } from "./store/store-fixture.js";

const root = new URL("..", import.meta.url).pathname;
const INTERVAL_MS = 5000;
const LEASE_MS = 3000;
const GUILD_A = String(1_000_000_000n << 22n); // shard 0 of 2
const GUILD_B = String(1_000_000_001n << 22n); // shard 1 of 2
const USERS = [7001, 7002, 7003];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Instance {
  id: string;
  child: ChildProcess;
  logs: string;
}

describe.skipIf(!testDatabaseUrl)("three instances on one Postgres", () => {
  const schema = `scale_${Date.now().toString(36)}`;
  const dbUrl = `${testDatabaseUrl ?? ""}${testDatabaseUrl?.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let dir: string;
  let feeds: FeedServer;
  let tg: FakeTelegram;
  let dc: FakeDiscord;
  let store: Store;
  const fetches = new Map<string, number[]>();
  const instances = new Map<string, Instance>();
  let feedPaths: string[] = [];
  let channelA = "";
  let channelB = "";
  let modA = "";
  let modB = "";

  const waitFor = async (what: string, cond: () => boolean | Promise<boolean>, ms = 30_000) => {
    const end = Date.now() + ms;
    while (!(await cond())) {
      if (Date.now() > end) {
        const tail = [...instances.values()].map((i) => `--- ${i.id}\n${i.logs.slice(-1500)}`).join("\n");
        throw new Error(`timed out waiting for ${what}\n${tail}`);
      }
      await sleep(50);
    }
  };

  function launch(id: string, env: Record<string, string>): Instance {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: {
        PATH: process.env["PATH"] ?? "",
        HOME: dir,
        DATABASE_URL: dbUrl,
        TELEGRAM_BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.apiRoot,
        DISCORD_TOKEN: dc.token,
        DISCORD_APPLICATION_ID: dc.applicationId,
        DISCORD_API_BASE: dc.restBase,
        FEEDS_FILE: join(dir, "feeds.opml"),
        ALLOW_PRIVATE_FEED_HOSTS: "true",
        INSTANCE_ID: id,
        LOG_LEVEL: "info",
        FEED_POLL_INTERVAL: `${INTERVAL_MS / 1000}s`,
        FEED_TIMEOUT: "2s",
        FEED_CLAIM_LEASE: "4s",
        LEADER_LEASE: `${LEASE_MS / 1000}s`,
        SCHEDULER_TICK: "1s",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const inst: Instance = { id, child, logs: "" };
    child.stdout?.on("data", (b: Buffer) => (inst.logs += b.toString()));
    child.stderr?.on("data", (b: Buffer) => (inst.logs += b.toString()));
    instances.set(id, inst);
    return inst;
  }

  /** Backdate destinations (set-up only): a digest slot counts only after its destination existed. */
  async function backdate(ids: string[], at: Date): Promise<void> {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      for (const id of ids) await c.query("UPDATE destinations SET created_at = $1 WHERE id = $2", [at.getTime(), id]);
    } finally {
      await c.end();
    }
  }

  const holder = async (lock: string) => (await store.leases.holder(`leader:${lock}`))?.holder ?? null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "newsdesk-scale-"));
    const c = new pg.Client({ connectionString: testDatabaseUrl });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
    // Migrate once up front (the instances would too, under Kysely's lock) and keep a handle to check.
    store = await openStore(dbUrl);

    // The six-outlet scenario plus 24 small feeds: 30 feeds, each timestamped on every fetch.
    const y = new Date(Date.now() - 86_400_000);
    const fresh = (f: string) =>
      fixtureFeed(f).toString("utf8").replaceAll("Tue, 26 Nov 2024", y.toUTCString().slice(0, 16)).replaceAll("2024-11-26T", `${y.toISOString().slice(0, 10)}T`);
    const scenario = readdirSync(new URL("./fixtures/feeds/", import.meta.url)).filter((f) => f.startsWith("scenario-") && f.endsWith(".xml"));
    const bodies = new Map<string, string>(scenario.map((f) => [`/${f}`, fresh(f)]));
    for (let i = 0; i < 24; i++) {
      bodies.set(
        `/extra-${i}.xml`,
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Extra ${i}</title><link>https://extra${i}.example/</link>` +
          `<item><title>Robotics lab ${i} shows a new gripper</title><link>https://extra${i}.example/a</link><guid>x${i}</guid><pubDate>${y.toUTCString()}</pubDate></item></channel></rss>`,
      );
    }
    feeds = await startFeedServer();
    for (const [path, body] of bodies) {
      fetches.set(path, []);
      feeds.route(path, {
        handler: (req, res) => {
          fetches.get(path)?.push(Date.now());
          const etag = `"${path}-${body.length}"`;
          if (req.headers["if-none-match"] === etag) return void res.writeHead(304).end();
          res.writeHead(200, { "content-type": "application/rss+xml", etag }).end(bodies.get(path));
        },
      });
    }
    feedPaths = [...bodies.keys()];
    const outlines = feedPaths.map((p) => `<outline type="rss" text="${p}" xmlUrl="${feeds.url}${p}"/>`).join("");
    writeFileSync(join(dir, "feeds.opml"), `<?xml version="1.0"?><opml version="2.0"><head/><body>${outlines}</body></opml>`);

    tg = await startFakeTelegram();
    for (const id of USERS) tg.addUser({ id, first_name: `U${id}` });
    dc = await startFakeDiscord();
    dc.addGuild({ id: GUILD_A, name: "Shard zero" });
    dc.addGuild({ id: GUILD_B, name: "Shard one" });
    channelA = dc.addChannel(GUILD_A, { name: "news" }).id;
    channelB = dc.addChannel(GUILD_B, { name: "news" }).id;
    modA = dc.addMember(GUILD_A, { username: "moda", permissions: Perm.ManageGuild }).userId;
    modB = dc.addMember(GUILD_B, { username: "modb", permissions: Perm.ManageGuild }).userId;

    // "a" starts first so it leads both locks; the others join as stand-bys.
    launch("a", { ROLES: "ingest,deliver,discord,telegram", DISCORD_SHARD_IDS: "0", DISCORD_SHARD_COUNT: "2" });
    await waitFor("a to lead", async () => (await holder("cluster")) === "a" && (await holder("telegram-polling")) === "a", 60_000);
    launch("b", { ROLES: "ingest,deliver,discord,telegram", DISCORD_SHARD_IDS: "1", DISCORD_SHARD_COUNT: "2" });
    launch("c", { ROLES: "ingest,deliver,telegram" });
    await waitFor("all running", () => [...instances.values()].every((i) => i.logs.includes("newsdesk running")), 60_000);
  }, 150_000);

  afterAll(async () => {
    for (const i of instances.values()) if (i.child.exitCode === null) i.child.kill("SIGKILL");
    await store?.close();
    await Promise.allSettled([feeds?.close(), tg?.close(), dc?.close()]);
    const c = new pg.Client({ connectionString: testDatabaseUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs both Discord shards in different instances and one Telegram poller", () => {
    expect(dc.connectedShards().sort()).toEqual(["0/2", "1/2"]);
    const polling = [...instances.values()].filter((i) => i.logs.includes("telegram long polling started"));
    expect(polling.map((i) => i.id)).toEqual(["a"]);
  });

  it("fetches each feed once per interval between the three, over several intervals", async () => {
    const from = Date.now();
    await sleep(INTERVAL_MS * 4);
    const to = Date.now();
    // Feeds that publish an RSS <ttl> are polled no sooner than it (an hour here): fetched once at
    // start, once in all. The others run on the 5 s interval.
    const ttl = new Set((await store.feeds.list()).filter((f) => f.ttlMinutes).map((f) => new URL(f.url).pathname));
    for (const p of ttl) expect(fetches.get(p)).toHaveLength(1);
    const paced = feedPaths.filter((p) => !ttl.has(p));
    expect(paced.length).toBeGreaterThanOrEqual(24);
    const counts = paced.map((p) => (fetches.get(p) ?? []).filter((t) => t >= from && t < to).length);
    const failing = (await store.feeds.list({ includeDisabled: true })).filter((f) => f.health.consecutiveFailures > 0);
    expect(failing.map((f) => `${f.url}: ${f.health.lastError}`)).toEqual([]);
    // A feed's polls are one interval apart, jittered within its slot: 4 intervals hold 3 to 5 polls.
    for (const [i, n] of counts.entries()) if (n > 5 || n < 3) console.log(paced[i], (fetches.get(paced[i]!) ?? []).map((t) => t - from));
    for (const n of counts) expect(n).toBeGreaterThanOrEqual(3);
    for (const n of counts) expect(n).toBeLessThanOrEqual(5);
    // Never twice within half an interval: no two instances fetched the same feed for one slot.
    for (const p of paced) {
      const ts = fetches.get(p) ?? [];
      for (let i = 1; i < ts.length; i++) expect(ts[i]! - ts[i - 1]!).toBeGreaterThanOrEqual(INTERVAL_MS / 2 - 1000);
    }
    const perFeedPerInterval = counts.reduce((a, b) => a + b, 0) / counts.length / ((to - from) / INTERVAL_MS);
    console.log(`requests per feed per interval: ${perFeedPerInterval.toFixed(2)}`);
    expect(perFeedPerInterval).toBeGreaterThan(0.8);
    expect(perFeedPerInterval).toBeLessThan(1.2);
    // All three instances took part in polling.
    for (const i of instances.values()) expect(i.logs).toContain("poll tick");
  }, 60_000);

  it("clusters in the leader only: every item in one story, no duplicate stories", async () => {
    const stories = await store.stories.listSince(new Date(Date.now() - 7 * 86_400_000), { limit: 10_000 });
    expect(stories.length).toBeGreaterThan(0);
    const titles = stories.map((s) => s.title.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
    // An article in two stories would mean two clusterers built the same story twice.
    const articles = stories.flatMap((s) => s.sources.map((x) => x.url));
    expect(new Set(articles).size).toBe(articles.length);
    expect(await store.items.listUnclustered()).toHaveLength(0);
    expect(instances.get("b")!.logs).not.toMatch(/"stories":[1-9]/);
    expect(instances.get("c")!.logs).not.toMatch(/"stories":[1-9]/);
  });

  it("answers every interaction exactly once: Discord on its shard's instance, Telegram in the poller", async () => {
    for (const [guildId, channelId, userId] of [
      [GUILD_A, channelA, modA],
      [GUILD_B, channelB, modB],
    ] as const) {
      const rec = await dc.interact({ guildId, channelId, userId, name: "help" });
      await sleep(300);
      expect(dc.requests().filter((r) => r.method === "POST" && r.path.includes(`/interactions/${rec.id}/`))).toHaveLength(1);
    }
    for (const user of USERS) {
      const before = tg.messages(user).filter((m) => m.fromBot).length;
      tg.sendText({ chatId: user, fromId: user, text: "/subscribe openai" });
      await waitFor("the reply", () => tg.messages(user).filter((m) => m.fromBot).length > before, 10_000);
      await sleep(500);
      expect(tg.messages(user).filter((m) => m.fromBot).length - before).toBe(1);
    }
  }, 60_000);

  it("delivers one digest per destination from whichever instance claims it: no double posts", async () => {
    const yesterday = new Date(Date.now() - 86_400_000);
    const dests = [
      await store.destinations.upsert({ platform: "discord", chatId: channelA, kind: "channel", communityId: `discord:${GUILD_A}`, timeOfDay: "00:00", timeZone: "UTC" }, yesterday),
      await store.destinations.upsert({ platform: "discord", chatId: channelB, kind: "channel", communityId: `discord:${GUILD_B}`, timeOfDay: "00:00", timeZone: "UTC" }, yesterday),
    ];
    for (const u of USERS) {
      const d = await store.destinations.find("telegram", String(u), null);
      expect(d).not.toBeNull();
      await store.destinations.update(d!.id, { timeOfDay: "00:00", timeZone: "UTC" });
      dests.push(d!);
    }
    // The DMs were made today; a digest slot must come after a destination was set up.
    await backdate(dests.map((d) => d.id), yesterday);
    await waitFor("every digest sent", async () => {
      const done = await Promise.all(dests.map(async (d) => (await store.deliveries.latest(d.id))?.status === "sent"));
      return done.every(Boolean);
    }, 30_000);
    await sleep(1500);
    for (const ch of [channelA, channelB]) {
      const bodies = dc.messages(ch).map((m) => JSON.stringify({ c: m.content, e: m.embeds }));
      expect(bodies.length).toBeGreaterThan(0);
      expect(new Set(bodies).size).toBe(bodies.length);
    }
    for (const u of USERS) {
      const texts = tg.messages(u).filter((m) => m.fromBot).map((m) => m.text);
      expect(new Set(texts).size).toBe(texts.length);
    }
  }, 60_000);

  it("SIGKILL of the leader: another instance clusters and polls Telegram within one lease, nothing lost", async () => {
    const killedAt = Date.now();
    instances.get("a")!.child.kill("SIGKILL");
    let clusterAt = 0;
    let pollingAt = 0;
    await waitFor("takeover", async () => {
      const [cl, tp] = [await holder("cluster"), await holder("telegram-polling")];
      if (!clusterAt && cl && cl !== "a") clusterAt = Date.now();
      if (!pollingAt && tp && tp !== "a") pollingAt = Date.now();
      return clusterAt > 0 && pollingAt > 0;
    }, LEASE_MS * 4);
    console.log(`takeover after SIGKILL: clustering ${clusterAt - killedAt} ms, Telegram polling ${pollingAt - killedAt} ms (lease ${LEASE_MS} ms)`);
    // Sampled every 50 ms from here: allow that much over the lease.
    expect(clusterAt - killedAt).toBeLessThanOrEqual(LEASE_MS + 250);
    expect(pollingAt - killedAt).toBeLessThanOrEqual(LEASE_MS + 250);

    // Nothing lost: a Telegram message sent meanwhile is answered once, and new items are clustered.
    const user = USERS[0]!;
    const before = tg.messages(user).filter((m) => m.fromBot).length;
    tg.sendText({ chatId: user, fromId: user, text: "/help" });
    await waitFor("the reply after takeover", () => tg.messages(user).filter((m) => m.fromBot).length > before, 15_000);
    await sleep(500);
    expect(tg.messages(user).filter((m) => m.fromBot).length - before).toBe(1);
    const fresh = new Date().toUTCString();
    feeds.route("/extra-0.xml", {
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Extra 0</title><item><title>Quantum chip startup raises a round after the kill</title><link>https://extra0.example/after</link><guid>after</guid><pubDate>${fresh}</pubDate></item></channel></rss>`,
    });
    await waitFor("the new item clustered", async () => {
      const recent = await store.stories.listSince(new Date(Date.now() - 86_400_000), { limit: 10_000 });
      return recent.some((s) => /after the kill/.test(s.title));
    }, INTERVAL_MS * 3);
  }, 60_000);
});

