import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../../src/core/ports.js";
import type { Story } from "../../../src/core/types.js";
import { createGroundedSummaries, type GroundedSummaryOptions } from "../../../src/digest/summaries/grounded-summaries.js";
import { createLlmClient, type LlmClientOptions } from "../../../src/digest/summaries/llm-client.js";
import { previewDigest } from "../../../src/digest/build-digest.js";
import { summaryVersion } from "../../../src/digest/summaries/stored-summaries.js";
import { asJson, groundedAnswer, startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from "../../fakes/openai/fake-openai.js";
import { ARM, GOOGLE, MICROSOFT, NOW, OPENAI, recordingLogger, storiesStore } from "./summary-fixture.js";

const KEY = "sk-test-0123456789abcdef";
let open: { fake: FakeOpenAI; store: Store }[] = [];
afterEach(async () => {
  for (const o of open) {
    await o.fake.close();
    await o.store.close();
  }
  open = [];
});

async function setup(
  fakeOpts: FakeOpenAIOptions = {},
  o: { client?: Partial<LlmClientOptions>; summaries?: Partial<GroundedSummaryOptions>; stories?: Parameters<typeof storiesStore>[0] } = {},
) {
  const fake = await startFakeOpenAI(fakeOpts);
  const { store, stories } = await storiesStore(o.stories ?? [MICROSOFT, OPENAI]);
  open.push({ fake, store });
  const logger = recordingLogger();
  const client = createLlmClient({ baseUrl: fake.url, apiKey: KEY, model: "test-model", timeoutMs: 2_000, serverBackoffMs: 10, ...o.client });
  const summaries = createGroundedSummaries({ store, client, logger }, { maxPerDay: 100, ...o.summaries });
  return { fake, store, stories, logger, client, summaries };
}

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe("grounded summaries against an OpenAI-compatible server", () => {
  it("a good answer: every sentence kept with its citations, the summary replaced, the key only in the header", async () => {
    const { fake, stories, summaries, logger } = await setup();
    const r = await summaries.summarize(stories, NOW);
    const ms = r.stories[0] as Story;
    expect(ms.cited).toEqual([
      { text: "The pledge is Microsoft's largest ever in France and includes a new data-centre campus in eastern France.", sources: [1] },
      { text: "Microsoft will also support 2,500 AI start-ups in France by 2027.", sources: [2] },
    ]);
    expect(ms.summary).toBe(ms.cited?.map((c) => c.text).join(" "));
    expect(r.report).toMatchObject({ calls: 2, grounded: 2, failed: 0 });
    expect(fake.requests[0]?.authorization).toBe(`Bearer ${KEY}`);
    expect(fake.requests[0]?.body.response_format?.type).toBe("json_schema");
    expect(fake.requests[0]?.body.messages[1]?.content).toContain("[2] EuroDigital, 2026-11-24 07:00 UTC");
    expect(JSON.stringify(logger.entries)).not.toContain(KEY);
  });

  it("drops a sentence with a number or a name no cited source has, keeps the rest", async () => {
    const { summaries, stories } = await setup({
      respond: (req) => ({
        content: asJson([
          ...groundedAnswer(req),
          { text: "Microsoft will invest 7 billion euros in total.", sources: [1] },
          { text: "Satya Nadella said the campus opens in Lyon.", sources: [1, 2] },
        ]),
      }),
    });
    const r = await summaries.summarize(stories.slice(0, 1), NOW);
    expect(r.stories[0]?.cited?.map((c) => c.text)).toEqual([
      "The pledge is Microsoft's largest ever in France and includes a new data-centre campus in eastern France.",
      "Microsoft will also support 2,500 AI start-ups in France by 2027.",
    ]);
    expect(r.report.sentencesDropped).toBe(2);
  });

  it("an answer of hallucinations only: extractive summary, recorded as empty, not asked again", async () => {
    const { fake, summaries, stories } = await setup({
      respond: () => ({ content: asJson([{ text: "Apple will buy Microsoft for 9 trillion dollars.", sources: [1] }]) }),
    });
    const r = await summaries.summarize(stories.slice(0, 1), NOW);
    expect(r.stories[0]).toEqual(stories[0]);
    expect(r.report.empty).toBe(1);
    await summaries.summarize(stories.slice(0, 1), at(60));
    expect(fake.requests).toHaveLength(1);
  });

  it("invalid JSON: extractive; retried once in a later run, then never again", async () => {
    const { fake, store, summaries, stories } = await setup({ respond: () => ({ content: '{"sentences": [{"text": "Micro' }) });
    const one = stories.slice(0, 1);
    expect((await summaries.summarize(one, NOW)).stories[0]).toEqual(stories[0]);
    const [row] = await store.summaries.getMany([{ storyId: "story-0", version: summaryVersion(stories[0]!) }]);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row?.lastError).toMatch(/not valid JSON/);
    await summaries.summarize(one, at(1)); // too soon for the retry
    expect(fake.requests).toHaveLength(1);
    await summaries.summarize(one, at(20));
    expect(fake.requests).toHaveLength(2);
    await summaries.summarize(one, at(60));
    await summaries.summarize(one, at(600));
    expect(fake.requests).toHaveLength(2);
  });

  it("a slow answer: timeout, extractive summary, one warning, and no more calls in the run", async () => {
    const { fake, summaries, stories, logger } = await setup({ respond: () => ({ content: "{}", delayMs: 1_500 }) }, { client: { timeoutMs: 300 }, summaries: { concurrency: 1 } });
    const started = Date.now();
    const r = await summaries.summarize(stories, NOW);
    expect(Date.now() - started).toBeLessThan(1_400);
    expect(r.stories).toEqual(stories);
    expect(r.report).toMatchObject({ failed: 1, skipped: 1, calls: 1 });
    expect(fake.requests).toHaveLength(1);
    expect(logger.entries.filter((e) => e.level === "warn")).toHaveLength(1);
    // Still down in the next run: one probe call, no second warning.
    await summaries.summarize(stories, at(30));
    expect(fake.requests).toHaveLength(2);
    expect(logger.entries.filter((e) => e.level === "warn")).toHaveLength(1);
    // Back: the first story timed out twice (its one retry is spent), the second is summarised now.
    fake.respond = (req) => ({ content: asJson(groundedAnswer(req)) });
    const back = await summaries.summarize(stories, at(60));
    expect(back.stories.map((s) => Boolean(s.cited))).toEqual([false, true]);
    expect(logger.entries.some((e) => e.msg === "language model reachable again")).toBe(true);
  }, 10_000);

  it("429 with retry-after: waits as told, then succeeds", async () => {
    const { fake, summaries, stories } = await setup({
      respond: (req, n) => (n === 1 ? { status: 429, headers: { "retry-after": "1" } } : { content: asJson(groundedAnswer(req)) }),
    });
    const started = Date.now();
    const r = await summaries.summarize(stories.slice(1), NOW);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(r.stories[0]?.cited).toHaveLength(1);
    expect(fake.requests).toHaveLength(2);
  });

  it("429 asking for a longer wait than allowed: gives up at once, extractive", async () => {
    const { fake, summaries, stories } = await setup({ respond: () => ({ status: 429, headers: { "retry-after": "120" } }) });
    const started = Date.now();
    const r = await summaries.summarize(stories.slice(1), NOW);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(r.stories[0]).toEqual(stories[1]);
    expect(r.report.failed).toBe(1);
    expect(fake.requests).toHaveLength(1);
  });

  it("500: retried with backoff, then extractive when it persists", async () => {
    const flaky = await setup({ respond: (req, n) => (n === 1 ? { status: 500 } : { content: asJson(groundedAnswer(req)) }) });
    expect((await flaky.summaries.summarize(flaky.stories.slice(1), NOW)).stories[0]?.cited).toHaveLength(1);
    const broken = await setup({ respond: () => ({ status: 500 }) });
    const r = await broken.summaries.summarize(broken.stories.slice(1), NOW);
    expect(r.stories[0]).toEqual(broken.stories[1]);
    expect(broken.fake.requests).toHaveLength(3);
  });

  it("a server without JSON-schema support: falls back, reads plain cited text, remembers the mode", async () => {
    const { fake, summaries, stories, client } = await setup({
      jsonSchema: false,
      respond: (req) => ({ content: groundedAnswer(req).map((s) => `${s.text} [${s.sources.join("][")}]`).join(" ") }),
    }, { summaries: { concurrency: 1 } });
    const r = await summaries.summarize(stories, NOW);
    expect(r.stories.map((s) => s.cited?.length)).toEqual([2, 1]);
    expect(fake.requests.map((q) => q.body.response_format?.type)).toEqual(["json_schema", "json_object", "json_object"]);
    expect(client.mode).toBe("json_object");
  });

  it("one call per story version: cached across runs, a new source makes a new version", async () => {
    const { fake, store, summaries, stories } = await setup();
    await summaries.summarize(stories, NOW);
    await summaries.summarize(stories, at(60));
    expect(fake.requests).toHaveLength(2);
    const grown: Story = { ...stories[1]!, sources: [...stories[1]!.sources, stories[0]!.sources[0]!] };
    await summaries.summarize([grown], at(90));
    expect(fake.requests).toHaveLength(3);
    expect(await store.summaries.callsOn("2026-11-24")).toBe(3);
  });

  it("the daily budget goes to the most important stories first", async () => {
    const { fake, summaries, stories } = await setup({}, { stories: [MICROSOFT, OPENAI, GOOGLE, ARM], summaries: { maxPerDay: 2, concurrency: 1 } });
    const shuffled = [stories[3]!, stories[1]!, stories[0]!, stories[2]!];
    const r = await summaries.summarize(shuffled, NOW);
    expect(fake.requests).toHaveLength(2);
    expect(r.stories.filter((s) => s.cited).map((s) => s.id).sort()).toEqual(["story-0", "story-1"]);
    expect(r.report).toMatchObject({ calls: 2, skipped: 2 });
    // The next UTC day has a new budget.
    await summaries.summarize(shuffled, new Date("2026-11-25T08:00:00Z"));
    expect(fake.requests).toHaveLength(4);
  });

  it("an unreachable server: extractive, one warning", async () => {
    const { fake, store, summaries, stories, logger } = await setup();
    await fake.close();
    const r = await summaries.summarize(stories, NOW);
    expect(r.stories).toEqual(stories);
    const warns = logger.entries.filter((e) => e.level === "warn");
    expect(warns).toHaveLength(1);
    expect(warns[0]?.msg).toMatch(/language model unavailable/);
    // Nothing was asked, so no story's one retry is spent.
    expect(await store.summaries.getMany(stories.map((s) => ({ storyId: s.id, version: summaryVersion(s) })))).toEqual([]);
  });

  it("previews show the grounded summaries already made, and never call the model", async () => {
    const { fake, store, summaries, stories } = await setup();
    await summaries.summarize(stories.slice(0, 1), NOW);
    const calls = fake.requests.length;
    const shown = await previewDigest(store, { groundedSummaries: true }, at(10));
    const ms = shown.stories.find((s) => s.id === "story-0");
    expect(ms?.citations?.map((c) => c.sources.map((x) => x.n))).toEqual([[1], [2]]);
    expect(ms?.citations?.[1]?.sources[0]?.url).toBe(stories[0]?.sources[1]?.url);
    expect(shown.stories.find((s) => s.id === "story-1")?.citations).toBeUndefined();
    const plain = await previewDigest(store, {}, at(10));
    expect(plain.stories.every((s) => !s.citations)).toBe(true);
    expect(fake.requests.length).toBe(calls);
  });
});
