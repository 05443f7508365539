import { describe, expect, it } from "vitest";
import { announcesDevelopment, developsIn, linkStories, nameTerms, type LinkerStory } from "../../../src/digest/stories/follow-up-linker.js";
import { contentTerms } from "../../../src/digest/stories/text-tokens.js";
import { linkerStory } from "./linker-story.js";

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 20, 9);
const story = linkerStory;

const leak = story(
  "leak",
  T0,
  ["Artists leak OpenAI's Sora video model on Hugging Face", "Testers in Sora's early access programme shared it in protest, accusing OpenAI of art-washing."],
  ["Sora leaked by protesting testers", "OpenAI's Sora was briefly open to anyone on Hugging Face until OpenAI revoked the keys."],
);
// Other stories of those days, so that names are rare or common as in a real window.
const background = [
  story("gpt", T0 - 5 * H, ["OpenAI ships a cheaper reasoning model to ChatGPT", "OpenAI said the model is available in ChatGPT and the API."]),
  story("nvidia", T0 - 2 * H, ["Nvidia revenue beats forecasts on data-centre demand", "Nvidia said data-centre revenue rose again."]),
  story("bluesky", T0 - 1 * H, ["Bluesky passes 20 million users", "Bluesky said sign-ups doubled this month."]),
  story("eu", T0 - 3 * H, ["EU lawmakers agree on rules for general-purpose AI models", "The European Parliament and member states agreed on the AI Act's final text."]),
];

