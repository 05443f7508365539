import { describe, expect, it } from "vitest";
import { scoreClustering } from "../../../src/digest/stories/cluster-metrics.js";
import { parseCsv } from "../../../src/digest/stories/labelled-csv.js";

describe("scoreClustering", () => {
  it("scores a perfect clustering 1 whatever the label names", () => {
    const s = scoreClustering(["x", "x", "y"], ["a", "a", "b"]);
    expect(s).toMatchObject({ bcubedPrecision: 1, bcubedRecall: 1, bcubedF1: 1, ari: 1 });
    expect(s.nmi).toBeCloseTo(1, 10);
  });

  it("computes B-cubed by hand for one merged pair", () => {
    // Items 1,2 (story a) and 3 (story b) all in one cluster.
    const s = scoreClustering(["x", "x", "x"], ["a", "a", "b"]);
    expect(s.bcubedPrecision).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3) / 3, 10);
    expect(s.bcubedRecall).toBe(1);
  });

  it("gives all-singletons zero ARI-ish agreement and perfect precision", () => {
    const s = scoreClustering(["1", "2", "3", "4"], ["a", "a", "b", "b"]);
    expect(s.bcubedPrecision).toBe(1);
    expect(s.bcubedRecall).toBe(0.5);
    expect(s.ari).toBeLessThanOrEqual(0);
  });
});

describe("parseCsv", () => {
  it("handles quotes, escaped quotes, commas and CRLF", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
    ]);
  });
});
