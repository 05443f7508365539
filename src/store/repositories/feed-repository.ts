import type { Kysely } from "kysely";
import { ConflictError } from "../../core/errors.js";
import type { FeedPatch, FeedRepository, NewFeed } from "../../core/ports.js";
import type { Feed, FeedScope } from "../../core/types.js";
import type { Database } from "../database.js";
import type { FeedRow, FeedUpdate } from "../tables/feeds.table.js";
import { isUniqueViolation, ms, shortId, toDate } from "./shared.js";

const scopeKey = (s: FeedScope): string => (s.kind === "global" ? "global" : s.communityId);
const toScope = (k: string): FeedScope => (k === "global" ? { kind: "global" } : { kind: "community", communityId: k });

export function toFeed(r: FeedRow): Feed {
  return {
    id: r.id,
    url: r.url,
    scope: toScope(r.scope),
    title: r.title,
    siteUrl: r.site_url,
    etag: r.etag,
    lastModified: r.last_modified,
    sourceWeight: Number(r.source_weight),
    ttlMinutes: r.ttl_minutes,
    createdAt: new Date(Number(r.created_at)),
    health: {
      lastPolledAt: toDate(r.last_polled_at),
      lastSuccessAt: toDate(r.last_success_at),
      consecutiveFailures: r.consecutive_failures,
      failingSince: toDate(r.failing_since),
      lastError: r.last_error,
      lastErrorKind: r.last_error_kind,
      nextPollAt: toDate(r.next_poll_at),
      warnedAt: toDate(r.warned_at),
      disabledAt: toDate(r.disabled_at),
      disabledReason: r.disabled_reason,
    },
  };
}

function toUpdate(p: FeedPatch): FeedUpdate {
  const u: FeedUpdate = {};
  if (p.url !== undefined) u.url = p.url;
  if (p.title !== undefined) u.title = p.title;
  if (p.siteUrl !== undefined) u.site_url = p.siteUrl;
  if (p.etag !== undefined) u.etag = p.etag;
  if (p.lastModified !== undefined) u.last_modified = p.lastModified;
  if (p.sourceWeight !== undefined) u.source_weight = p.sourceWeight;
  if (p.ttlMinutes !== undefined) u.ttl_minutes = p.ttlMinutes;
  const h = p.health;
  if (h) {
    if (h.lastPolledAt !== undefined) u.last_polled_at = ms(h.lastPolledAt);
    if (h.lastSuccessAt !== undefined) u.last_success_at = ms(h.lastSuccessAt);
    if (h.consecutiveFailures !== undefined) u.consecutive_failures = h.consecutiveFailures;
    if (h.failingSince !== undefined) u.failing_since = ms(h.failingSince);
    if (h.lastError !== undefined) u.last_error = h.lastError;
    if (h.lastErrorKind !== undefined) u.last_error_kind = h.lastErrorKind;
    if (h.nextPollAt !== undefined) u.next_poll_at = ms(h.nextPollAt);
    if (h.warnedAt !== undefined) u.warned_at = ms(h.warnedAt);
    if (h.disabledAt !== undefined) u.disabled_at = ms(h.disabledAt);
    if (h.disabledReason !== undefined) u.disabled_reason = h.disabledReason;
  }
  return u;
}

export function createFeedRepository(db: Kysely<Database>, dialect: "sqlite" | "postgres" = "sqlite"): FeedRepository {
  return {
    async add(feed: NewFeed, now: Date) {
      const row = {
        id: shortId(),
        url: feed.url,
        scope: scopeKey(feed.scope),
        title: feed.title ?? null,
        source_weight: feed.sourceWeight ?? 1,
        created_at: now.getTime(),
      };
      try {
        await db.insertInto("feeds").values(row).execute();
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new ConflictError(`feed ${feed.url} exists in scope ${row.scope}`, "That feed is already added.");
        }
        throw err;
      }
      const r = await db.selectFrom("feeds").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
      return toFeed(r);
    },
    async get(id) {
      const r = await db.selectFrom("feeds").selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toFeed(r) : null;
    },
    async findByUrl(url, scope) {
      let q = db.selectFrom("feeds").selectAll().where("url", "=", url);
      if (scope) q = q.where("scope", "=", scopeKey(scope));
      const r = await q.orderBy("created_at").executeTakeFirst();
      return r ? toFeed(r) : null;
    },
    async list(opts = {}) {
      let q = db.selectFrom("feeds").selectAll();
      if (opts.scope) q = q.where("scope", "=", scopeKey(opts.scope));
      if (opts.visibleTo) q = q.where("scope", "in", ["global", opts.visibleTo]);
      if (!opts.includeDisabled) q = q.where("disabled_at", "is", null);
      const rows = await q.orderBy("created_at").orderBy("id").execute();
      return rows.map(toFeed);
    },
    async listDue(now, limit = 10_000) {
      const rows = await db
        .selectFrom("feeds")
        .selectAll()
        .where("disabled_at", "is", null)
        .where((eb) => eb.or([eb("next_poll_at", "is", null), eb("next_poll_at", "<=", now.getTime())]))
        // Never-polled feeds first on both databases (Postgres sorts NULL last by default), then the
        // most overdue: feeds a time-boxed poll round left over come first next round.
        .orderBy("next_poll_at", (ob) => ob.asc().nullsFirst())
        .limit(limit)
        .execute();
      return rows.map(toFeed);
    },
    async claimDue(now, limit, leaseMs) {
      const t = now.getTime();
      let due = db
        .selectFrom("feeds")
        .select("id")
        .where("disabled_at", "is", null)
        .where((eb) => eb.or([eb("next_poll_at", "is", null), eb("next_poll_at", "<=", t)]))
        .orderBy("next_poll_at")
        .limit(Math.max(1, limit));
      // Postgres: rows another instance is claiming right now are skipped, not waited for. SQLite has
      // one writer at a time, so the UPDATE … WHERE id IN (…) is already atomic.
      if (dialect === "postgres") due = due.forUpdate().skipLocked();
      const rows = await db
        .updateTable("feeds")
        .set({ next_poll_at: t + Math.max(1, leaseMs) })
        .where("id", "in", due)
        .returningAll()
        .execute();
      return rows.map(toFeed).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },
    async update(id, patch) {
      const u = toUpdate(patch);
      if (Object.keys(u).length === 0) return;
      await db.updateTable("feeds").set(u).where("id", "=", id).execute();
    },
    async remove(id) {
      const r = await db.deleteFrom("feeds").where("id", "=", id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