describe("follow-up linker", () => {
  it("links a later development of the same subject as a follow-up", () => {
    const response = story("response", T0 + 20 * H, [
      "OpenAI responds to the Sora leak and ends early access for artists",
      "A day after testers shared Sora on Hugging Face, OpenAI said the programme is over.",
    ]);
    expect(linkStories([response], [leak, ...background])).toEqual([
      { storyId: "response", earlierStoryId: "leak", kind: "followup", score: expect.any(Number) },
    ]);
    // At followUpSimilarity and above, an undated item's headline announces it too.
    const undated = { ...response, items: response.items.map((i) => ({ ...i, undated: true })) };
    expect(linkStories([undated], [leak, ...background])).toHaveLength(1);
  });

  it("links no follow-up on a company and its chief executive alone (below followUpSimilarity)", () => {
    // A side story of a launch names the company and its chief executive; a week later the chief
    // scientist leaves ("quit": a development word) and the coverage names both again.
    const voice = story(
      "voice",
      T0,
      ["'It feels like AI from the movies': Altman bets on a voice assistant you can interrupt", "In the launch stream, OpenAI staff cut the assistant off mid-sentence. Sam Altman wrote afterwards that the new voice mode was the best interface he had used."],
      ["The 'Her' problem: do we want an assistant that flirts back?", "Sam Altman's one-word post after the launch begged for comparisons with Spike Jonze's film."],
    );
    const exit = story(
      "exit",
      T0 + 30 * H,
      ["Ilya Sutskever, OpenAI's co-founder and chief scientist, is leaving", "Sutskever, who took part in the board's brief ouster of Sam Altman last November, announced his departure on X."],
      ["OpenAI co-founder Sutskever quit, Pachocki take over as chief scientist", "Ilya Sutskever said he leaves OpenAI after almost ten years. Jakub Pachocki will replace him."],
      ["OpenAI chief scientist exits six months after boardroom upheaval", "Chief executive Sam Altman praised Sutskever as one of the greatest minds of his generation."],
    );
    expect(linkStories([exit], [voice, ...background])).toEqual([]);
    // The pair scores between relatedSimilarity and followUpSimilarity: linked only when they are one.
    const loose = linkStories([exit], [voice, ...background], { followUpSimilarity: 0.15 });
    expect(loose).toEqual([{ storyId: "exit", earlierStoryId: "voice", kind: "followup", score: expect.any(Number) }]);
    expect(loose[0]?.score).toBeGreaterThan(0.15);
    expect(loose[0]?.score).toBeLessThan(0.2);
  });

  it("links a development that brings a new actor when it names the earlier story's headline subject", () => {
    // Leike's resignation a day after Sutskever's exit: the new names (Jan Leike) are in no other
    // story and dilute the cosine below followUpSimilarity, but the announcing item names Sutskever,
    // whom the earlier story's headlines name.
    const exit = story(
      "exit",
      T0,
      ["Ilya Sutskever to leave OpenAI, Jakub Pachocki named chief scientist", ""],
      ["Ilya Sutskever, OpenAI's co-founder and chief scientist, is leaving", "Sutskever, who took part in the board's brief ouster of Sam Altman last November, announced his departure. Jakub Pachocki becomes chief scientist."],
      ["OpenAI chief scientist exits six months after boardroom upheaval", "Chief executive Sam Altman said the company would not be what it is without Sutskever."],
      ["What Sutskever's exit means for OpenAI's research bench", "The departure raises questions about the superalignment team Sutskever co-led. Pachocki has been at OpenAI for years."],
      ["OpenAI co-founder Sutskever quit, Pachocki take over as chief scientist", "Ilya Sutskever said he leaves OpenAI after almost ten years. Jakub Pachocki will replace him."],
      ["Six months of silence, then a goodbye", "Since November, 'where's Ilya?' had become a running joke in AI circles. Tuesday's announcement left a bigger question about OpenAI's safety research."],
    );
    const leike = story(
      "leike",
      T0 + 15 * H,
      ["Jan Leike, OpenAI's other superalignment lead, has resigned too", "Hours after Sutskever's announcement, Leike confirmed his departure in a two-word post on X. The pair ran the team OpenAI set up last July to work out how to steer AI systems smarter than people."],
      ["A second OpenAI safety leader walks out within a day", "Leike's exit leaves the superalignment group, which OpenAI had promised a fifth of its computing power, without either of its founding leads."],
    );
    // A window of a hundred stories and a busy week for the company, as on the dev scenario: its name
    // is common, the two men's are not.
    const week = ["ships a cheaper model", "opens an office in Tokyo", "signs a news licensing deal", "adds memory to its chatbot", "hires a policy chief", "updates its usage rules"].map((what, k) =>
      story(`openai-${k}`, T0 - (k + 1) * H, [`OpenAI ${what}`, `OpenAI said on Monday that it ${what.replace(/s /, " ")}.`]),
    );
    const others = Array.from({ length: 80 }, (_, k) => story(`other-${k}`, T0 - 2 * H, [`Vendor${k} raises a seed round`, `Vendor${k} said investors backed it.`]));
    const pool = [exit, leak, ...week, ...others, ...background];
    const links = linkStories([leike], pool);
    expect(links).toEqual([{ storyId: "leike", earlierStoryId: "exit", kind: "followup", score: expect.any(Number) }]);
    expect(links[0]?.score).toBeLessThan(0.2);
    // Only the headline subject makes the weaker match a development: not linked at the higher bar alone.
    expect(linkStories([leike], pool, { weakFollowUpSimilarity: 0.2 })).toEqual([]);
    // Nor on the weaker match when the announcing items are undated: nothing says they came after the exit.
    const undated = { ...leike, items: leike.items.map((i) => ({ ...i, undated: true })) };
    expect(linkStories([undated], pool)).toEqual([]);
  });

  it("links a development only when its announcing item names what it develops", () => {
    // The company is in the news all week (nine other stories); the side story and the exit share
    // its chief executive through the exit's other items, but the item that announces the
    // development ("quit") names only the company.
    const week = ["ships a cheaper model", "opens an office in Tokyo", "signs a news licensing deal", "adds memory to its chatbot", "hires a policy chief", "updates its usage rules", "launches a desktop app", "cuts API prices", "starts a grant programme"].map((what, k) =>
      story(`openai-${k}`, T0 - (k + 1) * H, [`OpenAI ${what}`, `OpenAI said on Monday that it ${what.replace(/s /, " ")}.`]),
    );
    const voice = story(
      "voice",
      T0,
      ["'It feels like AI from the movies': Altman bets on a voice assistant you can interrupt", "In the launch stream, OpenAI staff cut the assistant off mid-sentence. Sam Altman wrote afterwards that the new voice mode was the best interface he had used."],
    );
    const exit = story(
      "exit",
      T0 + 30 * H,
      ["OpenAI co-founder Sutskever quit, Pachocki take over as chief scientist", "Ilya Sutskever said he leaves OpenAI after almost ten years. Jakub Pachocki will replace him."],
      ["Sutskever's farewell: Sam Altman praises a generational mind", "Chief executive Sam Altman said OpenAI would not be what it is without him."],
    );
    const pool = [voice, ...week, ...background];
    expect(linkStories([exit], pool, { followUpSimilarity: 0.1, relatedSimilarity: 0.1 })).toEqual([]);
    // The same pair once the company is rare in the pool: the announcing item names it, and it links.
    const loose = linkStories([exit], [voice, ...background], { followUpSimilarity: 0.1, relatedSimilarity: 0.1 });
    expect(loose).toEqual([{ storyId: "exit", earlierStoryId: "voice", kind: "followup", score: expect.any(Number) }]);
  });

  it("hides a story as more coverage only when the two share a name no other story holds", () => {
    // I/O day: three stories name "Gemini 1.5 Pro"; two of them are still different news (a bigger
    // context window; the side panel in Gmail).
    const io = [
      story("window", T0, ["Gemini 1.5 Pro's context window doubles to two million tokens", "Google said Gemini 1.5 Pro now reads two million tokens for developers on a waitlist."]),
      story("flash", T0 + 1 * H, ["Gemini 1.5 Flash is Google's new lightweight model", "A smaller sibling of Gemini 1.5 Pro for fast, cheap jobs, Google said."]),
    ];
    const gmail = story("gmail", T0 + 3 * H, ["Gemini 1.5 Pro moves into the Gmail and Docs side panel", "Workspace subscribers get Gemini 1.5 Pro in a side panel of Gmail, Docs and Drive."]);
    expect(linkStories([gmail], [...io, leak, ...background])).toEqual([]);
    // Without the third story, "Gemini 1.5" is those two stories' own: the same news.
    expect(linkStories([gmail], [io[0] as LinkerStory, leak, ...background])).toMatchObject([{ earlierStoryId: "window", kind: "same" }]);
  });

  it("does not count a weekday or another capitalised common word as a shared name", () => {
    // Two Twitter stories of one week, both "said on Tuesday": one company in the news twice.
    const pow = story("pow", T0, ["Twitter takes a harder line on war photos and limits state media accounts", "Twitter said on Tuesday that government accounts may no longer post photos of prisoners of war."]);
    const edit = story(
      "edit",
      T0 + 20 * H,
      ["Twitter confirms it will test an edit button", "The company said on Tuesday that subscribers will try the feature first."],
      ["Twitter to add edit button for subscribers", "Testing starts with paying users, Twitter said on Tuesday."],
    );
    expect(linkStories([edit], [pow, ...background])).toEqual([]);
  });

  it("does not link two stories that share one name only", () => {
    const pledge = story("pledge", T0, ["Amazon pledges billions for cloud and logistics", "The money goes to its cloud and logistics operations, the company said."]);
    const probe = story(
      "probe",
      T0 + 13 * H,
      ["Zoox's sudden stops draw federal attention", "The Amazon-owned company said it would cooperate with the agency."],
      ["Regulators open probe into Zoox robotaxis after two crashes", "Amazon's Zoox said it would cooperate with the agency."],
    );
    expect(linkStories([probe], [pledge, ...background])).toEqual([]);
  });

  it("treats more coverage of the same facts, hours later, as the same story, not a follow-up", () => {
    const explainer = story("explainer", T0 + 3 * H, [
      "What the Sora leak on Hugging Face tells us about OpenAI's testers",
      "The Sora early access testers posted OpenAI's model on Hugging Face.",
    ]);
    const [d] = linkStories([explainer], [leak, ...background]);
    expect(d).toMatchObject({ earlierStoryId: "leak", kind: "same" });
  });

  it("does not link a different event that shares only a company name", () => {
    const other = story("other", T0 + 20 * H, ["OpenAI now lets ChatGPT users search the web", "OpenAI added web search to ChatGPT for paying users."]);
    expect(linkStories([other], [leak, ...background]).filter((d) => d.earlierStoryId === "leak")).toEqual([]);
  });

  it("never hides a bigger later story as more coverage of a smaller earlier one", () => {
    const big = story(
      "big",
      T0 + 2 * H,
      ["Sora leak: OpenAI's video model on Hugging Face", "Testers put OpenAI's Sora on Hugging Face."],
      ["OpenAI's Sora leaked on Hugging Face by testers", "OpenAI revoked the Sora keys."],
      ["Sora testers leak OpenAI model", "On Hugging Face, Sora ran for hours."],
    );
    expect(linkStories([big], [leak, ...background]).filter((d) => d.kind === "same")).toEqual([]);
  });

  it("links nothing to a story whose time is unknown, nor to one older than the age limit", () => {
    const undated = story("undated", null, ["OpenAI responds to the Sora leak", "OpenAI ended Sora early access after the Hugging Face leak."]);
    expect(linkStories([undated], [leak, ...background])).toEqual([]);
    const late = story("late", T0 + 9 * 24 * H, ["OpenAI responds to the Sora leak", "OpenAI ended Sora early access after the Hugging Face leak."]);
    expect(linkStories([late], [leak, ...background])).toEqual([]);
  });

  it("reads names (capitals, digits) from text, and development words from headlines", () => {
    expect(nameTerms("the deal between Apple and OpenAI for GPT-4o, says the report")).toEqual(["appl", "openai", "gpt", "4o"]); // stemmed like every content term
    expect(announcesDevelopment("Jan Leike has resigned too")).toBe(true);
    expect(announcesDevelopment("After Geneva talks, Beijing protests restrictions")).toBe(true);
    expect(announcesDevelopment("OpenAI unveils GPT-4o, a faster model")).toBe(false);
    // "A second …" of a duration or an idiom announces nothing (the clusterer lets it join its event);
    // a superlative's "yet" still keeps a late piece out of an older story.
    expect(announcesDevelopment("A second life for the Instagram founders' failed news app")).toBe(false);
    expect(announcesDevelopment("Meme-stock rally stretches into a second day")).toBe(false);
    expect(announcesDevelopment("A second OpenAI safety leader walks out")).toBe(true);
    expect(announcesDevelopment("Nvidia's results next week are the AI trade's biggest test yet")).toBe(true);
    // A step back, an apology, a decision on something already in the news.
    for (const h of ["OpenAI apologises for the Sky voice", "Google walks back its AI Overviews claims", "X reinstates the suspended accounts", "Regulator approves the merger", "Court rejects the motion", "Meta scraps the rollout in Europe"]) {
      expect(announcesDevelopment(h), h).toBe(true);
    }
  });

  it("reads a market's reaction as a development: a sell-off, shares slumping or soaring", () => {
    for (const h of ["Analysts say TSMC sell-off is about phones and PCs, not AI", "Chip shares tumble in Europe", "SoundHound stock soars"]) expect(announcesDevelopment(h), h).toBe(true);
    for (const h of ["TSMC first-quarter profit rise 9%, beat forecasts on AI chip demand", "Is AI enough to carry TSMC? Investors aren't sure", "Company shares its roadmap"]) expect(announcesDevelopment(h), h).toBe(false);
    // TSMC's results (April scenario) and the next day's analysis of the sell-off they set off.
    const results = story(
      "results",
      T0,
      ["TSMC first-quarter profit rise 9%, beat forecasts on AI chip demand", "Taiwan Semiconductor Manufacturing posted net profit of NT$225.5 billion for January-March."],
      ["TSMC trims forecast for chip industry growth but sticks to AI bet", "The world's largest contract chipmaker now expects the semiconductor market excluding memory to grow about 10% this year, as demand for smartphones and PCs stays weak."],
      ["TSMC says its AI chip revenue will more than double this year", "The company, which manufactures processors for Nvidia, AMD and Apple, expects AI accelerators to make up a low-teens percentage of revenue in 2024."],
    );
    const selloff = story("selloff", T0 + 31 * H, [
      "Analysts say TSMC sell-off is about phones and PCs, not AI",
      "Brokers defended the chipmaker after its worst day in years, arguing that its guidance for AI processors was unchanged and that the cut reflected weak smartphone and PC demand.",
    ]);
    expect(linkStories([selloff], [results, ...background])).toEqual([{ storyId: "selloff", earlierStoryId: "results", kind: "followup", score: expect.any(Number) }]);
  });
});

