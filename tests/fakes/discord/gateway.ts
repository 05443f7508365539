import type { Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { apiUser, type Json } from "./model.js";
import type { FakeDiscordState } from "./state.js";

const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, Presence: 3, Voice: 4, Resume: 6, Reconnect: 7, RequestMembers: 8, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 };

const Intent = { Guilds: 1 << 0, GuildMembers: 1 << 1, GuildMessages: 1 << 9, DirectMessages: 1 << 12 };

/** Which intent an event needs; events not listed (READY, INTERACTION_CREATE …) always go out. */
function neededIntent(event: string, data: Json): number | undefined {
  if (event.startsWith("GUILD_MEMBER_")) return Intent.GuildMembers;
  if (event.startsWith("MESSAGE_")) return data.guild_id === undefined ? Intent.DirectMessages : Intent.GuildMessages;
  if (event.startsWith("GUILD_") || event.startsWith("CHANNEL_") || event.startsWith("THREAD_")) return Intent.Guilds;
  return undefined;
}

/**
 * The shard a guild's events go to, as Discord routes them: (guild_id >> 22) % shard count. Events
 * without a guild (DMs, DM interactions) go to shard 0.
 */
export function shardOf(guildId: string | undefined, count: number): number {
  if (guildId === undefined || count <= 1) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** The guild an event concerns: `guild_id`, or the guild itself for GUILD_CREATE/UPDATE/DELETE. */
function guildOf(event: string, data: Json): string | undefined {
  if (typeof data.guild_id === "string") return data.guild_id;
  if (event.startsWith("GUILD_") && !event.startsWith("GUILD_MEMBER") && typeof data.id === "string") return data.id;
  return undefined;
}

interface Session {
  id: string;
  /** [shard id, shard count] from IDENTIFY; [0, 1] when the client did not shard. */
  shard: [number, number];
  intents: number;
  seq: number;
  socket: WebSocket | undefined;
  /** Every dispatch sent, for replay on RESUME. */
  sent: { s: number; t: string; d: Json }[];
}

export interface GatewayStats {
  identifies: number;
  resumes: number;
  heartbeats: number;
}

/** The WebSocket half: HELLO, IDENTIFY → READY + GUILD_CREATEs, heartbeats, RESUME with replay. */
export class Gateway {
  readonly stats: GatewayStats = { identifies: 0, resumes: 0, heartbeats: 0 };
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();

  constructor(
    server: Server,
    private readonly state: FakeDiscordState,
    private readonly opts: { token: string; heartbeatIntervalMs: number; url: () => string },
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on("connection", (ws) => this.onConnection(ws));
  }

  /** Number of sockets currently identified or resumed. */
  get connectedSessions(): number {
    return [...this.sessions.values()].filter((s) => s.socket !== undefined).length;
  }

  dispatch(event: string, data: Json): void {
    const needs = neededIntent(event, data);
    const guildId = guildOf(event, data);
    for (const session of this.sessions.values()) {
      if (needs !== undefined && (session.intents & needs) === 0) continue;
      if (shardOf(guildId, session.shard[1]) !== session.shard[0]) continue;
      this.sendDispatch(session, event, data);
    }
  }

  /** The shards currently connected, as "id/count" (one entry per live session). */
  get connectedShards(): string[] {
    return [...this.sessions.values()].filter((s) => s.socket !== undefined).map((s) => `${s.shard[0]}/${s.shard[1]}`);
  }

  /** Closes every gateway socket with `code` (4000 makes discord.js resume; 1000 makes it re-identify). */
  dropConnections(code = 4000): void {
    for (const s of this.sessions.values()) {
      s.socket?.close(code, "fake-discord: dropped");
      s.socket = undefined;
      if (code === 1000) this.sessions.delete(s.id);
    }
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private sendDispatch(session: Session, t: string, d: Json): void {
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    // Bounded replay buffer: enough for tests, never unbounded in a benchmark.
    if (session.sent.length > 5000) session.sent.shift();
    session.socket?.send(JSON.stringify({ op: Op.Dispatch, t, s: session.seq, d }));
  }

  private onConnection(ws: WebSocket): void {
    let session: Session | undefined;
    const send = (payload: Json) => ws.send(JSON.stringify(payload));
    send({ op: Op.Hello, d: { heartbeat_interval: this.opts.heartbeatIntervalMs, _trace: ["fake-discord"] }, s: null, t: null });
    ws.on("message", (raw) => {
      let msg: { op?: unknown; d?: unknown };
      try {
        msg = JSON.parse(String(raw)) as { op?: unknown; d?: unknown };
      } catch {
        ws.close(4002, "Decode error");
        return;
      }
      const d = (msg.d ?? {}) as Json;
      switch (msg.op) {
        case Op.Heartbeat:
          this.stats.heartbeats += 1;
          send({ op: Op.HeartbeatAck, d: null, s: null, t: null });
          return;
        case Op.Identify: {
          if (session) return void ws.close(4005, "Already authenticated");
          if (d.token !== this.opts.token) return void ws.close(4004, "Authentication failed");
          const shard = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
          const [shardId, shardCount] = shard as [number, number];
          if (!Number.isInteger(shardId) || !Number.isInteger(shardCount) || shardCount < 1 || shardId < 0 || shardId >= shardCount) {
            return void ws.close(4010, "Invalid shard");
          }
          this.stats.identifies += 1;
          session = { id: this.state.nextId(), shard: [shardId, shardCount], intents: Number(d.intents ?? 0), seq: 0, socket: ws, sent: [] };
          this.sessions.set(session.id, session);
          this.sendReady(session);
          return;
        }
        case Op.Resume: {
          const found = this.sessions.get(String(d.session_id));
          if (d.token !== this.opts.token || !found) {
            send({ op: Op.InvalidSession, d: false, s: null, t: null });
            return;
          }
          this.stats.resumes += 1;
          found.socket?.close(4000, "Session resumed elsewhere");
          found.socket = ws;
          session = found;
          const from = Number(d.seq ?? 0);
          for (const e of found.sent) if (e.s > from) send({ op: Op.Dispatch, t: e.t, s: e.s, d: e.d });
          this.sendDispatch(found, "RESUMED", {});
          return;
        }
        case Op.Presence:
        case Op.Voice:
        case Op.RequestMembers:
          if (!session) ws.close(4003, "Not authenticated");
          return;
        default:
          ws.close(4001, "Unknown opcode");
      }
    });
    ws.on("close", (code) => {
      if (!session || session.socket !== ws) return;
      session.socket = undefined;
      // A normal close ends the session; other codes leave it resumable, as on Discord.
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    });
    ws.on("error", () => {});
  }

  private sendReady(session: Session): void {
    // A shard is told about, and receives, only the guilds routed to it.
    const guilds = [...this.state.guilds.keys()].filter((id) => shardOf(id, session.shard[1]) === session.shard[0]);
    this.sendDispatch(session, "READY", {
      v: 10,
      user: { ...apiUser(this.state.botUser), verified: true, mfa_enabled: false },
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.opts.url(),
      shard: session.shard,
      application: { id: this.state.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      geo_ordered_rtc_regions: [],
      guild_join_requests: [],
      user_settings: {},
      _trace: ["fake-discord"],
    });
    // Every guild listed unavailable in READY must follow, or discord.js waits 15 s for it.
    for (const id of guilds) this.sendDispatch(session, "GUILD_CREATE", this.state.guildCreatePayload(id));
  }
}
