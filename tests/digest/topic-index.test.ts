import { describe, expect, it } from "vitest";
import { storiesFor, type Indexed } from "../../src/digest/topic-index.js";

const s = (ai: boolean, ...topics: string[]): Indexed => ({ ai, topicIds: new Set(topics) });

describe("storiesFor", () => {
  const prepared = [s(true, "agents"), s(false, "chips"), s(true, "agents", "policy"), s(true), s(false, "policy", "chips"), s(true, "robots")];

  it("gives a destination following no topic the AI stories, best first", () => {
    expect(storiesFor(prepared, new Set())).toEqual([0, 2, 3, 5]);
  });

  it("gives the stories of any followed topic once each, in the prepared order", () => {
    expect(storiesFor(prepared, new Set(["policy"]))).toEqual([2, 4]);
    expect(storiesFor(prepared, new Set(["policy", "agents", "chips"]))).toEqual([0, 1, 2, 4]);
    // The scratch marks are cleared: the same question gives the same answer, another one its own.
    expect(storiesFor(prepared, new Set(["policy", "agents", "chips"]))).toEqual([0, 1, 2, 4]);
    expect(storiesFor(prepared, new Set(["robots", "chips"]))).toEqual([1, 4, 5]);
  });

  it("gives nothing for topics no story has", () => {
    expect(storiesFor(prepared, new Set(["unknown"]))).toEqual([]);
    expect(storiesFor(prepared, new Set(["unknown", "other"]))).toEqual([]);
  });

  it("indexes each prepared list on its own", () => {
    const other = [s(false, "policy"), s(true, "agents")];
    expect(storiesFor(other, new Set(["agents"]))).toEqual([1]);
    expect(storiesFor(prepared, new Set(["agents"]))).toEqual([0, 2]);
  });
});
