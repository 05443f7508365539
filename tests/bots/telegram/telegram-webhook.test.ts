import { afterEach, describe, expect, it } from "vitest";
import { botMessages, startHarness, type Harness } from "./harness.js";

const ALICE = 1001;
const SECRET = "s3cret-token_value";
let h: Harness;

afterEach(async () => {
  await h?.close();
});

function update(id: number, text: string) {
  return {
    update_id: id,
    message: {
      message_id: 1,
      date: 1_790_000_000,
      chat: { id: ALICE, type: "private", first_name: "Alice" },
      from: { id: ALICE, is_bot: false, first_name: "Alice" },
      text,
      entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }],
    },
  };
}

async function post(path: string, body: unknown, secret?: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${h.adapter.webhookPort}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

describe("webhook mode", () => {
  it("registers the webhook with its secret, rejects requests without it and handles those with it", async () => {
    h = await startHarness({
      bot: { webhook: { url: "https://bot.example/telegram/hook", port: 0, host: "127.0.0.1", secret: SECRET } },
    });
    h.fake.addUser({ id: ALICE, first_name: "Alice" });
    expect(h.fake.records.webhook).toMatchObject({ url: "https://bot.example/telegram/hook", secret_token: SECRET });

    expect(await post("/telegram/hook", update(1, "/subscribe openai"))).toBe(401);
    expect(await post("/telegram/hook", update(2, "/subscribe openai"), "wrong")).toBe(401);
    expect(await post("/elsewhere", update(3, "/subscribe openai"), SECRET)).toBe(404);
    expect(botMessages(h.fake, ALICE)).toEqual([]);

    expect(await post("/telegram/hook", update(4, "/subscribe openai"), SECRET)).toBe(200);
    await h.adapter.idle(); // the webhook answers once the update is queued, before the reply goes out
    expect(botMessages(h.fake, ALICE)[0]?.text).toContain("You now follow OpenAI");
    expect(h.fake.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });
});
