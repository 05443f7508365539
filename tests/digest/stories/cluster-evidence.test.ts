import { describe, expect, it } from "vitest";
import { rivalled } from "../../../src/digest/stories/cluster-evidence.js";
import { scenarioItems, storiesOf } from "./labelled-items.js";

describe("rivalled", () => {
  it("compares the evidence's story and the nearest story on one scale, small-story penalty paid by both", () => {
    // The dev scenario without Hacker News: the Sutskever exit item found the one-item Altman voice
    // story by evidence at 0.102; the one-item exit story stood at 0.170, 0.070 after its penalty.
    const evidence = { cluster: 1, similarity: 0.102 };
    const best = { cluster: 2, similarity: 0.07 };
    expect(rivalled(evidence, best, 0.1)).toBe(true);
    // A settled story found by evidence (penalty 0.1 / 10) keeps the item.
    expect(rivalled(evidence, best, 0.01)).toBe(false);
  });

  it("is no rival when the nearest story is the evidence's own, or when either found none", () => {
    expect(rivalled({ cluster: 1, similarity: 0.1 }, { cluster: 1, similarity: 0.3 }, 0.1)).toBe(false);
    expect(rivalled({ cluster: -1, similarity: 0 }, { cluster: 2, similarity: 0.3 }, 0)).toBe(false);
    expect(rivalled({ cluster: 1, similarity: 0.1 }, { cluster: -1, similarity: 0 }, 0.1)).toBe(false);
  });
});

/** Two Microsoft events of one day (the project's April scenario). */
const MICROSOFT = scenarioItems("ai-events-2024-04.jsonl", ["x067-1", "x067-2", "e04-1", "e04-2", "e04-3", "e04-4", "e04-5", "e04-6"]);

describe("subject conflicts", () => {
  it("keeps an item that shares only a lesser name of a story (its company) out of a story about another thing", () => {
    const stories = storiesOf(MICROSOFT, "2024-04-17T00:00:00Z");
    // WizardLM-2 (in both its headlines) is that story's core; "Microsoft's VASA-1 …" shares only "Microsoft".
    expect(stories).toContain("x067-1,x067-2");
    expect(stories).toContain("e04-1,e04-2,e04-3,e04-5,e04-6");
  });
});

/** The AI Act's final vote and a day's US politics (the project's March scenario). */
const AI_ACT = scenarioItems("ai-events-2024-03.jsonl", ["x027-1", "x035-1", "e02-1", "e02-2", "e02-3", "e02-6", "e02-8", "e02-9"]);

describe("kinds of event", () => {
  it("a vote, an approval and an adoption are one kind of event, and a law is the rules: the AI Act's explainers join its vote", () => {
    const stories = storiesOf(AI_ACT, "2024-03-12T00:00:00Z");
    // "The AI Act's sandboxes are the test" ("The law asks member states …") names the act and the law.
    expect(stories).toContain("e02-2,e02-3,e02-6,e02-8,e02-9");
    // Biden's budget "plan" and the primaries he "passed" stay apart: "pass" is no vote.
    expect(stories).toContain("x027-1");
    expect(stories).toContain("x035-1");
  });
});

/** xAI opening Grok "two weeks after he sued OpenAI", and the suit's own news, from the March scenario. */
const GROK = scenarioItems("ai-events-2024-03.jsonl", ["x051-1", "e10-1", "e10-2", "x051-2", "e10-3", "e10-4", "x028-1"]);

describe("background clauses", () => {
  it("a summary's 'after he sued OpenAI' is no lawsuit of the item: the Grok story keeps the court filings out", () => {
    const stories = storiesOf(GROK, "2024-03-11T00:00:00Z");
    expect(stories).toContain("e10-1,e10-2,e10-3,e10-4");
  });
});
