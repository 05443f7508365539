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

/** The AI Act's final vote and a day's US politics, from the project's March scenario (`scenarios/ai-events-2024-03.jsonl`). */
const AI_ACT = [
  { id: "x027-1", title: "Biden proposes $7.3 trillion budget with tax rises on companies and the wealthy", summary: "The plan, which has little chance of passing a divided Congress, would raise the corporate tax rate to 28% and set a minimum tax on billionaires. It works mainly as a campaign document.", url: "https://globalpost.example/us/2024-03-12/biden-budget-7-3-trillion/", published: "2024-03-12T01:30:00Z", source: "GlobalPost" },
  { id: "x035-1", title: "Biden and Trump clinch their parties' nominations, setting up a rematch", summary: "Both men passed the delegate thresholds after primaries in Georgia, Mississippi and Washington state on Tuesday.", url: "https://dailyledger.example/us-news/2024/mar/13/biden-trump-clinch-nominations", published: "2024-03-13T06:20:00Z", source: "Daily Ledger" },
  { id: "e02-1", title: "Today European Parliament vote on the AI Act, last big step after three years", summary: "MEPs in Strasbourg are expected to approve the regulation with large majority. After the vote the text still need a lawyer-linguist check and the formal endorsement of member states in the Council.", url: "https://eurodigital.example/en/digital/ai-act-plenary-vote-strasbourg/", published: "2024-03-13T07:05:00Z", source: "EuroDigital" },
  { id: "e02-2", title: "EU lawmakers give final approval to landmark artificial intelligence rules", summary: "The European Parliament voted 523 to 46, with 49 abstentions, in favour of the AI Act, which sets obligations according to the level of risk a system poses. The rules are expected to enter into force later this year and apply in stages.", url: "https://globalpost.example/technology/2024-03-13/eu-lawmakers-approve-ai-rules/", published: "2024-03-13T11:52:00Z", source: "GlobalPost" },
  { id: "e02-3", title: "Artificial Intelligence Act: MEPs adopt landmark law", summary: "Article URL: https://europarl.example/news/en/press-room/artificial-intelligence-act-meps-adopt-landmark-law Comments URL: https://news.ycombinator.example/item?id=39690015 Points: 488 # Comments: 402", url: "https://europarl.example/news/en/press-room/artificial-intelligence-act-meps-adopt-landmark-law", published: "2024-03-13T12:18:00Z", source: "HackerFront" },
  { id: "e02-6", title: "Europe's AI Act is approved. Here's what it means for ChatGPT and other general-purpose models", summary: "Providers will have to publish summaries of the content used for training and respect EU copyright law, and the most powerful models face extra evaluations and incident reporting. Those rules apply twelve months after the law takes effect.", url: "https://techwire.example/2024/03/13/eu-ai-act-approved-general-purpose-models", published: "2024-03-13T14:36:00Z", source: "TechWire" },
  { id: "e02-8", title: "Can European AI startups afford compliance? The AI Act's sandboxes are the test", summary: "The law asks member states to set up regulatory sandboxes where smaller companies can test systems under supervision before launch. Founders say the real cost will depend on standards that haven't been written yet, and on how", url: "https://ventureledger.example/2024/03/13/ai-act-startups-compliance-sandboxes/", published: "2024-03-13T17:42:00Z", source: "VentureLedger" },
  { id: "e02-9", title: "EU AI Act pass Parliament: Asian tech firms selling in Europe also need to comply", summary: "The rules apply to every company whose AI system is used on EU market, not only to European ones. Lawyers in Singapore and Tokyo advise clients in areas like hiring and credit scoring to check now if their products count as high-risk.", url: "https://asiatechbrief.example/tech/article/3381904/eu-ai-act-asian-companies-comply", published: "2024-03-14T03:10:00Z", source: "AsiaTech Brief" },
];

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
const GROK = [
  { id: "x051-1", title: "OpenAI calls Musk's lawsuit 'frivolous' in first court response", summary: "In a filing in San Francisco Superior Court, the company said it never had a founding agreement with Musk and asked for the case to be designated complex. It said the suit rests on 'convoluted, often incoherent' factual premises.", url: "https://globalpost.example/technology/2024-03-12/openai-musk-lawsuit-court-filing/", published: "2024-03-12T00:45:00Z", source: "GlobalPost" },
  { id: "e10-1", title: "Musk say xAI will open source Grok chatbot this week", summary: "The announcement on X come less than two weeks after he sued OpenAI, accusing it of abandoning its founding promise to be open. Grok is now only available to Premium+ subscribers of X.", url: "https://asiatechbrief.example/tech/article/1938265/musk-xai-open-source-grok-this-week", published: "2024-03-12T01:35:00Z", source: "AsiaTech Brief" },
  { id: "e10-2", title: "Grok to become open source: Musk follow the way of Mistral and Meta", summary: "Europe's Mistral AI made its name with open models, and Meta publish Llama weights since last year. What exactly xAI will release, the model weights or only code, Musk did not say.", url: "https://eurodigital.example/en/digital/grok-open-source-musk-xai/", published: "2024-03-12T07:45:00Z", source: "EuroDigital" },
  { id: "x051-2", title: "'No founding agreement': OpenAI hits back at Musk in court", summary: "The ChatGPT maker argued that Musk, a co-founder who has since started a rival AI company, could use the case to get at its proprietary technology. It wants the court to manage the exchange of evidence tightly.", url: "https://dailyledger.example/technology/2024/mar/12/openai-says-no-founding-agreement-musk", published: "2024-03-12T07:55:00Z", source: "Daily Ledger" },
  { id: "e10-3", title: "Musk turns his feud with OpenAI into a product decision", summary: "The billionaire has accused the ChatGPT maker of becoming a closed, profit-driven arm of Microsoft. By promising to open-source his own chatbot, he is trying to show that his AI company practises what he preaches.", url: "https://dailyledger.example/technology/2024/mar/12/musk-grok-open-source-openai-lawsuit", published: "2024-03-12T08:35:00Z", source: "Daily Ledger" },
  { id: "e10-4", title: "Open source as a legal brief", summary: "Monday's one-line post from Musk did more to frame his lawsuit than any filing. But 'open' covers everything from a licence-gated weights download to a full training recipe, and the difference matters.", url: "https://bitstream.example/p/open-source-as-a-legal-brief", published: "2024-03-12T11:02:00Z", source: "Bitstream" },
  { id: "x028-1", title: "New York Times calls OpenAI's 'hacking' accusation irrelevant and false", summary: "In a court filing, the paper said OpenAI's real grievance was not how The Times investigated but what it found: that ChatGPT could reproduce its articles. OpenAI has asked the judge to dismiss parts of the copyright lawsuit.", url: "https://policysignal.example/2024/03/12/nyt-openai-hacking-claim-response-83015", published: "2024-03-12T20:20:00Z", source: "PolicySignal" },
];

describe("background clauses", () => {
  it("a summary's 'after he sued OpenAI' is no lawsuit of the item: the Grok story keeps the court filings out", () => {
    const stories = storiesOf(GROK, "2024-03-11T00:00:00Z");
    expect(stories).toContain("e10-1,e10-2,e10-3,e10-4");
  });
});
