/**
 * A fake OpenAI-compatible server on 127.0.0.1: POST /v1/chat/completions answers as OpenAI, Ollama or
 * llama.cpp would, scripted by the test (a status, headers, a delay, the answer's text). By default it
 * writes a grounded answer from the numbered sources of the prompt, as a well-behaved model would.
 * Servers without JSON-schema support refuse `response_format: json_schema` with a 400, as vLLM and
 * older llama.cpp builds do.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: unknown };
  temperature?: number;
  max_tokens?: number;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** The assistant message's text (a chat.completion is built around it). */
  content?: string;
  /** A raw body instead (errors). */
  body?: unknown;
  delayMs?: number;
}

export interface PromptSource {
  n: number;
  outlet: string;
  title: string;
  text: string;
}

export interface FakeOpenAIOptions {
  /** false: `response_format: json_schema` gets a 400 (default true). */
  jsonSchema?: boolean;
  respond?: (req: ChatRequest, call: number) => FakeReply | Promise<FakeReply>;
}

export interface FakeOpenAI {
  /** Base URL for the client, ending in /v1. */
  readonly url: string;
  /** Every request received, in order (including refused ones). */
  readonly requests: { body: ChatRequest; authorization: string | undefined; path: string }[];
  /** Requests answered with 200. */
  answered: number;
  respond: (req: ChatRequest, call: number) => FakeReply | Promise<FakeReply>;
  close(): Promise<void>;
}

/** The numbered sources of a newsdesk grounding prompt. */
export function promptSources(req: ChatRequest): PromptSource[] {
  const user = req.messages.find((m) => m.role === "user")?.content ?? "";
  const out: PromptSource[] = [];
  for (const block of user.split(/\n\n(?=\[\d+\] )/)) {
    const head = /^\[(\d+)\] (.*), \d{4}-\d\d-\d\d \d\d:\d\d UTC\nTitle: (.*)\nText: ([\s\S]*)$/m.exec(block.trim());
    if (head) out.push({ n: Number(head[1]), outlet: head[2] ?? "", title: head[3] ?? "", text: (head[4] ?? "").trim() });
  }
  return out;
}

function firstSentence(text: string): string {
  const m = /^(.{20,}?[.!?])(\s|$)/.exec(text);
  return (m?.[1] ?? text).trim();
}

/** What a careful model writes: the first sentence of the first two sources' texts, each cited. */
export function groundedAnswer(req: ChatRequest): { text: string; sources: number[] }[] {
  const sources = promptSources(req);
  const out: { text: string; sources: number[] }[] = [];
  for (const s of sources.slice(0, 2)) {
    const body = s.text && s.text !== "(none)" ? firstSentence(s.text) : s.title;
    if (body && !out.some((o) => o.text === body)) out.push({ text: body, sources: [s.n] });
  }
  return out;
}

export function asJson(sentences: { text: string; sources: number[] }[]): string {
  return JSON.stringify({ sentences });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: FakeOpenAI["requests"] = [];
  const fake: FakeOpenAI = {
    url: "",
    requests,
    answered: 0,
    respond: opts.respond ?? ((req) => ({ content: asJson(groundedAnswer(req)) })),
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = req.url ?? "";
      const raw = await readBody(req);
      if (req.method !== "POST" || path !== "/v1/chat/completions") {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
        return;
      }
      let body: ChatRequest;
      try {
        body = JSON.parse(raw) as ChatRequest;
      } catch {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "invalid JSON body" } }));
        return;
      }
      requests.push({ body, authorization: req.headers.authorization, path });
      if (opts.jsonSchema === false && body.response_format?.type === "json_schema") {
        res
          .writeHead(400, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { message: "response_format type json_schema is not supported", type: "invalid_request_error" } }));
        return;
      }
      const reply = await fake.respond(body, requests.length);
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (res.destroyed) return;
      const status = reply.status ?? 200;
      const payload =
        reply.body ??
        (status === 200
          ? {
              id: `chatcmpl-${requests.length}`,
              object: "chat.completion",
              created: Math.floor(Date.now() / 1000),
              model: body.model,
              choices: [{ index: 0, message: { role: "assistant", content: reply.content ?? "" }, finish_reason: "stop" }],
              usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
            }
          : { error: { message: `HTTP ${status}`, type: "server_error" } });
      if (status === 200) fake.answered++;
      res.writeHead(status, { "content-type": "application/json", ...(reply.headers ?? {}) }).end(JSON.stringify(payload));
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(fake, {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return fake;
}
