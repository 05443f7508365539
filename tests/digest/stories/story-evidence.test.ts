import { describe, expect, it } from "vitest";
import { BEAT_SHARE, isPhrase } from "../../../src/digest/stories/common-word.js";
import { dfPrior } from "../../../src/digest/stories/df-prior.js";
import { asciiWordsInto, backgroundEvents, eventClasses, nameTerms, splitNames, wordsOf } from "../../../src/digest/stories/story-evidence.js";
import { StoryClusterer, type ClusterDoc } from "../../../src/digest/stories/story-clusterer.js";
import { TermStats } from "../../../src/digest/stories/term-stats.js";
import { contentTerms } from "../../../src/digest/stories/text-tokens.js";

const T0 = Date.parse("2024-05-13T09:00:00Z");
const H = 3_600_000;
const doc = (id: string, title: string, hours: number, summary?: string): ClusterDoc => ({
  id,
  title,
  time: T0 + hours * H,
  ...(summary ? { summary } : {}),
});
const cluster = (docs: ClusterDoc[]) => {
  const c = new StoryClusterer();
  for (const d of docs) c.observe(d);
  return docs.map((d) => c.add(d));
};

describe("the document-frequency prior", () => {
  it("knows common English and not names", () => {
    const prior = dfPrior();
    expect(prior.terms).toBeGreaterThan(5000);
    expect(prior.share("feel")).toBeGreaterThan(0.01);
    expect(prior.share("sutskever")).toBe(0);
    expect(prior.share("waymo")).toBe(0);
  });

  it("weighs a common word below a name on a fresh instance, where both occur once", () => {
    const stats = new TermStats(1, dfPrior(), 1000);
    stats.count({ titleTerms: ["feel", "sutskever"], summaryTerms: [] });
    const v = stats.vectorize({ titleTerms: ["feel", "sutskever"], summaryTerms: [] });
    const w = new Map([...v.terms].map((id, i) => [id, v.weights[i] ?? 0]));
    expect(w.get(stats.termId("sutskever"))).toBeGreaterThan(1.5 * (w.get(stats.termId("feel")) ?? 0));
    // Without the prior the instance cannot tell them apart.
    const bare = new TermStats(1);
    bare.count({ titleTerms: ["feel", "sutskever"], summaryTerms: [] });
    const u = bare.vectorize({ titleTerms: ["feel", "sutskever"], summaryTerms: [] });
    expect(u.weights[0]).toBeCloseTo(u.weights[1] ?? 0);
  });
});

describe("the digest's beat", () => {
  it("weighs \"AI\" as a word of general news, not as the rare word the prior's subtitles make it", () => {
    const stats = new TermStats(1, dfPrior(), 1000);
    const text = { titleTerms: ["ai", "afraid", "sutskever"], summaryTerms: [] };
    stats.count(text);
    const v = stats.vectorize(text);
    const w = new Map([...v.terms].map((id, i) => [id, v.weights[i] ?? 0]));
    // "afraid" is a plain English word (in about 1 of 100 items, below BEAT_SHARE): "AI" weighs less.
    expect(dfPrior().share("afraid")).toBeLessThan(BEAT_SHARE);
    expect(w.get(stats.termId("ai"))).toBeLessThan(w.get(stats.termId("afraid")) ?? 0);
    expect(w.get(stats.termId("sutskever"))).toBeGreaterThan(w.get(stats.termId("ai")) ?? 0);
  });
});

