/**
 * Grounded summaries for the stories a delivery run selected. Each story version is summarised once
 * (cached in the store), never per destination; the day's budget goes to the most important stories
 * first; a failed call leaves the extractive summary and is retried at most once, in a later run.
 * An unreachable or timed-out model stops the calls for the run, so digests go out on time, and is
 * logged once per outage, not once per story or run. Nothing here throws: the worst case is the
 * extractive summary.
 */
import { describeError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import type { CitedSentenceRecord, Store, StoredSummary } from "../../core/ports.js";
import type { Item, Story } from "../../core/types.js";
import { runWithLimits } from "../ingest/run-with-limits.js";
import { groundingMessages, TRANSLATED_ANSWER_SCHEMA, type PromptSource } from "./grounding-prompt.js";
import { createLlmClient, LanguageModelError, type LlmClient } from "./llm-client.js";
import { parseAnswer } from "./parse-answer.js";
import { promptSourcesOf, summaryVersion, toCited, withCited } from "./stored-summaries.js";
import { verifyGrounding, type DroppedSentence } from "./verify-grounding.js";

export interface GroundedSummaryOptions {
  /** Model calls per UTC day at most. */
  maxPerDay: number;
  language?: string | null;
  /** Calls in flight at once (default 4). */
  concurrency?: number;
  /** The whole run's time for model calls; later stories keep their extractive summary (default 60 s). */
  runTimeMs?: number;
  /** A failed version is retried once, no sooner than this after the failure (default 15 min). */
  retryAfterMs?: number;
}

export interface SummaryRunReport {
  stories: number;
  cached: number;
  calls: number;
  /** Calls whose answer kept at least one sentence. */
  grounded: number;
  /** Calls whose every sentence was dropped. */
  empty: number;
  failed: number;
  /** Stories left extractive because the budget was spent, the model was down or the run's time ran out. */
  skipped: number;
  sentencesKept: number;
  sentencesDropped: number;
}

export interface GroundedSummaries {
  /** The stories (same order), each with its grounded summary where one exists or could be made. */
  summarize(stories: readonly Story[], now: Date): Promise<{ stories: Story[]; report: SummaryRunReport }>;
}

export interface GroundedSummaryDeps {
  store: Store;
  client: LlmClient;
  logger: Logger;
  /** Told about each sentence the verifier dropped (tests and metrics). */
  onDropped?: (storyId: string, dropped: DroppedSentence) => void;
}

export function createGroundedSummaries(deps: GroundedSummaryDeps, opts: GroundedSummaryOptions): GroundedSummaries {
  const { store, client, logger } = deps;
  // Outage state lives across runs: one warning when the model goes away, one info when it is back.
  let down = false;

  async function summarizeOne(
    story: Story,
    version: string,
    now: Date,
    signal: AbortSignal,
    report: SummaryRunReport,
  ): Promise<StoredSummary["status"] | "aborted" | "budget"> {
    const sources = promptSourcesOf(story);
    const items = new Map((await store.items.getMany(sources.map((s) => s.itemId))).map((i) => [i.id, i]));
    const prompt: PromptSource[] = [];
    sources.forEach((s, i) => {
      const item: Item | undefined = items.get(s.itemId);
      if (item) prompt.push({ n: i + 1, outlet: s.name, title: item.title, text: item.summary, time: item.publishedAt });
    });
    if (prompt.length === 0) return "aborted";
    // The budget is taken only for a call about to be made.
    if (!(await store.summaries.reserveCall(now.toISOString().slice(0, 10), opts.maxPerDay))) return "budget";
    report.calls++;
    const record = (status: StoredSummary["status"], sentences: CitedSentenceRecord[], lastError: string | null) =>
      store.summaries.record({ storyId: story.id, version, status, sentences, model: client.model, lastError }, now);
    let content: string;
    // One child signal per call: the SDK's listeners go on it and are dropped with it, not piled on the run's.
    const call = new AbortController();
    const cancel = () => call.abort();
    signal.addEventListener("abort", cancel, { once: true });
    try {
      content = await client.complete(groundingMessages(story.title, prompt, { language: opts.language ?? null }), { signal: call.signal });
    } catch (err) {
      if (err instanceof LanguageModelError && err.code === "aborted") return "aborted";
      if (err instanceof LanguageModelError && (err.code === "unreachable" || err.code === "timeout")) {
        if (!down) logger.warn({ err: err.message, model: client.model }, "language model unavailable: digests use extractive summaries until it is back");
        down = true;
      }
      // An unreachable server says nothing about this story: its one retry is kept for a real failure.
      if (!(err instanceof LanguageModelError && err.code === "unreachable")) await record("failed", [], describeError(err));
      throw err;
    } finally {
      signal.removeEventListener("abort", cancel);
    }
    if (down) logger.info({ model: client.model }, "language model reachable again");
    down = false;
    let proposed;
    try {
      proposed = parseAnswer(content);
    } catch (err) {
      await record("failed", [], describeError(err));
      throw err;
    }
    const verdict = verifyGrounding(proposed, prompt);
    report.sentencesDropped += verdict.dropped.length;
    for (const d of verdict.dropped) deps.onDropped?.(story.id, d);
    const sentences = verdict.kept.map((k) => ({
      text: k.text,
      itemIds: k.sources.map((n) => sources[n - 1]?.itemId).filter((id): id is string => id !== undefined),
    }));
    await record(sentences.length ? "ok" : "empty", sentences, null);
    return sentences.length ? "ok" : "empty";
  }

  return {
    async summarize(input, now) {
      const report: SummaryRunReport = {
        stories: input.length, cached: 0, calls: 0, grounded: 0, empty: 0, failed: 0, skipped: 0, sentencesKept: 0, sentencesDropped: 0,
      };
      const versions = new Map(input.map((s) => [s.id, summaryVersion(s)]));
      let rows: StoredSummary[];
      try {
        rows = await store.summaries.getMany(input.map((s) => ({ storyId: s.id, version: versions.get(s.id) as string })));
      } catch (err) {
        logger.warn({ err: describeError(err) }, "stored summaries could not be read; using extractive summaries");
        return { stories: [...input], report };
      }
      const byStory = new Map(rows.filter((r) => r.version === versions.get(r.storyId)).map((r) => [r.storyId, r]));
      const retryAfter = opts.retryAfterMs ?? 15 * 60_000;
      const todo = input
        .filter((s) => {
          const row = byStory.get(s.id);
          if (!row) return true;
          if (row.status !== "failed") return false;
          // One retry, in a later run.
          return row.attempts < 2 && now.getTime() - row.updatedAt.getTime() >= retryAfter;
        })
        .sort((a, b) => b.score - a.score);
      report.cached = input.length - todo.length;

      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), opts.runTimeMs ?? 60_000);
      let budgetLeft = true;
      // Set when the model proves down in this run: the rest keep their extractive summary. The next
      // run tries again (its first call is the probe).
      let outage = false;
      try {
        await runWithLimits(todo, () => "model", { concurrency: opts.concurrency ?? 4, perKey: opts.concurrency ?? 4 }, async (story) => {
          if (controller.signal.aborted || !budgetLeft || outage) {
            report.skipped++;
            return;
          }
          try {
            const status = await summarizeOne(story, versions.get(story.id) as string, now, controller.signal, report);
            if (status === "ok") report.grounded++;
            else if (status === "empty") report.empty++;
            else {
              if (status === "budget") budgetLeft = false;
              report.skipped++;
            }
          } catch (err) {
            report.failed++;
            if (err instanceof LanguageModelError && (err.code === "unreachable" || err.code === "timeout")) outage = true;
            else {
              logger.info({ storyId: story.id, err: describeError(err) }, "grounded summary failed; extractive summary used");
            }
          }
        });
      } finally {
        clearTimeout(timer);
      }

      const fresh = await store.summaries
        .getMany(todo.map((s) => ({ storyId: s.id, version: versions.get(s.id) as string })))
        .catch(() => [] as StoredSummary[]);
      for (const r of fresh) byStory.set(r.storyId, r);
      const out = input.map((s) => {
        const row = byStory.get(s.id);
        if (!row || row.status !== "ok" || row.version !== versions.get(s.id)) return s;
        const cited = toCited(s, row.sentences);
        return withCited(s, cited);
      });
      for (const s of out) if (s.cited) report.sentencesKept += s.cited.length;
      logger.info({ ...report, budgetLeft, mode: client.mode }, "grounded summaries");
      return { stories: out, report };
    },
  };
}

/** The LLM_* settings (config.llm), structurally: the digest does not import the config module. */
export interface LanguageModelSettings {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  timeoutMs: number;
  maxStoriesPerDay: number;
  language: string | null;
}

/** Client and summariser from the operator's settings, as src/main.ts wires them. */
export function groundedSummariesFor(
  settings: LanguageModelSettings,
  deps: Omit<GroundedSummaryDeps, "client">,
): GroundedSummaries {
  const client = createLlmClient({
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    model: settings.model,
    timeoutMs: settings.timeoutMs,
    ...(settings.language ? { schema: TRANSLATED_ANSWER_SCHEMA } : {}),
  });
  return createGroundedSummaries(
    { ...deps, client },
    {
      maxPerDay: settings.maxStoriesPerDay,
      language: settings.language,
      // Room for a slow answer and one retry; after that the digests go out with what is ready.
      runTimeMs: Math.max(20_000, 2 * settings.timeoutMs + 5_000),
    },
  );
}