describe("what a development develops", () => {
  const geneva = new Set(contentTerms("US and China hold first talks on AI risks in Geneva"));
  it("reads 'after X' as a development of the earlier story only when X names it", () => {
    expect(developsIn("After Geneva AI talks, Washington raises 'misuse'", geneva)).toBe(true);
    expect(developsIn("China tells US it opposes restrictions after Geneva meeting", geneva)).toBe(true);
    expect(developsIn("France declares state of emergency after deadly riots", geneva)).toBe(false);
  });
  it("reads 'yet' only under a negation, 'a second day' as a continuation and 'a second life' as an idiom", () => {
    const gpt = new Set(contentTerms("OpenAI unveils GPT-4o with a new voice mode"));
    expect(developsIn("No, you're not using GPT-4o's new voice yet, says Altman", gpt)).toBe(true);
    expect(developsIn("The voice mode has yet to ship", gpt)).toBe(true);
    expect(developsIn("iPad Pro review: the thinnest Apple device yet", gpt)).toBe(false);
    expect(developsIn("Meme-stock rally stretches into a second day", gpt)).toBe(false);
    expect(developsIn("A second OpenAI safety leader walks out", gpt)).toBe(true);
    // An idiom, not a second event.
    expect(developsIn("A second life for the Instagram founders' failed news app", gpt)).toBe(false);
    expect(developsIn("OpenAI's voice mode deserves a second look", gpt)).toBe(false);
  });
  it("reads 'after X' as naming the earlier story only by a name, not a plain or a beat word", () => {
    const ban = new Set(contentTerms("Midjourney bans Stability AI employees. Now Midjourney accuses its rival of lifting its users' images."));
    expect(developsIn("Adobe shares slide after weak forecast as AI rivals circle", ban)).toBe(false);
    expect(developsIn("After Midjourney ban, Stability AI staff speak out", ban)).toBe(true);
  });
  it("reads '<its subject> … after <a cause in plain words it told>' as a development of the earlier story", () => {
    const tsmc = new Set(contentTerms("TSMC lowers its outlook for chip industry growth but sticks to AI bet. TSMC first-quarter profit rises 9%"));
    expect(developsIn("TSMC shares slump 6.7% in Taipei after chip outlook cut", tsmc)).toBe(true);
    // The subject alone is not enough: the cause must be the earlier story's too.
    expect(developsIn("TSMC checks its fabs after an earthquake in Hualien", tsmc)).toBe(false);
    // Nor the cause alone: another company's shares after a forecast develop nothing of TSMC's.
    expect(developsIn("Samsung shares slide after chip forecast", tsmc)).toBe(false);
  });
  it("links no follow-up whose only development word is a cause the earlier story does not name", () => {
    const invest = story("invest", T0, ["Microsoft to invest 4 billion euros in France's AI", "Macron hails Microsoft's pledge at the Choose France summit."]);
    const riots = story("riots", T0 + 30 * H, ["France declares state of emergency after deadly riots", "Unrest erupted over a change French residents oppose."]);
    expect(linkStories([riots], [invest, ...background]).filter((d) => d.kind === "followup")).toEqual([]);
  });
});