describe("names", () => {
  it("are words the prior does not know, capitals inside a sentence, and letter-digit tokens", () => {
    const prior = dfPrior();
    expect(nameTerms("Ilya Sutskever, OpenAI's co-founder, is leaving", prior)).toEqual(expect.arrayContaining(["sutskever", "openai"]));
    expect(nameTerms("Abu Dhabi's TII releases Falcon 2 and beats Llama 3 8B", prior)).toEqual(expect.arrayContaining(["falcon", "tii", "llama"]));
    expect(nameTerms("Unitree unveils the G1 humanoid", prior)).toEqual(expect.arrayContaining(["unitre", "g1"]));
  });

  it("leave out event words, quantities and capitals of Title Case headlines", () => {
    const prior = dfPrior();
    expect(nameTerms("US senators unveil a plan", prior)).not.toContain("unveil");
    expect(nameTerms("An 11B model trained on 5T tokens", prior)).toEqual([]);
    expect(nameTerms("Why The Market Is Falling Today Again", prior)).toEqual([]);
  });

  it("leave out currencies, which the prior finds as rare as names", () => {
    const prior = dfPrior();
    expect(prior.share("yuan")).toBeLessThan(1e-4);
    expect(nameTerms("Hangzhou lab prices its model at one yuan per million tokens, or 0.13 euros", prior)).toEqual(["hangzhou"]);
    // Two launches of one day that quote prices in one currency are not one event for that.
    const r = cluster([
      doc("robot", "Hangzhou's Botwerk launch H2 humanoid at 99,000 yuan", 0, "The company said its new humanoid robot costs 99,000 yuan, far below its earlier model."),
      doc("model", "Lumen-V2 and the one-yuan model", 20, "A quant fund's lab released a mixture-of-experts model priced at about one yuan per million tokens."),
    ]);
    expect(r[1]?.clusterKey).toBe("model");
  });

  it("proper names only: a rare word in lower case is not a name, except in Title Case", () => {
    const prior = dfPrior();
    const text = "A $32bn research ask is a windfall for AI labs, if appropriators ever agree";
    expect(nameTerms(text, prior)).toEqual(expect.arrayContaining(["windfall"]));
    expect(nameTerms(text, prior, true)).not.toContain("windfall");
    expect(nameTerms("Google DeepMind shows Music AI Sandbox tools", prior, true)).toEqual(expect.arrayContaining(["sandbox", "deepmind"]));
    expect(nameTerms("A Research Ask Is A Windfall For Labs", prior, true)).toContain("windfall");
  });
});

describe("name phrases", () => {
  it("join two capitalised words of a sentence that name no story alone, and nothing else", () => {
    const prior = dfPrior();
    const names = (text: string): string[] => splitNames(text, prior).names;
    expect(names("Today European Parliament votes on the AI Act, and Slack AI is out")).toEqual(expect.arrayContaining(["ai act", "slack ai"]));
    // Not a sentence's first word, not across a possessive or a comma, not with a rarer word (which names the story itself).
    expect(names("Today European Parliament votes")).not.toContain("today european");
    expect(names("Read Europe's AI Act here")).not.toContain("europ ai");
    expect(names("He said Europe, AI and more")).not.toContain("europ ai");
    expect(names("The lab is now Google DeepMind")).not.toContain("googl deepmind");
    // Not in Title Case, where every word is capitalised.
    expect(names("Europe Passes The AI Act Into Law").some(isPhrase)).toBe(false);
  });

  it("join an outlet's item to its event when the shared name is a phrase of common words", () => {
    const vote = doc(
      "vote",
      "EU lawmakers give final approval to landmark artificial intelligence rules",
      0,
      "The European Parliament voted 523 to 46, with 49 abstentions, in favour of the AI Act, which sets obligations according to the level of risk a system poses. The rules are expected to enter into force later this year.",
    );
    const explainer = doc(
      "explainer",
      "Europe's AI Act is approved. Here's what it means for ChatGPT and other general-purpose models",
      3,
      "Providers will have to publish summaries of the content used for training and respect EU copyright law, and the most powerful models face extra evaluations and incident reporting.",
    );
    expect(cluster([vote, explainer])[1]).toMatchObject({ clusterKey: "vote", reason: "evidence" });
  });
});

