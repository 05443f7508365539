import { describe, expect, it } from "vitest";
import { bestEngagement, readEngagement } from "../../../src/digest/stories/engagement.js";
import { shortOutletName } from "../../../src/digest/stories/outlet-name.js";
import { findPrimarySource } from "../../../src/digest/stories/primary-source.js";
import { engagementFactor, scoreStory } from "../../../src/digest/stories/rank-story.js";

describe("shortOutletName", () => {
  it("keeps the brand part of a feed title", () => {
    expect(
      shortOutletName(
        "Engadget is a web magazine with obsessive daily coverage of everything new in gadgets and consumer electronics",
        "https://www.engadget.com/",
      ),
    ).toBe("Engadget");
    expect(shortOutletName("MacRumors: Mac News and Rumors - All Stories", "https://www.macrumors.com")).toBe("MacRumors");
    expect(shortOutletName("The Verge -  Front Pages", "https://www.theverge.com/")).toBe("The Verge");
    expect(shortOutletName("Stratechery by Ben Thompson", "https://stratechery.com/")).toBe("Stratechery");
    expect(shortOutletName("Rest of World - ", "https://restofworld.org/")).toBe("Rest of World");
    expect(shortOutletName("Braingle's Newest Brain Teasers and Riddles", "https://www.braingle.com/")).toBe("Braingle");
    expect(shortOutletName("AI Fans Weekly", "https://x.example/")).toBe("AI Fans Weekly");
  });

  it("falls back to the host when there is no usable title", () => {
    expect(shortOutletName(null, "https://www.example.org/feed")).toBe("example.org");
    expect(shortOutletName("   ", "https://news.example.com/")).toBe("news.example.com");
    expect(shortOutletName("A very long tagline that describes what we cover every single day", "https://example.net/")).toBe(
      "example.net",
    );
  });
});

describe("findPrimarySource", () => {
  it("finds the organisation's own post, a paper or a release by its link", () => {
    const headlines = ["OpenAI unveils GPT-4o", "GPT-4o is here"];
    expect(findPrimarySource(["https://techwire.example/a", "https://openai.com/index/hello-gpt-4o/"], headlines)).toEqual({
      index: 1,
      host: "openai.com",
    });
    expect(findPrimarySource(["https://arxiv.org/abs/2405.1"], ["A new paper"])?.host).toBe("arxiv.org");
    expect(findPrimarySource(["https://huggingface.co/tiiuae/falcon-11B"], ["Falcon 2"])?.host).toBe("huggingface.co");
    expect(findPrimarySource(["https://www.whitehouse.gov/briefing/x"], ["Order on AI"])?.host).toBe("whitehouse.gov");
    expect(findPrimarySource(["https://deepmind.google/technologies/veo/"], ["Google DeepMind unveils Veo"])?.host).toBe("deepmind.google");
  });

  it("does not take a news outlet's report for the source", () => {
    expect(findPrimarySource(["https://techwire.example/2024/05/13/x", "https://thecircuit.example/news/1"], ["OpenAI unveils GPT-4o"])).toBeNull();
  });
});

describe("engagement and the score", () => {
  it("reads points and comments from aggregator text", () => {
    expect(readEngagement("Score: 412 Comments: 198 By: x Discussion: https://n.example/1")).toEqual({ points: 412, comments: 198 });
    expect(readEngagement("Article URL: a Comments URL: b Points: 3 # Comments: 7")).toEqual({ points: 3, comments: 7 });
    expect(readEngagement("No figures here.")).toBeNull();
    expect(bestEngagement(["Points: 3", "Score: 100 Comments: 50", ""])).toEqual({ points: 100, comments: 50 });
  });

  it("ranks by outlets first; engagement and a primary source break what coverage leaves open", () => {
    const now = new Date("2024-05-14T06:00:00Z");
    const base = { sourceWeights: [1], topicConfidences: [0.75], firstSeenAt: new Date("2024-05-13T18:00:00Z") };
    const single = scoreStory({ ...base, outlets: 1, engagement: { points: 5000, comments: 3000 }, hasPrimary: true }, now);
    const two = scoreStory({ ...base, outlets: 2 }, now);
    expect(two).toBeGreaterThan(single);
    expect(scoreStory({ ...base, outlets: 1, engagement: { points: 300, comments: 100 } }, now)).toBeGreaterThan(
      scoreStory({ ...base, outlets: 1 }, now),
    );
    expect(scoreStory({ ...base, outlets: 3, hasPrimary: true }, now)).toBeGreaterThan(scoreStory({ ...base, outlets: 3 }, now));
    expect(engagementFactor(null)).toBe(1);
    expect(engagementFactor({ points: 1e9, comments: 1e9 })).toBe(1.4);
  });
});
