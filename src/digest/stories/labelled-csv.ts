/**
 * Reads a labelled clustering CSV (RFC 4180 quoting; columns TITLE, STORY, TIMESTAMP in ms, PUBLISHER,
 * URL, others ignored) into documents plus their true story labels.
 */
import type { ClusterDoc } from "./story-clusterer.js";

export interface LabelledDoc {
  doc: ClusterDoc;
  story: string;
}

/** Parse CSV text into rows of fields. Quoted fields may contain commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || (r[0] ?? "") !== "");
}

export function readLabelledCsv(text: string): LabelledDoc[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const col = (name: string): number => header.findIndex((h) => h.trim().toUpperCase() === name);
  const iTitle = col("TITLE");
  const iStory = col("STORY");
  const iTime = col("TIMESTAMP");
  const iPub = col("PUBLISHER");
  const iUrl = col("URL");
  const iId = col("ID");
  if (iTitle < 0 || iStory < 0 || iTime < 0) {
    throw new Error("CSV needs the columns TITLE, STORY and TIMESTAMP");
  }
  return rows.map((r, n) => ({
    story: r[iStory] ?? "",
    doc: {
      id: (iId >= 0 ? r[iId] : undefined) || String(n + 1),
      title: r[iTitle] ?? "",
      time: Number(r[iTime] ?? 0),
      ...(iPub >= 0 && r[iPub] ? { source: r[iPub] } : {}),
      ...(iUrl >= 0 && r[iUrl] ? { url: r[iUrl] } : {}),
    },
  }));
}
