/** OPML 1.0/2.0 feed lists: read (import, the bundled catalogue) and write (export). */
import { Parser } from "htmlparser2";

export interface OpmlFeed {
  url: string;
  title: string | null;
  /** The enclosing outline's text, e.g. "AI labs". */
  category: string | null;
}

/** Every outline with an xmlUrl, in document order, first occurrence of each URL. */
export function parseOpml(xml: string): OpmlFeed[] {
  const out: OpmlFeed[] = [];
  const seen = new Set<string>();
  const stack: (string | null)[] = [];
  let sawOpml = false;
  const parser = new Parser(
    {
      onopentag(name, a) {
        if (name.toLowerCase() === "opml") sawOpml = true;
        if (name.toLowerCase() !== "outline") return;
        const url = (a.xmlUrl ?? a.xmlurl ?? "").trim();
        const title = (a.title ?? a.text ?? "").trim() || null;
        if (url && !seen.has(url)) {
          seen.add(url);
          out.push({ url, title, category: [...stack].reverse().find((s) => s) ?? null });
        }
        stack.push(url ? null : title);
      },
      onclosetag(name) {
        if (name.toLowerCase() === "outline") stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  if (!sawOpml) throw new Error("not an OPML document (no <opml> element)");
  return out;
}

function attr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An OPML 2.0 document listing the feeds, grouped by category when given. */
export function renderOpml(feeds: readonly OpmlFeed[], opts: { title: string; now: Date }): string {
  const groups = new Map<string, OpmlFeed[]>();
  for (const f of feeds) {
    const key = f.category ?? "";
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const line = (f: OpmlFeed, indent: string) => {
    const t = attr(f.title ?? f.url);
    return `${indent}<outline type="rss" text="${t}" title="${t}" xmlUrl="${attr(f.url)}"/>`;
  };
  const body: string[] = [];
  for (const [category, list] of groups) {
    if (!category) body.push(...list.map((f) => line(f, "    ")));
    else body.push(`    <outline text="${attr(category)}">`, ...list.map((f) => line(f, "      ")), "    </outline>");
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    "  <head>",
    `    <title>${attr(opts.title)}</title>`,
    `    <dateCreated>${opts.now.toUTCString()}</dateCreated>`,
    "  </head>",
    "  <body>",
    ...body,
    "  </body>",
    "</opml>",
    "",
  ].join("\n");
}
