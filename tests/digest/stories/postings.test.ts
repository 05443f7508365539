import { describe, expect, it } from "vitest";
import { Postings } from "../../../src/digest/stories/postings.js";

describe("Postings", () => {
  it("lists the stories added per term in order, and drops a term whose stories all go", () => {
    const p = new Postings();
    p.add(5000, 1);
    p.add(5000, 2);
    p.add(3, 2);
    expect(p.get(5000)).toEqual([1, 2]);
    expect(p.get(3)).toEqual([2]);
    expect(p.get(4)).toBeUndefined();
    p.retain((story) => story !== 2);
    expect(p.get(5000)).toEqual([1]);
    expect(p.get(3)).toBeUndefined();
    p.add(3, 7);
    expect(p.get(3)).toEqual([7]);
  });
});
