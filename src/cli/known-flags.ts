/**
 * The options each `newsdesk <group> <sub>` accepts, checked before the command runs: a mistyped
 * option (`--froce`) is refused with its name instead of being silently ignored. Groups not listed
 * here (cluster, which derives its options from the engine's) check their own.
 */

/** Options per group and subcommand ("" when the group takes no subcommand); true = takes a value. */
export const KNOWN_FLAGS: Record<string, Record<string, Record<string, boolean>>> = {
  migrate: { "": {} },
  feeds: {
    add: { force: false, verbose: false },
    list: { all: false },
    remove: {},
    test: { verbose: false },
    poll: { once: false },
  },
  opml: { import: {}, export: { all: false } },
  topics: { "": { keywords: false, community: true } },
  digest: { preview: { topics: true, format: true, max: true, color: false } },
};

/**
 * What is wrong with the first option in `args` that the command would not understand, or null.
 * Values of options that take one are skipped; `--opt=value` is refused with the spelling that works,
 * since the commands read `--opt value`.
 */
export function flagProblem(group: string, args: readonly string[]): string | null {
  const subs = KNOWN_FLAGS[group];
  if (!subs) return null;
  const sub = args[0] !== undefined && subs[args[0]] ? args[0] : "";
  const known = subs[sub];
  // An unknown subcommand gets the group's usage from the command itself.
  if (!known) return null;
  const command = `newsdesk ${group}${sub ? ` ${sub}` : ""}`;
  for (let i = sub ? 1 : 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (!a.startsWith("-") || a === "-" || /^-\d/.test(a)) continue; // positionals, stdin, negative numbers
    const [name = "", value] = a.replace(/^--?/, "").split(/=(.*)/s);
    const takesValue = known[name];
    if (takesValue === undefined || !a.startsWith("--")) return `unknown option '${a.split("=")[0]}' for '${command}'. Run 'newsdesk help'.`;
    if (value !== undefined) return takesValue ? `write '--${name} ${value}' (with a space), not '${a}'` : `option '--${name}' takes no value`;
    if (takesValue) i++;
  }
  return null;
}
