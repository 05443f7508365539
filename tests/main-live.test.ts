/**
 * `npm start` with tokens, end to end in a child process: the real composition root against a fake
 * Telegram Bot API, a fake Discord and a loopback feed server. It polls the operator's catalogue,
 * clusters the six-outlet story, answers commands on both platforms, keeps tokens out of its logs,
 * and shuts down cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord, type Json } from "./fakes/discord/fake-discord.js";
import { Perm } from "./fakes/discord/permission-bits.js";
import { fixtureFeed, startFeedServer, type FeedServer } from "./fakes/feed-server.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram/fake-telegram.js";

const root = new URL("..", import.meta.url).pathname;
const USER = 4242;

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe("npm start with tokens (live mode)", () => {
  let dir: string;
  let feeds: FeedServer;
  let tg: FakeTelegram;
  let dc: FakeDiscord;
  let child: ChildProcess;
  let logs = "";
  let exit: Promise<number | null>;
  let guildId: string;
  let channelId: string;
  let modId: string;
  let metricsPort: number;

  const waitFor = async (what: string, cond: () => boolean, ms = 30_000) => {
    const end = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; logs:\n${logs.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "newsdesk-live-"));
    const scenario = readdirSync(new URL("./fixtures/feeds/", import.meta.url)).filter((f) => f.startsWith("scenario-") && f.endsWith(".xml"));
    // The sample news is dated 26 November 2024; a live instance treats news that old as backlog.
    // Serve it as yesterday's news instead, as a real feed would be.
    const y = new Date(Date.now() - 86_400_000);
    const rfc = y.toUTCString().slice(0, 16); // "Mon, 23 Nov 2026"
    const iso = y.toISOString().slice(0, 10);
    const fresh = (f: string) => fixtureFeed(f).toString("utf8").replaceAll("Tue, 26 Nov 2024", rfc).replaceAll("2024-11-26T", `${iso}T`);
    feeds = await startFeedServer(Object.fromEntries(scenario.map((f) => [`/${f}`, { body: fresh(f), etag: `"${f}"` }])));
    const outlines = scenario.map((f) => `<outline type="rss" text="${f}" xmlUrl="${feeds.url}/${f}"/>`).join("");
    writeFileSync(join(dir, "feeds.opml"), `<?xml version="1.0"?><opml version="2.0"><head/><body>${outlines}</body></opml>`);

    tg = await startFakeTelegram();
    tg.addUser({ id: USER, first_name: "Ada" });
    dc = await startFakeDiscord();
    guildId = dc.addGuild({ name: "AI News" }).id;
    channelId = dc.addChannel(guildId, { name: "news" }).id;
    modId = dc.addMember(guildId, { username: "mod", permissions: Perm.ManageGuild }).userId;

    metricsPort = await freePort();
    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: {
        PATH: process.env["PATH"] ?? "",
        HOME: dir,
        DATABASE_URL: `sqlite:${join(dir, "live.db")}`,
        TELEGRAM_BOT_TOKEN: tg.token,
        TELEGRAM_API_ROOT: tg.apiRoot,
        DISCORD_TOKEN: dc.token,
        DISCORD_APPLICATION_ID: dc.applicationId,
        DISCORD_API_BASE: dc.restBase,
        FEEDS_FILE: join(dir, "feeds.opml"),
        ALLOW_PRIVATE_FEED_HOSTS: "true",
        INSTANCE_ID: "e2e",
        METRICS_PORT: String(metricsPort),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (b: Buffer) => (logs += b.toString()));
    child.stderr?.on("data", (b: Buffer) => (logs += b.toString()));
    exit = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    await waitFor("start-up", () => logs.includes("newsdesk running"), 60_000);
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await Promise.allSettled([feeds?.close(), tg?.close(), dc?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("polls the operator's catalogue at start and clusters the stories", async () => {
    await waitFor("the first poll", () => logs.includes("poll tick"));
    for (const f of readdirSync(new URL("./fixtures/feeds/", import.meta.url)).filter((x) => x.startsWith("scenario-") && x.endsWith(".xml"))) {
      expect(feeds.requests(`/${f}`)).toBeGreaterThanOrEqual(1);
    }
    expect(logs).toMatch(/"newItems":19/);
  });

  it("answers a Telegram member: follow a topic, then get the digest now", async () => {
    tg.sendText({ chatId: USER, fromId: USER, text: "/subscribe openai" });
    const follow = await tg.waitFor((c) => c.method === "sendMessage" && String(c.params["chat_id"]) === String(USER), 10_000);
    expect(String(follow.params["text"])).toMatch(/OpenAI/);
    const since = tg.calls.length;
    tg.sendText({ chatId: USER, fromId: USER, text: "/digest" });
    const digest = await tg.waitFor(
      (c) => c.method === "sendMessage" && String(c.params["chat_id"]) === String(USER) && /Sora/.test(String(c.params["text"])),
      10_000,
      since,
    );
    expect(digest.params["parse_mode"]).toBe("HTML");
  });

  it("lets a Discord moderator set the channel's digest", async () => {
    const rec = await dc.interact({ guildId, channelId, userId: modId, name: "channel", subcommand: "set", options: { time: "07:30", zone: "Europe/Berlin" } });
    await waitFor("the reply", () => rec.callback?.type === 4 || rec.original !== undefined, 10_000);
    const data = (rec.callback?.type === 4 ? rec.callback.data : rec.original) as Json | undefined;
    expect(JSON.stringify(data)).toContain("07:30");
  });

  it("serves metrics and a health check for the operator", async () => {
    const health = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    expect(health.status).toBe(200);
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(text).toMatch(/newsdesk_feed_polls_total\{outcome="updated"\} 6/);
    expect(text).toMatch(/newsdesk_feeds\{state="ok"\} 6/);
  });

  it("never logs a token and stops cleanly on SIGTERM", async () => {
    child.kill("SIGTERM");
    const code = await Promise.race([exit, new Promise<string>((r) => setTimeout(() => r("timeout"), 15_000))]);
    expect(code).toBe(0);
    expect(logs).toContain("shutting down");
    expect(logs).not.toContain(tg.token);
    expect(logs).not.toContain(dc.token);
  }, 20_000);
});
