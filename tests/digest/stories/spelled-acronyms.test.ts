import { describe, expect, it } from "vitest";
import { clusterDocs } from "../../../src/digest/stories/cluster-docs.js";
import { isTitleCase, spelledAcronyms, summaryWithAcronyms } from "../../../src/digest/stories/spelled-acronyms.js";

describe("spelled acronyms", () => {
  it("reads the initials of a spelled-out name of three to six capitalised words", () => {
    expect(spelledAcronyms("The Defense Advanced Research Projects Agency said an AI agent flew")).toEqual(["DARPA"]);
    expect(spelledAcronyms("the National Highway Traffic Safety Administration opened a probe")).toEqual(["NHTSA"]);
    expect(spelledAcronyms("Abu Dhabi's Technology Innovation Institute published Falcon 2")).toEqual(["TII"]);
    expect(spelledAcronyms("A Federal Trade Commission rule; said the Federal Trade Commission.")).toEqual(["FTC"]);
    expect(spelledAcronyms("the Bank of England said")).toEqual([]); // two capitalised words: too few
  });

  it("reads nothing in two-word names, in runs longer than six words, or across punctuation", () => {
    expect(spelledAcronyms("Sam Altman and Google DeepMind")).toEqual([]);
    expect(spelledAcronyms("Majority Leader Chuck Schumer and Senators Mike Rounds released a report")).toEqual([]);
    expect(spelledAcronyms("Visited Paris, Berlin and Rome")).toEqual([]);
    expect(spelledAcronyms("no capitals here at all")).toEqual([]);
  });

  it("tells a Title Case headline, whose every run would be a name, from a sentence-case one", () => {
    expect(isTitleCase("Fed Official Says Weak Data Caused By Weather, Should Not Slow Taper")).toBe(true);
    expect(isTitleCase("DARPA reveals an AI agent has dogfought a human in a real F-16")).toBe(false);
  });

  it("writes the acronyms of the title and summary after the summary, as a bracket would", () => {
    expect(summaryWithAcronyms("Federal Trade Commission moves to ban AI impersonation", "The rule was proposed.")).toBe("The rule was proposed. (FTC)");
    expect(summaryWithAcronyms("FTC moves to ban AI impersonation", "The Federal Trade Commission moved.")).toBe("The Federal Trade Commission moved. (FTC)");
    expect(summaryWithAcronyms("Federal Trade Commission Moves To Ban AI Impersonation", "Nothing to add.")).toBe("Nothing to add.");
    expect(summaryWithAcronyms("A headline", undefined)).toBeUndefined();
  });

  it("lets a headline's acronym meet the name another outlet spells out", () => {
    // Without the acronym, "DARPA" is a headline name the first story never mentions: another subject.
    const t = Date.UTC(2024, 3, 17, 18);
    const docs = [
      {
        id: "a",
        source: "GlobalPost",
        time: t,
        title: "AI-piloted fighter jet took on a human pilot in first dogfight test, US says",
        summary: "The Defense Advanced Research Projects Agency said an artificial intelligence agent flew a modified F-16 against a human-piloted jet over California last September, in what it called a first for the aerospace industry.",
      },
      {
        id: "b",
        source: "TechWire",
        time: t + 50 * 60_000,
        title: "DARPA reveals an AI agent has dogfought a human in a real F-16",
        summary: "The X-62A VISTA test jet flew 21 test flights between December 2022 and September 2023 under the Air Combat Evolution program, with safety pilots on board who could take control at any time, DARPA said.",
      },
    ];
    const [a, b] = clusterDocs(docs);
    expect(b?.story).toBe(a?.story);
  });
});

describe("summaryWithAcronyms' quick test", () => {
  it("passes texts with fewer than three capitalised words through, and leaves the rest to the expression", () => {
    expect(summaryWithAcronyms("openai ships a model", "users say AI data")).toBe("users say AI data");
    expect(summaryWithAcronyms("Ab Cd", "Ef gh")).toBe("Ef gh"); // three pairs, but ". " breaks the run
    expect(summaryWithAcronyms("news from the Technology Innovation Institute", "it said")).toBe("it said (TII)");
    expect(summaryWithAcronyms("lower case", "the Ünited Ärzte Öffnung said")).toBe("the Ünited Ärzte Öffnung said (ÜÄÖ)");
  });
});

