/**
 * Part of the composition root: what this instance does (ROLES) and the leader locks it competes
 * for. Any number of instances may share one database, each with any roles:
 * - ingest: polls feeds claimed from the shared table; the one holding the "cluster" lease clusters
 *   (and prunes), so stories have exactly one writer;
 * - deliver: sends due digests through the shared delivery ledger (claims are leased per digest);
 * - discord: runs gateway shards (DISCORD_SHARDS / DISCORD_SHARD_IDS) and answers their interactions;
 * - telegram: receives updates; with long polling only the "telegram-polling" leader polls.
 * Sending needs no role of its platform: an instance without it sends through REST / the Bot API.
 */
import type { Config, Role } from "./config.js";
import { startLeaderElection, type LeaderElection, type Leadership } from "./core/leadership.js";
import type { Logger } from "./core/logger.js";
import type { Store } from "./core/ports.js";

export interface RoleRuntime {
  readonly roles: readonly Role[];
  has(role: Role): boolean;
  /** Held by the one instance that clusters and prunes (only with the ingest role). */
  readonly cluster: Leadership | undefined;
  /** Held by the one instance that long-polls Telegram (telegram role without a webhook). */
  readonly telegramPolling: Leadership | undefined;
  /** Every leader lock this instance competes for, and whether it holds it now (health, metrics). */
  leaders(): Record<string, boolean>;
  stop(): Promise<void>;
}

export function startRoles(config: Readonly<Config>, store: Store, instanceId: string, logger: Logger): RoleRuntime {
  const has = (r: Role) => config.roles.includes(r);
  const elections: LeaderElection[] = [];
  const elect = (name: string): Leadership => {
    const e = startLeaderElection(store.leases, { name, holder: instanceId, leaseMs: config.leaderLeaseMs, logger });
    elections.push(e);
    return e;
  };
  const cluster = has("ingest") ? elect("cluster") : undefined;
  const pollsTelegram = has("telegram") && config.telegram.token !== null && config.telegram.webhookUrl === null;
  const telegramPolling = pollsTelegram ? elect("telegram-polling") : undefined;
  return {
    roles: config.roles,
    has,
    cluster,
    telegramPolling,
    leaders() {
      const out: Record<string, boolean> = {};
      if (cluster) out["cluster"] = cluster.isLeader();
      if (telegramPolling) out["telegram-polling"] = telegramPolling.isLeader();
      return out;
    },
    async stop() {
      await Promise.all(elections.map((e) => e.stop()));
    },
  };
}