describe("what is no evidence of one story", () => {
  it("reads no name in a calendar date", () => {
    expect(nameTerms("Nvidia reports on 21 February, a week after March 3rd")).toEqual(["nvidia"]);
  });
  it("hides no story as more coverage on a shared date", () => {
    const passes = story("passes", T0, ["After Amazon, Nvidia passes Alphabet too in market value", "Nvidia is now third. The company will report its quarterly earnings on 21 February."]);
    const preview = story("preview", T0 + 39 * H, ["Nvidia's results next week are the AI trade's biggest test yet", "Wall Street expects revenue to triple when the chipmaker reports on 21 February."]);
    expect(linkStories([preview], [passes, leak, ...background])).toEqual([]);
  });
  it("hides no story as more coverage on one company name and the beat's word", () => {
    const ban = story("ban", T0, ["Midjourney bans Stability AI employees over scraping", "Midjourney blamed a Stability AI employee for an outage."]);
    const cref = story("cref", T0 + 15 * H, ["Midjourney's new --cref command keeps AI characters consistent", "Midjourney v6 keeps the face and clothes the same in new AI images."]);
    expect(linkStories([cref], [ban, leak, ...background])).toEqual([]);
  });
  it("links nothing whose headline dates an older event than the earlier story", () => {
    const limits = story(
      "limits",
      T0,
      ["Google limits Gemini's answers on elections", "Google said Gemini will not answer election questions; last month it paused Gemini's image generation of people."],
      ["Gemini now ducks election questions", "Google's Gemini points users to Search instead."],
    );
    const pause = story("pause", T0 + 14 * H, ["Three weeks later, Gemini still won't draw people", "Google paused Gemini's image generation of people and has not said when it will return."]);
    expect(linkStories([pause], [limits, leak, ...background])).toEqual([]);
  });
});

describe("a fragment of an event that grows later", () => {
  it("is judged again when the earlier story grows, and linked as more coverage of it", () => {
    const fragment = story("fragment", T0 + 1 * H, ["Sora briefly public after a protest", "Artists said OpenAI art-washes; the model ran on Hugging Face."]);
    const grown = story(
      "grown",
      T0,
      ["Artists leak OpenAI's Sora video model on Hugging Face", "Testers in Sora's early access programme shared it in protest."],
      ["Sora leaked by protesting testers accusing OpenAI of art-washing", "OpenAI's Sora was open to anyone on Hugging Face."],
    );
    // Linked before (it is not in `unlinked`): not judged again. Unlinked: judged, and tied to the grown story.
    expect(linkStories([grown], [grown, fragment, ...background], {}, new Set())).toEqual([]);
    expect(linkStories([grown], [grown, fragment, ...background], {}, new Set(["fragment"]))).toEqual([
      { storyId: "fragment", earlierStoryId: "grown", kind: "same", score: expect.any(Number) },
    ]);
  });
});
