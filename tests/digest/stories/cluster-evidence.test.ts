import { describe, expect, it } from "vitest";
import { rivalled } from "../../../src/digest/stories/cluster-evidence.js";
import { storiesOf } from "./labelled-items.js";

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

/** Two Microsoft events of one day, from the project's April scenario (`scenarios/ai-events-2024-04.jsonl`). */
const MICROSOFT = [
  { id: "x067-1", title: "WizardLM-2 (weights taken down shortly after release)", summary: "Score: 331 Comments: 144 By: moe_better Discussion: https://news.ycombinator.example/item?id=40059228", url: "https://huggingface.example/microsoft/WizardLM-2-8x22B", published: "2024-04-17T05:20:00Z", source: "HackerFront" },
  { id: "x067-2", title: "Microsoft pulls WizardLM-2 after skipping a required safety test", summary: "The team said it had missed a toxicity-testing step in the company's release process and would put the open models back once it was done. Copies downloaded in the meantime are still circulating. […]", url: "https://techradius.example/news/microsoft-pulls-wizardlm-2-toxicity-test", published: "2024-04-17T09:50:00Z", source: "TechRadius" },
  { id: "e04-1", title: "Microsoft's VASA-1 can make a single photo talk and sing", summary: "Given one portrait and an audio clip, the research model generates a video of the person speaking, with matching lip movements, facial expressions and head motion. Microsoft says it won't release it until it is sure it will be used responsibly.", url: "https://thecircuit.example/news/967450/microsoft-vasa-1-talking-faces-single-photo", published: "2024-04-17T18:25:00Z", source: "The Circuit" },
  { id: "e04-2", title: "VASA-1: Lifelike audio-driven talking faces generated in real time", summary: "Article URL: https://microsoft.example/en-us/research/project/vasa-1/ Comments URL: https://news.ycombinator.example/item?id=40067091 Points: 612 # Comments: 437", url: "https://microsoft.example/en-us/research/project/vasa-1/", published: "2024-04-17T19:05:00Z", source: "HackerFront" },
  { id: "e04-3", title: "Microsoft Research Asia team show VASA-1, it make Mona Lisa rap", summary: "The Beijing-based lab trained the model on videos of thousands of speakers. One demo shows the famous painting performing a rap, which spread fast on Weibo and X together with worries about fraud using fake video calls.", url: "https://asiatechbrief.example/tech/article/9041275/microsoft-research-asia-vasa-1-mona-lisa", published: "2024-04-18T04:15:00Z", source: "AsiaTech Brief" },
  { id: "e04-4", title: "After VASA-1: AI Act will oblige to label such deepfakes, but only from 2026", summary: "The European regulation requires that content generated or manipulated by AI is marked as such. Microsoft's researchers say they will not publish the model, but similar tools from others could follow soon.", url: "https://eurodigital.example/en/digital/vasa-1-ai-act-deepfake-labelling/", published: "2024-04-18T09:40:00Z", source: "EuroDigital" },
  { id: "e04-5", title: "One photo, one voice clip: why election officials are watching Microsoft's latest research", summary: "VASA-1 produces 512-by-512 video at up to 40 frames a second, fast enough for a live video call. Researchers who track political deepfakes say the demo shows how quickly the cost of a convincing fake candidate video is falling in a year of elections.", url: "https://policysignal.example/2024/04/18/one-photo-one-voice-clip-election-deepfakes-90042", published: "2024-04-18T14:25:00Z", source: "PolicySignal" },
  { id: "e04-6", title: "Microsoft's talking-head model runs in real time, and that's the unsettling part", summary: "Most face-animation demos are rendered offline. VASA-1 starts generating with almost no delay, and the researchers themselves list impersonating humans as a risk. They say the work could also help build better deepfake detectors. […]", url: "https://arstechnical.example/ai/2024/04/vasa-1-real-time-talking-head/", published: "2024-04-19T09:30:00Z", source: "ArsTechnical" },
];

describe("subject conflicts", () => {
  it("keeps an item that shares only a lesser name of a story (its company) out of a story about another thing", () => {
    const stories = storiesOf(MICROSOFT, "2024-04-17T00:00:00Z");
    // WizardLM-2 (in both its headlines) is that story's core; "Microsoft's VASA-1 …" shares only "Microsoft".
    expect(stories).toContain("x067-1,x067-2");
    expect(stories).toContain("e04-1,e04-2,e04-3,e04-5,e04-6");
  });
});