describe("event words", () => {
  it("put outlets' different words for one kind of event in one class", () => {
    const cls = (s: string): number => eventClasses(contentTerms(s));
    expect(cls("Sutskever quits") & cls("a goodbye after six months")).not.toBe(0);
    expect(cls("NHTSA opens a probe into Waymo") & cls("the federal investigation")).not.toBe(0);
    expect(cls("Google unveils Veo") & cls("Sutskever quits")).toBe(0);
    expect(cls("a quiet afternoon")).toBe(0);
    expect(cls("EU lawmakers give final approval to landmark rules") & cls("Today Parliament votes on the AI Act")).not.toBe(0);
    expect(cls("MEPs adopt landmark law") & cls("landmark artificial intelligence rules")).not.toBe(0);
    expect(cls("OpenAI strikes content partnerships") & cls("its licensing strategy")).not.toBe(0);
    // "pass" is no vote: shares pass a rival, candidates pass a threshold.
    expect(cls("Nvidia passes Amazon in value") & cls("lawmakers approve the act")).toBe(0);
  });

  it("tell which classes a summary only recalls, in a clause of what came before", () => {
    const sued = eventClasses(contentTerms("sued"));
    expect(backgroundEvents("The announcement on X come less than two weeks after he sued OpenAI, accusing it of abandoning its promise.")).toBe(sued);
    // Told in the summary's own sentence as well: the item's event.
    expect(backgroundEvents("Musk sued OpenAI again. It comes a week after he sued it the first time.")).toBe(0);
    expect(backgroundEvents("Musk sued OpenAI on Friday.")).toBe(0);
    // The clause ends at its punctuation: what follows is the item's news.
    expect(backgroundEvents("Since the launch, users doubled; the company unveiled a new model.")).toBe(0);
  });
});

describe("evidence in clustering", () => {
  const background = [
    doc("g1", "Google shows Gemini 1.5 Flash, a faster model", -3, "Google said the lighter model is for developers who need speed."),
    doc("g2", "Google brings Gemini to Android phones", -2, "Google said the assistant can float over apps."),
    doc("g3", "Google unveils Trillium, its sixth TPU", -1, "Google said the chips will reach cloud customers later this year."),
  ];

  it("a shared specific name and a shared kind of event join differently worded coverage", () => {
    const main = doc(
      "a",
      "Ilya Sutskever, OpenAI's co-founder and chief scientist, is leaving",
      0,
      "Sutskever announced his departure on X after almost ten years at the company.",
    );
    const oblique = doc(
      "b",
      "Six months of silence, then a goodbye",
      2,
      "Since November, where's Sutskever had become a running joke; Tuesday's farewell finally answered it.",
    );
    const r = cluster([...background, main, oblique]);
    expect(r[4]).toMatchObject({ clusterKey: "a", reason: "evidence" });
    // Undated, the same text is not joined on evidence: its time is only when a feed first listed it.
    expect(cluster([...background, main, { ...oblique, undated: true }])[4]).toMatchObject({ reason: "new" });
  });

  it("a day-old story of one item needs more than the evidence floor, as on similarity", () => {
    const main = doc("a", "Ilya Sutskever, OpenAI's co-founder and chief scientist, is leaving", 0, "Sutskever announced his departure on X after almost ten years at the company.");
    const oblique = (hours: number) =>
      doc("b", "Six months of silence, then a goodbye", hours, "Since November, where's Sutskever had become a running joke; Tuesday's farewell finally answered it.");
    expect(cluster([...background, main, oblique(2)])[4]).toMatchObject({ clusterKey: "a", reason: "evidence" });
    expect(cluster([...background, main, oblique(30)])[4]).toMatchObject({ clusterKey: "b", reason: "new" });
  });

  it("evidence does not join a story when another is more like the item", () => {
    const d = (id: string, title: string, hours: number, summary: string): ClusterDoc => ({ ...doc(id, title, hours, summary), source: id });
    const r = cluster([
      d("spec", "OpenAI's Model Spec is a rulebook, with one surprising line about NSFW content", 0, "The draft document lays out how ChatGPT should weigh user requests against safety rules. It also says OpenAI is exploring whether it can responsibly allow some adult content in age-appropriate contexts."),
      d("deal", "ChatGPT on your iPhone? What an Apple-OpenAI deal could mean for iOS 18", 2, "Apple is expected to set out its AI plans at WWDC in June. A partnership would let it offer a capable chatbot while its own models catch up."),
      d("teens", "Anthropic will let teens use Claude through third-party apps, with conditions", 6, "Developers building for minors on Anthropic's models must add safeguards such as age verification and content filtering, under a policy update the company published last week. Its own Claude apps remain limited to adults."),
      d("eu", "Anthropic brings Claude to Europe: web, iPhone app and Team plan", 24, "The chatbot is now available for users in the European Union, also in languages like French, German, Italian and Spanish, the company said."),
    ]);
    expect(r[1]).toMatchObject({ clusterKey: "spec", reason: "evidence" }); // the iPhone piece had only the spec story to go to
    expect(r[3]).toMatchObject({ clusterKey: "eu", reason: "new" }); // "iPhone" evidence, but the teen-policy story is nearer
  });

  it("a shared company name with a shared kind of event is not enough", () => {
    const veo = doc("a", "Google unveils Veo, a video model", 0, "Google DeepMind showed Veo, which makes 1080p clips.");
    const imagen = doc("b", "Google launches Imagen 3", 1, "Google said its best text-to-image model is coming to developers.");
    const r = cluster([...background, veo, imagen]);
    expect(r[4]?.clusterKey).not.toBe("a");
  });

  it("two companies' earnings are two stories, however alike the wording", () => {
    const nv = doc("a", "Nvidia quarterly revenue beats forecasts as data-centre sales soar", 0, "Nvidia reported revenue above analysts' forecasts.");
    const sf = doc("b", "Salesforce quarterly revenue beats forecasts as cloud sales soar", 1, "Salesforce reported revenue above analysts' forecasts.");
    const r = cluster([...background, nv, doc("a2", "Nvidia revenue soars on data-centre sales", 0.5), sf]);
    expect(r[5]?.clusterKey).not.toBe("a");
  });
});

