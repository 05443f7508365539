import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { ConfigError } from "../src/core/errors.js";

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  return "no error";
}

describe("scale-out configuration", () => {
  it("runs every role with one shard and minute ticks by default", () => {
    const c = loadConfig({});
    expect(c.roles).toEqual(["ingest", "deliver", "discord", "telegram"]);
    expect(c.discord.shards).toBeNull();
    expect(c.leaderLeaseMs).toBe(30_000);
    expect(c.feedClaimLeaseMs).toBe(300_000);
    expect(c.schedulerTickMs).toBe(60_000);
  });

  it("reads ROLES as a comma list in any order and case, and refuses unknown roles by name", () => {
    expect(loadConfig({ ROLES: " Deliver, ingest " }).roles).toEqual(["ingest", "deliver"]);
    expect(loadConfig({ ROLES: "all" }).roles).toHaveLength(4);
    expect(failure({ ROLES: "ingest,poll" })).toMatch(/ROLES.*unknown role 'poll'/);
  });

  it("takes DISCORD_SHARDS=auto, or DISCORD_SHARD_IDS with DISCORD_SHARD_COUNT, checked together", () => {
    expect(loadConfig({ DISCORD_SHARDS: "auto" }).discord.shards).toBe("auto");
    expect(loadConfig({ DISCORD_SHARD_IDS: "1,0", DISCORD_SHARD_COUNT: "4" }).discord.shards).toEqual({ ids: [0, 1], count: 4 });
    expect(failure({ DISCORD_SHARDS: "3" })).toMatch(/DISCORD_SHARDS/);
    expect(failure({ DISCORD_SHARD_IDS: "0,1" })).toMatch(/DISCORD_SHARD_COUNT/);
    expect(failure({ DISCORD_SHARD_COUNT: "2" })).toMatch(/DISCORD_SHARD_IDS/);
    expect(failure({ DISCORD_SHARD_IDS: "0,4", DISCORD_SHARD_COUNT: "4" })).toMatch(/DISCORD_SHARD_IDS.*0 to DISCORD_SHARD_COUNT - 1 \(3\)/);
    expect(failure({ DISCORD_SHARD_IDS: "zero", DISCORD_SHARD_COUNT: "4" })).toMatch(/DISCORD_SHARD_IDS/);
    expect(failure({ DISCORD_SHARDS: "auto", DISCORD_SHARD_IDS: "0", DISCORD_SHARD_COUNT: "2" })).toMatch(/not both/);
  });

  it("refuses a feed claim no longer than the fetch timeout", () => {
    expect(failure({ FEED_CLAIM_LEASE: "10s", FEED_TIMEOUT: "20s" })).toMatch(/FEED_CLAIM_LEASE/);
    expect(loadConfig({ LEADER_LEASE: "3s", SCHEDULER_TICK: "1s", FEED_POLL_INTERVAL: "5s", FEED_CLAIM_LEASE: "4s", FEED_TIMEOUT: "2s" }).feedPollIntervalMs).toBe(5000);
  });
});
