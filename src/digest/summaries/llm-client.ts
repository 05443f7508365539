/**
 * A chat-completions client for any OpenAI-compatible server (OpenAI, Ollama, llama.cpp, vLLM, LM
 * Studio), on the official `openai` package with `baseURL`. It asks for JSON-schema structured output
 * first; a server that refuses it is asked for a JSON object, then for plain text (the answer parser
 * reads all three), and the mode that worked is remembered for the life of the client.
 *
 * Retries are ours, not the SDK's, so that every wait is bounded: a 429 is retried after its
 * `retry-after` when that fits in `maxRetryWaitMs`, a 5xx after a short backoff; a timeout or an
 * unreachable server is not retried (the caller stops calling for the run). The API key goes only
 * into the Authorization header: the SDK's own logging is off, and errors carry no headers.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { NewsdeskError } from "../../core/errors.js";
import { ANSWER_SCHEMA, type ChatMessage } from "./grounding-prompt.js";

export type OutputMode = "json_schema" | "json_object" | "plain";

/** Why a call gave no answer: `unreachable` and `timeout` mean the model is down for now. */
export type LlmFailure = "unreachable" | "timeout" | "rate-limited" | "server" | "refused" | "aborted" | "answer";

/** The language model failed; `code` is an LlmFailure. The message never contains the key. */
export class LanguageModelError extends NewsdeskError {
  declare readonly code: LlmFailure;
  constructor(code: LlmFailure, message: string, cause?: unknown) {
    super(message, { code, userMessage: "the summary model is not available", cause });
  }
}

export interface LlmClientOptions {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  /** Per request. */
  timeoutMs: number;
  /** Attempts per call, retries included (default 3). */
  maxAttempts?: number;
  /** Longest wait for a 429's retry-after before giving up the call (default 20 s). */
  maxRetryWaitMs?: number;
  /** Backoff before retrying a 5xx (default 1 s, doubled per retry). */
  serverBackoffMs?: number;
  /** The JSON schema asked for (default ANSWER_SCHEMA). */
  schema?: object;
}

export interface LlmClient {
  readonly model: string;
  /** The output mode this server accepted last. */
  readonly mode: OutputMode;
  /** The answer's text content. Throws LanguageModelError. */
  complete(messages: readonly ChatMessage[], opts?: { signal?: AbortSignal }): Promise<string>;
}

/** Words servers use when they refuse `response_format` (OpenAI, vLLM, llama.cpp, LM Studio, LiteLLM). */
const FORMAT_REFUSAL = /response_format|json_schema|json_object|structured output|schema|grammar/i;

export function createLlmClient(opts: LlmClientOptions): LlmClient {
  const openai = new OpenAI({
    baseURL: opts.baseUrl,
    // Local servers need no key; the SDK insists on one, and they ignore it.
    apiKey: opts.apiKey ?? "no-key",
    timeout: opts.timeoutMs,
    maxRetries: 0,
    logLevel: "off",
    // Everything explicit: the SDK would otherwise read OPENAI_* variables behind config.ts's back.
    organization: null,
    project: null,
    webhookSecret: null,
  });
  const maxAttempts = opts.maxAttempts ?? 3;
  const maxWait = opts.maxRetryWaitMs ?? 20_000;
  const backoff = opts.serverBackoffMs ?? 1_000;
  let mode: OutputMode = "json_schema";

  function responseFormat(): Record<string, unknown> {
    if (mode === "json_schema") {
      return { response_format: { type: "json_schema", json_schema: { name: "grounded_summary", strict: true, schema: opts.schema ?? ANSWER_SCHEMA } } };
    }
    return mode === "json_object" ? { response_format: { type: "json_object" } } : {};
  }

  async function complete(messages: readonly ChatMessage[], o: { signal?: AbortSignal } = {}): Promise<string> {
    let attempt = 0;
    for (;;) {
      attempt++;
      try {
        const res = await openai.chat.completions.create(
          {
            model: opts.model,
            messages: messages.map((m) => ({ role: m.role, content: m.content })),
            temperature: 0,
            max_tokens: 700,
            ...responseFormat(),
          } as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
          { ...(o.signal ? { signal: o.signal } : {}) },
        );
        const content = res.choices?.[0]?.message?.content;
        if (typeof content !== "string" || content.trim() === "") {
          throw new LanguageModelError("answer", "the model returned no text");
        }
        return content;
      } catch (err) {
        if (err instanceof LanguageModelError) throw err;
        if (err instanceof APIUserAbortError || o.signal?.aborted) throw new LanguageModelError("aborted", "the call was cancelled", err);
        if (err instanceof APIConnectionTimeoutError) {
          throw new LanguageModelError("timeout", `no answer within ${opts.timeoutMs} ms`, err);
        }
        if (err instanceof APIConnectionError) {
          throw new LanguageModelError("unreachable", `cannot reach the model server: ${causeText(err)}`, err);
        }
        if (!(err instanceof APIError) || err.status === undefined) {
          throw new LanguageModelError("answer", `unexpected reply: ${(err as Error).message}`, err);
        }
        const status = err.status;
        if ((status === 400 || status === 422 || status === 501) && mode !== "plain" && FORMAT_REFUSAL.test(err.message)) {
          // The server does not do structured output: ask again, more simply, without counting an attempt.
          mode = mode === "json_schema" ? "json_object" : "plain";
          attempt--;
          continue;
        }
        if (status === 429) {
          const wait = retryAfterMs(err.headers) ?? backoff * 2 ** (attempt - 1);
          if (attempt < maxAttempts && wait <= maxWait) {
            await sleep(wait, o.signal);
            continue;
          }
          throw new LanguageModelError("rate-limited", `rate limited (retry after ${Math.round(wait / 1000)} s)`, err);
        }
        if (status >= 500) {
          if (attempt < maxAttempts) {
            await sleep(backoff * 2 ** (attempt - 1), o.signal);
            continue;
          }
          throw new LanguageModelError("server", `the model server failed with HTTP ${status}`, err);
        }
        throw new LanguageModelError("refused", `the model server refused the request: HTTP ${status} ${shortMessage(err)}`, err);
      }
    }
  }

  return {
    model: opts.model,
    get mode() {
      return mode;
    },
    complete,
  };
}

/** `retry-after-ms`, else `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get("retry-after-ms"));
  if (headers?.get("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
  const v = headers?.get("retry-after");
  if (!v) return undefined;
  const s = Number(v);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(t);
      reject(new LanguageModelError("aborted", "the call was cancelled"));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function causeText(err: Error): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? err.message;
}

/** The server's own error text, one line, bounded (it may echo our prompt). */
function shortMessage(err: APIError): string {
  return err.message.replace(/\s+/g, " ").slice(0, 200);
}
