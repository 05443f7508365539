import { WebSocket } from "ws";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "./fake-discord.js";

interface Frame {
  op: number;
  t?: string | null;
  s?: number | null;
  d: Record<string, unknown> | null;
}

/** A bare gateway client: collects frames and waits for the ones a test asks for. */
class RawGateway {
  readonly frames: Frame[] = [];
  closeCode: number | undefined;
  private waiters: (() => void)[] = [];
  readonly ws: WebSocket;

  constructor(url: string) {
    this.ws = new WebSocket(`${url}?v=10&encoding=json`);
    this.ws.on("message", (raw) => {
      this.frames.push(JSON.parse(String(raw)) as Frame);
      this.waiters.forEach((w) => w());
    });
    this.ws.on("error", () => {});
    this.ws.on("close", (code) => {
      this.closeCode = code;
      this.waiters.forEach((w) => w());
    });
  }

  /** Connects and waits for HELLO, after which the socket is open. */
  static async connect(url: string, keep: RawGateway[]): Promise<RawGateway> {
    const gw = new RawGateway(url);
    keep.push(gw);
    await gw.next((f) => f.op === 10);
    return gw;
  }

  send(op: number, d: unknown): void {
    this.ws.send(JSON.stringify({ op, d }));
  }

  async next(pred: (f: Frame) => boolean, timeoutMs = 2000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const f = this.frames.find(pred);
      if (f) return f;
      if (Date.now() > deadline) throw new Error("frame not received");
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50).unref();
      });
    }
  }

  async closed(): Promise<number | undefined> {
    await this.next(() => this.closeCode !== undefined).catch(() => undefined);
    return this.closeCode;
  }
}

describe("gateway protocol", () => {
  let d: FakeDiscord;
  const sockets: RawGateway[] = [];
  const open = () => RawGateway.connect(d.gatewayUrl, sockets);
  beforeEach(async () => {
    d = await startFakeDiscord();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.ws.terminate();
    await d.close();
  });

  it("says HELLO, acks heartbeats and refuses a wrong token with 4004", async () => {
    const gw = await open();
    const hello = await gw.next((f) => f.op === 10);
    expect(hello.d?.heartbeat_interval).toBe(41_250);
    gw.send(1, null);
    await gw.next((f) => f.op === 11);
    gw.send(2, { token: "wrong", intents: 1, properties: {} });
    expect(await gw.closed()).toBe(4004);
  });

  it("sends READY then one GUILD_CREATE per guild with increasing sequence numbers", async () => {
    const g1 = d.addGuild({ name: "One" });
    const g2 = d.addGuild({ name: "Two" });
    d.addChannel(g1.id, { name: "news" });
    const gw = await open();
    gw.send(2, { token: d.token, intents: 1, properties: {} });
    const ready = await gw.next((f) => f.t === "READY");
    expect(ready.d).toMatchObject({
      v: 10,
      user: { id: d.botUserId, bot: true },
      guilds: [
        { id: g1.id, unavailable: true },
        { id: g2.id, unavailable: true },
      ],
      application: { id: d.applicationId, flags: 0 },
      resume_gateway_url: d.gatewayUrl,
    });
    const creates = await gw.next((f) => f.t === "GUILD_CREATE" && f.d?.id === g2.id).then(() => gw.frames.filter((f) => f.t === "GUILD_CREATE"));
    expect(creates.map((f) => f.d?.id)).toEqual([g1.id, g2.id]);
    const g1Create = creates[0]?.d as { channels: { name: string }[]; members: { user: { id: string } }[] };
    expect(g1Create.channels.map((c) => c.name)).toEqual(["news"]);
    expect(g1Create.members.map((m) => m.user.id)).toContain(d.botUserId);
    expect(gw.frames.filter((f) => f.op === 0).map((f) => f.s)).toEqual([1, 2, 3]);
  });

  it("replays missed events on RESUME and answers an unknown session with op 9", async () => {
    const gw = await open();
    gw.send(2, { token: d.token, intents: 1, properties: {} });
    const ready = await gw.next((f) => f.t === "READY");
    gw.ws.close(4000);
    await gw.closed();
    const g = d.addGuild({ name: "Later" });

    const again = await open();
    again.send(6, { token: d.token, session_id: ready.d?.session_id, seq: ready.s });
    const replay = await again.next((f) => f.t === "GUILD_CREATE");
    expect(replay.d?.id).toBe(g.id);
    await again.next((f) => f.t === "RESUMED");
    expect(d.gatewayStats()).toMatchObject({ resumes: 1, connected: 1 });

    const stranger = await open();
    stranger.send(6, { token: d.token, session_id: "nope", seq: 1 });
    expect((await stranger.next((f) => f.op === 9)).d).toBe(false);
  });
});