describe("later developments", () => {
  const talks = [
    doc("t1", "US and China hold first talks on artificial intelligence risks in Geneva", 0),
    doc("t2", "China-US dialogue on AI risks holds first meeting in Geneva", 2),
    doc("t3", "What to watch as the US-China AI talks open in Geneva", 4),
  ];
  const development = "After Geneva AI talks, China protests US restrictions on AI";

  it("a headline announcing a development the next day starts its own story (for the follow-up linker)", () => {
    const r = cluster([...talks, doc("f", development, 22)]);
    expect(r[1]?.clusterKey).toBe("t1");
    expect(r[3]?.clusterKey).toBe("f");
  });

  it("the same headline within hours of the event is more coverage and joins", () => {
    const r = cluster([...talks, doc("f", development, 3)]);
    expect(r[3]?.clusterKey).toBe("t1");
  });

  it("an undated item's first-seen time does not make the event look old", () => {
    const undated: ClusterDoc = { ...doc("u", "Geneva talks: what the US-China AI dialogue is about", -30), undated: true };
    const r = cluster([undated, doc("g", "US and China AI talks open in Geneva after months of tension", 0)]);
    expect(r[1]?.clusterKey).toBe("u");
  });
});

describe("asciiWordsInto", () => {
  it("gives an ASCII text's bytes the numbers `wordsOf` gives its string, whatever the scratch held", () => {
    const texts = ["", "OpenAI's GPT-5: launched. Today 'Quotes' too!", "a  b\tC.D. E? f:g 12x3 9", "Ends with a stop."];
    const bytes = new Uint8Array(256).fill(32);
    for (const text of texts) {
      const n = new TextEncoder().encodeInto(text, bytes).written ?? 0;
      const out: number[] = [];
      expect(out.slice(0, asciiWordsInto(bytes, n, out))).toEqual(wordsOf(text));
    }
  });
});

