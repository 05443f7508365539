import { Errors, FormErrors } from "./api-error.js";
import type { Json } from "./model.js";

/** Discord's documented message limits. */
export const Limits = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  nonce: 25,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  choices: 25,
  commands: 100,
} as const;

type Path = (string | number)[];

function isObj(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function maxLen(errs: FormErrors, path: Path, value: unknown, max: number, required = false): number {
  if (value === undefined || value === null) {
    if (required) errs.add(path, "BASE_TYPE_REQUIRED", "This field is required");
    return 0;
  }
  if (typeof value !== "string") {
    errs.add(path, "BASE_TYPE_STRING", "Could not interpret value as string.");
    return 0;
  }
  if (required && value.trim().length === 0) errs.add(path, "BASE_TYPE_REQUIRED", "This field is required");
  // Discord counts characters (code points), not UTF-16 units.
  const len = [...value].length;
  if (len > max) errs.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
  return len;
}

function checkUrl(errs: FormErrors, path: Path, value: unknown, allowAttachment: boolean): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "string") {
    errs.add(path, "BASE_TYPE_STRING", "Could not interpret value as string.");
    return;
  }
  let scheme: string;
  try {
    scheme = new URL(value).protocol.replace(/:$/, "");
  } catch {
    errs.add(path, "URL_TYPE_INVALID_URL", "Not a well formed URL.");
    return;
  }
  const allowed = allowAttachment ? ["http", "https", "attachment"] : ["http", "https"];
  if (!allowed.includes(scheme)) {
    errs.add(
      path,
      "URL_TYPE_INVALID_SCHEME",
      `Scheme "${scheme}" is not supported. Scheme must be one of (${allowed.map((s) => `'${s}'`).join(", ")}).`,
    );
  }
}