describe("REST surface", () => {
  let d: FakeDiscord;
  const api = (path: string, init: RequestInit & { auth?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    if (init.auth !== null) headers.set("Authorization", init.auth ?? `Bot ${d.token}`);
    if (init.body) headers.set("Content-Type", "application/json");
    return fetch(`${d.restBase}/v10${path}`, { ...init, headers });
  };
  beforeEach(async () => {
    d = await startFakeDiscord({ channelBucket: { limit: 2, windowMs: 60_000 }, interactionDeadlineMs: 100 });
  });
  afterEach(async () => {
    await d.close();
  });

  it("requires the bot token and records requests without it", async () => {
    expect((await api("/users/@me", { auth: null })).status).toBe(401);
    expect((await api("/users/@me", { auth: "Bot nope" })).status).toBe(401);
    const ok = await api("/users/@me", { headers: { "X-Audit": "1" } });
    expect(ok.headers.get("content-type")).toBe("application/json");
    expect(await ok.json()).toMatchObject({ id: d.botUserId, bot: true });
    const rec = d.requests().at(-1);
    expect(rec).toMatchObject({ method: "GET", path: "/users/@me", status: 200 });
    expect(rec?.headers["x-audit"]).toBe("1");
    expect(rec?.headers.authorization).toBeUndefined();
    expect(await (await api("/gateway/bot")).json()).toMatchObject({ url: d.gatewayUrl, shards: 1 });
    expect(await (await api("/oauth2/applications/@me")).json()).toMatchObject({ id: d.applicationId });
  });

  it("answers unknown ids with Discord's codes", async () => {
    const codeOf = async (r: Promise<Response>) => ((await (await r).json()) as { code: number }).code;
    expect(await codeOf(api("/channels/1"))).toBe(10003);
    expect(await codeOf(api("/guilds/1"))).toBe(10004);
    const g = d.addGuild({ name: "G" });
    expect(await codeOf(api(`/guilds/${g.id}/members/1`))).toBe(10007);
    expect(await codeOf(api("/users/@me/channels", { method: "POST", body: JSON.stringify({ recipient_id: "1" }) }))).toBe(10013);
    d.removeGuild(g.id);
    expect(await codeOf(api(`/guilds/${g.id}`))).toBe(10004);
  });

  it("sends 429 with Discord's headers once a channel bucket is spent", async () => {
    const g = d.addGuild({ name: "G" });
    const ch = d.addChannel(g.id, { name: "c" });
    const post = () => api(`/channels/${ch.id}/messages`, { method: "POST", body: JSON.stringify({ content: "hi" }) });
    const first = await post();
    expect(first.headers.get("x-ratelimit-limit")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    expect(first.headers.get("x-ratelimit-bucket")).toBe("fake-channel-messages");
    await post();
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("x-ratelimit-scope")).toBe("user");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("x-ratelimit-reset-after")).not.toBeNull();
    expect(await limited.json()).toMatchObject({ message: "You are being rate limited.", global: false });
    expect(d.messages(ch.id)).toHaveLength(2);
  });

  it("plays scripted failures by RegExp for the given number of times", async () => {
    d.failNext({ path: /^\/guilds\//, status: 500, code: 0, message: "boom", times: 2 });
    const g = d.addGuild({ name: "G" });
    expect((await api(`/guilds/${g.id}`)).status).toBe(500);
    expect((await api(`/guilds/${g.id}/channels`)).status).toBe(500);
    expect((await api(`/guilds/${g.id}`)).status).toBe(200);
    expect((await api("/users/@me")).status).toBe(200);
  });

  it("enforces the interaction deadline, single acknowledgement and follow-up order", async () => {
    const g = d.addGuild({ name: "G" });
    const ch = d.addChannel(g.id, { name: "c" });
    const user = d.addMember(g.id, { username: "bob" });
    const sockets: RawGateway[] = [];
    const gw = await RawGateway.connect(d.gatewayUrl, sockets);
    try {
      gw.send(2, { token: d.token, intents: 1, properties: {} });
      await gw.next((f) => f.t === "READY");
      // A generous deadline: this part checks acknowledgement order, not time (a loaded machine can
      // take seconds between the gateway event and the callbacks); the deadline itself is tested below.
      const pending = d.interact({ guildId: g.id, channelId: ch.id, userId: user.userId, name: "ping", timeoutMs: 20_000 });
      pending.catch(() => undefined);
      const created = await gw.next((f) => f.t === "INTERACTION_CREATE");
      const { id, token } = created.d as { id: string; token: string };
      const followUpEarly = await api(`/webhooks/${d.applicationId}/${token}`, { method: "POST", auth: null, body: JSON.stringify({ content: "x" }) });
      expect(((await followUpEarly.json()) as { code: number }).code).toBe(10015);
      const cb = (body: unknown) => api(`/interactions/${id}/${token}/callback`, { method: "POST", auth: null, body: JSON.stringify(body) });
      expect((await cb({ type: 4, data: {} })).status).toBe(400);
      expect((await cb({ type: 4, data: { content: "pong" } })).status).toBe(204);
      expect(((await (await cb({ type: 4, data: { content: "again" } })).json()) as { code: number }).code).toBe(40060);
      const rec = await pending;
      expect(rec.original?.content).toBe("pong");

      const late = d.interact({ guildId: g.id, channelId: ch.id, userId: user.userId, name: "slow", timeoutMs: 400 });
      const c2 = await gw.next((f) => f.t === "INTERACTION_CREATE" && (f.d?.data as { name: string }).name === "slow");
      await new Promise((r) => setTimeout(r, 150));
      const { id: id2, token: t2 } = c2.d as { id: string; token: string };
      const lateRes = await api(`/interactions/${id2}/${t2}/callback`, { method: "POST", auth: null, body: JSON.stringify({ type: 5 }) });
      expect(((await lateRes.json()) as { code: number }).code).toBe(10062);
      await expect(late).rejects.toThrow(/not answered/);
    } finally {
      gw.ws.terminate();
    }
  });
});
