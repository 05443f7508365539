import { describe, expect, it } from "vitest";
import { cleanSentence, verifyGrounding, type GroundingSource } from "../../../src/digest/summaries/verify-grounding.js";

const sources: GroundingSource[] = [
  {
    n: 1,
    outlet: "GlobalPost",
    title: "Microsoft to invest 4 billion euros in French cloud and AI infrastructure",
    text: "The pledge, announced as President Emmanuel Macron hosts his annual Choose France summit, is Microsoft's largest ever in the country. It includes a new data-centre campus in eastern France.",
  },
  {
    n: 2,
    outlet: "EuroDigital",
    title: "Microsoft will train 1 million French people in AI skills by 2027",
    text: "The company said it will also support 2,500 AI start-ups. \"We are not slowing down\", a spokesperson said.",
  },
];
const verify = (text: string, cites: number[]) => verifyGrounding([{ text, sources: cites }], sources);

describe("verifyGrounding", () => {
  it("keeps a paraphrase whose facts the cited source states", () => {
    const r = verify("Microsoft will invest 4 billion euros in French cloud and AI infrastructure, its largest pledge in the country.", [1]);
    expect(r.dropped).toEqual([]);
    expect(r.kept).toEqual([
      { text: "Microsoft will invest 4 billion euros in French cloud and AI infrastructure, its largest pledge in the country.", sources: [1] },
    ]);
  });

  it("keeps a sentence resting on two sources, citations sorted", () => {
    const r = verify("Microsoft pledged 4 billion euros and will train 1 million French people in AI skills.", [2, 1]);
    expect(r.kept[0]?.sources).toEqual([1, 2]);
  });

  it("drops a number no cited source has", () => {
    expect(verify("Microsoft will invest 5 billion euros in French cloud infrastructure.", [1]).dropped[0]).toMatchObject({ reason: "number", detail: "5" });
  });

  it("drops a figure whose scale differs (4 million is not 4 billion)", () => {
    expect(verify("Microsoft will invest 4 million euros in French cloud infrastructure.", [1]).dropped[0]?.reason).toBe("number");
  });

  it("drops a number written as a word when the source has neither", () => {
    expect(verify("Microsoft will build three data-centre campuses in eastern France.", [1]).dropped[0]).toMatchObject({ reason: "number", detail: "three" });
  });

  it("drops a name no cited source has", () => {
    expect(verify("Satya Nadella announced the 4 billion euros pledge at the Choose France summit.", [1]).dropped[0]).toMatchObject({ reason: "name" });
  });

  it("drops a fact cited to the wrong source (misattribution)", () => {
    expect(verify("Microsoft will support 2,500 AI start-ups.", [1]).dropped[0]?.reason).toBe("number");
    expect(verify("Microsoft will support 2,500 AI start-ups.", [2]).kept).toHaveLength(1);
  });

  it("drops a quotation that is not word for word in the cited source", () => {
    expect(verify('A spokesperson said "we are speeding up" as Microsoft expands.', [2]).dropped[0]?.reason).toBe("quote");
    expect(verify('A spokesperson said "we are not slowing down" as Microsoft expands.', [2]).kept).toHaveLength(1);
  });

  it("drops a negation no cited source makes", () => {
    expect(verify("Microsoft did not announce a data-centre campus in eastern France.", [1]).dropped[0]?.reason).toBe("negation");
  });

  it("drops sentences without citations, with unknown ones, and with unsupported content", () => {
    const r = verifyGrounding(
      [
        { text: "Microsoft will invest 4 billion euros in France.", sources: [] },
        { text: "Microsoft will invest 4 billion euros in France.", sources: [3] },
        { text: "Analysts expect shareholders to welcome the strategic expansion despite regulatory worries.", sources: [1] },
      ],
      sources,
    );
    expect(r.kept).toEqual([]);
    expect(r.dropped.map((d) => d.reason)).toEqual(["no-citation", "bad-citation", "unsupported"]);
  });

  it("drops links and duplicates, and keeps at most three sentences", () => {
    const good = "Microsoft will invest 4 billion euros in French cloud and AI infrastructure.";
    const r = verifyGrounding(
      [
        { text: "See https://evil.example for Microsoft France news.", sources: [1] },
        { text: good, sources: [1] },
        { text: good, sources: [1] },
        { text: "The pledge is Microsoft's largest ever in the country.", sources: [1] },
        { text: "It includes a new data-centre campus in eastern France.", sources: [1] },
        { text: "Microsoft will train 1 million French people in AI skills by 2027.", sources: [2] },
      ],
      sources,
    );
    expect(r.dropped.map((d) => d.reason)).toEqual(["link", "duplicate"]);
    expect(r.kept).toHaveLength(3);
  });

  it("cleans control characters, bidi overrides and inline markers out of a sentence", () => {
    expect(cleanSentence("Microsoft\u202e pledged\u0007 [1] 4 billion euros [1, 2].")).toBe("Microsoft pledged 4 billion euros.");
  });
});

describe("verifyGrounding with a translation (LLM_LANGUAGE)", () => {
  const original = "Microsoft will invest 4 billion euros in French cloud and AI infrastructure.";
  it("shows a translation that carries the verified original's numbers and names", () => {
    const r = verifyGrounding([{ text: original, sources: [1], translation: "Microsoft investiert 4 Milliarden Euro in französische Cloud- und KI-Infrastruktur." }], sources);
    expect(r.kept[0]?.text).toBe("Microsoft investiert 4 Milliarden Euro in französische Cloud- und KI-Infrastruktur.");
  });

  it("keeps the verified original when the translation changes a number", () => {
    const r = verifyGrounding([{ text: original, sources: [1], translation: "Microsoft investiert 5 Milliarden Euro in Frankreich." }], sources);
    expect(r.kept[0]?.text).toBe(original);
  });

  it("verifies the original, whatever the translation says", () => {
    const r = verifyGrounding([{ text: "Microsoft will invest 9 billion euros.", sources: [1], translation: "Microsoft investiert 4 Milliarden Euro." }], sources);
    expect(r.kept).toEqual([]);
  });
});