/** Validates one embed and returns its countable text length (for the 6000 total). */
function checkEmbed(errs: FormErrors, path: Path, embed: unknown): number {
  if (!isObj(embed)) {
    errs.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    return 0;
  }
  let total = maxLen(errs, [...path, "title"], embed.title, Limits.title);
  total += maxLen(errs, [...path, "description"], embed.description, Limits.description);
  checkUrl(errs, [...path, "url"], embed.url, false);
  if (embed.color !== undefined && embed.color !== null) {
    const c = embed.color;
    if (typeof c !== "number" || !Number.isInteger(c) || c < 0 || c > 0xffffff) {
      errs.add([...path, "color"], "NUMBER_TYPE_MAX", "int value should be less than or equal to 16777215.");
    }
  }
  if (embed.timestamp !== undefined && Number.isNaN(Date.parse(String(embed.timestamp)))) {
    errs.add([...path, "timestamp"], "DATE_TYPE_PARSE", "Could not parse timestamp. Should be ISO8601.");
  }
  if (embed.fields !== undefined) {
    if (!Array.isArray(embed.fields)) {
      errs.add([...path, "fields"], "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
    } else {
      if (embed.fields.length > Limits.fields) {
        errs.add([...path, "fields"], "BASE_TYPE_MAX_LENGTH", `Must be ${Limits.fields} or fewer in length.`);
      }
      embed.fields.forEach((f: unknown, i: number) => {
        const fp = [...path, "fields", i];
        const field = isObj(f) ? f : {};
        total += maxLen(errs, [...fp, "name"], field.name, Limits.fieldName, true);
        total += maxLen(errs, [...fp, "value"], field.value, Limits.fieldValue, true);
      });
    }
  }
  if (isObj(embed.footer)) {
    total += maxLen(errs, [...path, "footer", "text"], embed.footer.text, Limits.footer, true);
    checkUrl(errs, [...path, "footer", "icon_url"], embed.footer.icon_url, true);
  }
  if (isObj(embed.author)) {
    total += maxLen(errs, [...path, "author", "name"], embed.author.name, Limits.authorName, true);
    checkUrl(errs, [...path, "author", "url"], embed.author.url, false);
    checkUrl(errs, [...path, "author", "icon_url"], embed.author.icon_url, true);
  }
  for (const key of ["image", "thumbnail"] as const) {
    const media = embed[key];
    if (isObj(media)) checkUrl(errs, [...path, key, "url"], media.url, true);
  }
  return total;
}

/**
 * Validates a message create/edit body like Discord: 400/50035 with the field tree, or 400/50006 for an
 * empty message. `partial` is for edits, where every field is optional.
 */
export function validateMessageBody(body: Json, opts: { partial?: boolean } = {}): void {
  const errs = new FormErrors();
  maxLen(errs, ["content"], body.content, Limits.content);
  let total = 0;
  if (body.embeds !== undefined && body.embeds !== null) {
    if (!Array.isArray(body.embeds)) {
      errs.add(["embeds"], "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
    } else {
      if (body.embeds.length > Limits.embeds) {
        errs.add(["embeds"], "BASE_TYPE_MAX_LENGTH", `Must be ${Limits.embeds} or fewer in length.`);
      }
      body.embeds.forEach((e: unknown, i: number) => {
        total += checkEmbed(errs, ["embeds", i], e);
      });
      if (total > Limits.embedTotal) {
        errs.add(["embeds"], "MAX_EMBED_SIZE_EXCEEDED", `Embed size exceeds maximum size of ${Limits.embedTotal}`);
      }
    }
  }
  const nonce = body.nonce;
  if (nonce !== undefined && nonce !== null) {
    const ok =
      (typeof nonce === "string" && nonce.length <= Limits.nonce) ||
      (typeof nonce === "number" && Number.isInteger(nonce));
    if (!ok) errs.add(["nonce"], "BASE_TYPE_MAX_LENGTH", `Must be ${Limits.nonce} or fewer in length.`);
  }
  const am = body.allowed_mentions;
  if (isObj(am)) {
    const parse = Array.isArray(am.parse) ? am.parse : [];
    for (const p of parse) {
      if (p !== "users" && p !== "roles" && p !== "everyone") {
        errs.add(["allowed_mentions", "parse"], "BASE_TYPE_CHOICES", `Value must be one of {'everyone', 'roles', 'users'}.`);
      }
    }
    for (const kind of ["users", "roles"] as const) {
      const ids = am[kind];
      if (parse.includes(kind) && Array.isArray(ids) && ids.length > 0) {
        errs.add(
          ["allowed_mentions"],
          "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
          `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
        );
      }
    }
  }
  errs.throwIfAny();
  if (!opts.partial && isEmptyMessage(body)) throw Errors.emptyMessage();
}

function isEmptyMessage(body: Json): boolean {
  const hasContent = typeof body.content === "string" && body.content.trim().length > 0;
  const nonEmptyList = (v: unknown) => Array.isArray(v) && v.length > 0;
  return !(
    hasContent ||
    nonEmptyList(body.embeds) ||
    nonEmptyList(body.components) ||
    nonEmptyList(body.sticker_ids) ||
    nonEmptyList(body.attachments) ||
    body.poll !== undefined
  );
}

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkCommandOptions(errs: FormErrors, path: Path, options: unknown): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) {
    errs.add(path, "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
    return;
  }
  if (options.length > Limits.commandOptions) {
    errs.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${Limits.commandOptions} or fewer in length.`);
  }
  options.forEach((o: unknown, i: number) => {
    const op = [...path, i];
    const opt = isObj(o) ? o : {};
    checkName(errs, [...op, "name"], opt.name);
    maxLen(errs, [...op, "description"], opt.description, Limits.commandDescription, true);
    if (typeof opt.type !== "number" || opt.type < 1 || opt.type > 11) {
      errs.add([...op, "type"], "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11).");
    }
    if (Array.isArray(opt.choices) && opt.choices.length > Limits.choices) {
      errs.add([...op, "choices"], "BASE_TYPE_MAX_LENGTH", `Must be ${Limits.choices} or fewer in length.`);
    }
    checkCommandOptions(errs, [...op, "options"], opt.options);
  });
}

function checkName(errs: FormErrors, path: Path, name: unknown): void {
  if (typeof name !== "string" || !NAME_RE.test(name) || name !== name.toLowerCase()) {
    errs.add(path, "APPLICATION_COMMAND_INVALID_NAME", `Command name is invalid`);
  }
}

/** Validates a bulk-overwrite body (PUT .../commands) like Discord. */
export function validateCommands(body: unknown): Json[] {
  const errs = new FormErrors();
  if (!Array.isArray(body)) {
    errs.add([], "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
    errs.throwIfAny();
    return [];
  }
  if (body.length > Limits.commands) {
    errs.add([], "BASE_TYPE_MAX_LENGTH", `Must be ${Limits.commands} or fewer in length.`);
  }
  const seen = new Set<string>();
  body.forEach((c: unknown, i: number) => {
    const cmd = isObj(c) ? c : {};
    validateCommandInto(errs, [i], cmd);
    const key = `${String(cmd.type ?? 1)}:${String(cmd.name)}`;
    if (seen.has(key)) errs.add([i, "name"], "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique");
    seen.add(key);
  });
  errs.throwIfAny();
  return body as Json[];
}

/** Validates a single command (POST .../commands). */
export function validateCommand(body: Json): void {
  const errs = new FormErrors();
  validateCommandInto(errs, [], body);
  errs.throwIfAny();
}

function validateCommandInto(errs: FormErrors, path: Path, cmd: Json): void {
  const type = cmd.type ?? 1;
  if (type === 1) {
    checkName(errs, [...path, "name"], cmd.name);
    maxLen(errs, [...path, "description"], cmd.description, Limits.commandDescription, true);
  } else {
    maxLen(errs, [...path, "name"], cmd.name, Limits.commandName, true);
  }
  checkCommandOptions(errs, [...path, "options"], cmd.options);
}
