/**
 * Test helper: the multi-outlet scenario fixtures parsed simply with rss-parser into `NewItem`s
 * (the ingest leaves do the real normalisation; here only title/summary/link/date matter).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import Parser from "rss-parser";
import type { NewItem } from "../../../src/core/types.js";

export const FIXTURES = new URL("../../fixtures/feeds/", import.meta.url);

export interface ScenarioFeed {
  file: string;
  title: string;
  items: (NewItem & { label: string })[];
}

function strip(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Links may be relative (xml:base): resolve against the feed link, else a host named after the file. */
function absolute(link: string, base: string | undefined, file: string): string {
  for (const b of [base, `https://${file.replace(/\.xml$/, "")}.example/`]) {
    try {
      return new URL(link, b).toString();
    } catch {
      // try the next base
    }
  }
  return link;
}

const hash = (s: string): string => createHash("sha256").update(s).digest("hex").slice(0, 16);

export async function loadScenario(): Promise<ScenarioFeed[]> {
  const labels = new Map<string, string>();
  for (const line of readFileSync(new URL("scenario-labels.tsv", FIXTURES), "utf8").split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [file, id, story] = line.split("\t");
    labels.set(`${file}\u0000${id}`, story ?? "");
  }
  const parser = new Parser();
  const files = readdirSync(FIXTURES).filter((f) => f.startsWith("scenario-") && f.endsWith(".xml")).sort();
  const out: ScenarioFeed[] = [];
  for (const file of files) {
    const feed = await parser.parseString(readFileSync(new URL(file, FIXTURES), "utf8"));
    const feedId = `feed-${file.replace(/\.xml$/, "")}`;
    out.push({
      file,
      title: feed.title ?? file,
      items: feed.items.map((it) => {
        const guid = String(it.guid ?? (it as { id?: string }).id ?? it.link ?? it.title);
        const url = absolute(it.link ?? "", feed.link, file);
        const summary = strip(String((it as { summary?: string }).summary ?? it.content ?? it.contentSnippet ?? ""));
        const title = strip(it.title ?? "");
        return {
          id: hash(`${feedId}:${guid}`),
          feedId,
          hash: hash(guid),
          guid,
          url,
          canonicalUrl: url.split("?")[0]?.split("#")[0] ?? url,
          title,
          summary,
          contentHash: hash(title + summary),
          imageUrl: null,
          author: null,
          publishedAt: new Date(it.isoDate ?? "2024-11-26T12:00:00Z"),
          dateIsFallback: false,
          label: labels.get(`${file}\u0000${guid}`) ?? "?",
        };
      }),
    });
  }
  return out;
}
