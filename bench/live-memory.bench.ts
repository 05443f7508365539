/**
 * Steady resident memory of one live instance (all roles) with 10,000 destinations, 1,000 feeds and
 * 100,000 stored items, sampled from /proc every 200 ms over a poll of every feed and a delivery run to
 * all 10,000 destinations (Telegram DMs on the fake Bot API). Target: peak RSS ≤ 200 MB for the
 * process `npm start` runs (its node arguments are read from package.json, so the bench measures what
 * operators run). The built variant (`npm run build`, `npm run start:built`) is measured too and
 * printed for comparison. SQLite (the one-machine case; Postgres keeps less in-process).
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Store } from "../src/core/ports.js";
import type { NewItem } from "../src/core/types.js";
import { ensureBuiltinTopics } from "../src/digest/seed-topics.js";
import { openStore } from "../src/store/open-store.js";
import { fixtureFeed, startFeedServer } from "../tests/fakes/feed-server.js";
import { startFakeTelegram } from "../tests/fakes/telegram/fake-telegram.js";
import { verdict } from "./verdict.js";

const FEEDS = 1000;
const DESTINATIONS = 10_000;
const ITEMS = 100_000;
const FIRST_USER = 8_000_000;
const root = new URL("..", import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** 10,000 members following four topics each, digest due since midnight. */
async function addMembers(store: Store): Promise<void> {
  const now = new Date();
  const yesterday = new Date(now.getTime() - 86_400_000);
  for (let i = 0; i < DESTINATIONS; i++) {
    const id = FIRST_USER + i;
    const d = await store.destinations.upsert({ platform: "telegram", chatId: String(id), kind: "dm", userId: String(id), timeOfDay: "00:00", timeZone: "UTC" }, yesterday);
    await store.subscriptions.add(d.id, "openai", yesterday);
    await store.subscriptions.add(d.id, "llms", yesterday);
    await store.subscriptions.add(d.id, "google", yesterday);
    await store.subscriptions.add(d.id, "business", yesterday);
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "newsdesk-mem-"));
  const dbPath = join(dir, "live.db");
  const feeds = await startFeedServer();
  const tg = await startFakeTelegram({ rateLimits: { mode: "observe", globalPerSecond: 1000 } });
  const t0 = performance.now();
  try {
    const store = await openStore(`sqlite:${dbPath}`);
    const now = new Date();
    await ensureBuiltinTopics(store, now);
    // 1,000 feeds: one in ten has news (the AI scenario feed), the rest answer 304.
    const body = fixtureFeed("scenario-circuit-ledger.xml").toString("utf8").replaceAll("Tue, 26 Nov 2024", now.toUTCString().slice(0, 16)).replaceAll("2024-11-26T", `${now.toISOString().slice(0, 10)}T`);
    const feedIds: string[] = [];
    const outlines: string[] = [];
    for (let i = 0; i < FEEDS; i++) {
      const path = `/f${i}`;
      feeds.route(path, { body, etag: `"e${i}"` });
      const url = `${feeds.url}${path}`;
      outlines.push(`<outline type="rss" text="f${i}" xmlUrl="${url}"/>`);
      const f = await store.feeds.add({ url, scope: { kind: "global" } }, now);
      if (i % 10 !== 0) await store.feeds.update(f.id, { etag: `"e${i}"` });
      feedIds.push(f.id);
    }
    writeFileSync(join(dir, "feeds.opml"), `<?xml version="1.0"?><opml version="2.0"><head/><body>${outlines.join("")}</body></opml>`);
    // 100,000 stored items from the last weeks, already clustered (steady state).
    const old = new Date(now.getTime() - 10 * 86_400_000);
    for (let b = 0; b < ITEMS / 1000; b++) {
      const batch: NewItem[] = Array.from({ length: 1000 }, (_, k) => {
        const n = b * 1000 + k;
        const feedId = feedIds[n % FEEDS]!;
        return {
          id: `old-${n}`, feedId, hash: `h${n}`, guid: `g${n}`, url: `https://old.example/${n}`, canonicalUrl: `https://old.example/${n}`,
          title: `Older story number ${n} about models and chips`, summary: `A summary of older story ${n}, two sentences long. Nothing new.`,
          contentHash: `c${n}`, imageUrl: null, author: null, publishedAt: old, dateIsFallback: false,
        };
      });
      const r = await store.items.upsertMany(batch, old);
      await store.items.assignStory(r.inserted.map((i) => i.id), `st_old_${b}`);
    }
    for (let i = 0; i < DESTINATIONS; i++) tg.addUser({ id: FIRST_USER + i, first_name: `U${i}` });
    await store.close();
    console.log(`set-up: ${FEEDS} feeds, ${ITEMS} items, ${DESTINATIONS} destinations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "ignore" });
    const setup = readFileSync(dbPath);
    const start = await measure(nodeArgs("start"), "npm start", { dir, dbPath, tg, feeds });
    writeFileSync(dbPath, setup);
    rmSync(`${dbPath}-wal`, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
    tg.calls.length = 0;
    const built = await measure(nodeArgs("start:built"), "npm run start:built", { dir, dbPath, tg, feeds });
    console.log(`built JavaScript peaks at ${built.peak.toFixed(0)} MB: tsx's loader thread and on-the-fly compiling cost ~${(start.peak - built.peak).toFixed(0)} MB`);
    verdict("live instance peak RSS, npm start (10k destinations, 1k feeds, 100k items)", start.peak, 200, { better: "lower", unit: "MB", digits: 0 });
    verdict("digests delivered in the run", start.sent, DESTINATIONS, { better: "higher" });
  } finally {
    await feeds.close();
    await tg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The node arguments of an npm script of the form `exec node <args>` (package.json is the one truth). */
function nodeArgs(script: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const line = pkg.scripts[script] ?? "";
  const m = /^exec node (.+)$/.exec(line);
  if (!m?.[1]) throw new Error(`package.json script ${script} is not "exec node …": ${line}`);
  return m[1].split(/\s+/);
}

type FeedServer = Awaited<ReturnType<typeof startFeedServer>>;
type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;

async function measure(
  args: string[],
  label: string,
  env: { dir: string; dbPath: string; tg: FakeTelegram; feeds: FeedServer },
): Promise<{ peak: number; sent: number }> {
  const { dir, dbPath, tg, feeds } = env;
  const requestsBefore = feeds.requests();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      PATH: process.env["PATH"] ?? "", HOME: dir, DATABASE_URL: `sqlite:${dbPath}`, FEEDS_FILE: join(dir, "feeds.opml"),
      TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, TELEGRAM_GLOBAL_RATE: "1000",
      ALLOW_PRIVATE_FEED_HOSTS: "true", INSTANCE_ID: "mem", LOG_LEVEL: "info", SCHEDULER_TICK: "2s",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let logs = "";
  child.stdout?.on("data", (b: Buffer) => (logs = (logs + b.toString()).slice(-20_000)));
  child.stderr?.on("data", (b: Buffer) => (logs = (logs + b.toString()).slice(-20_000)));
  const samples: number[] = [];
  const started = Date.now();
  const sample = () => samples.push(rssMb(child.pid!));
  // The members are added once the first poll has stored today's news, so their digests carry it.
  while (!logs.includes("poll tick") && child.exitCode === null && Date.now() - started < 300_000) {
    sample();
    await sleep(200);
  }
  const members = await openStore(`sqlite:${dbPath}`);
  const sampler = setInterval(sample, 200);
  await addMembers(members);
  clearInterval(sampler);
  await members.close();
  const sent = () => tg.calls.filter((c) => c.method === "sendMessage").length;
  // Sample until every member got a digest (or 5 minutes), then 5 s more of steady state.
  while (Date.now() - started < 400_000 && child.exitCode === null) {
    sample();
    if (sent() >= DESTINATIONS) break;
    await sleep(200);
  }
  for (let i = 0; i < 25 && child.exitCode === null; i++) {
    sample();
    await sleep(200);
  }
  child.kill("SIGTERM");
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.on("exit", r)));
  const live = samples.filter((x) => x > 0).sort((a, b) => a - b);
  const peak = live.at(-1) ?? 0;
  const median = live[Math.floor(live.length / 2)] ?? 0;
  console.log(`${label}: feeds polled: ${feeds.requests() - requestsBefore} requests; digests sent: ${sent()} messages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`resident memory over the poll and the delivery run: median ${median.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (${live.length} samples)`);
  if (sent() < DESTINATIONS) console.log(`not every digest was sent; last log lines:\n${logs.slice(-2000)}`);
  return { peak, sent: sent() };
}
