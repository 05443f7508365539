import { Errors, FormErrors } from "./api-error.js";
import { buildInteractionPayload, type InteractOptions } from "./interaction-payload.js";
import type { Json } from "./model.js";
import type { FakeDiscordState } from "./state.js";
import { validateMessageBody } from "./validate.js";

const EPHEMERAL = 64;
const LOADING = 128;

export interface InteractionCallback {
  /** 4 message, 5 deferred message, 6 deferred update, 7 update message, 8 autocomplete result, 9 modal. */
  type: number;
  data: Json | undefined;
  /** Date.now() when the callback arrived. */
  at: number;
}

/** What the bot did with one interaction; the arrays and getters stay live as the bot keeps answering. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  /** The INTERACTION_CREATE payload that was dispatched. */
  payload: Json;
  dispatchedAt: number;
  /** The initial response (set once interact() resolves). */
  callback: InteractionCallback | undefined;
  /** Time from dispatch to the initial callback. */
  latencyMs: number | undefined;
  /** Follow-up messages (POST /webhooks/:app/:token), in order. */
  followUps: Json[];
  /** The @original response message, if the callback created one (kept up to date by edits). */
  original: Json | undefined;
  /** True once @original was deleted. */
  originalDeleted: boolean;
}

interface Entry {
  record: InteractionRecord;
  channelId: string;
  resolve: (r: InteractionRecord) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

/** Tracks dispatched interactions and implements their callback and webhook endpoints. */
export class InteractionRegistry {
  readonly records: InteractionRecord[] = [];
  private readonly byId = new Map<string, Entry>();
  private readonly byToken = new Map<string, Entry>();

  constructor(
    private readonly state: FakeDiscordState,
    /** Discord refuses initial callbacks after 3 s with 10062 Unknown interaction. */
    private readonly deadlineMs: number,
    private readonly send: (event: string, data: Json) => void,
  ) {}

  interact(opts: InteractOptions): Promise<InteractionRecord> {
    const id = this.state.nextId();
    const token = `fake-interaction-token-${id}-${Math.random().toString(36).slice(2)}`;
    const payload = buildInteractionPayload(this.state, id, token, opts);
    const record: InteractionRecord = {
      id,
      token,
      type: payload.type as number,
      payload,
      dispatchedAt: Date.now(),
      callback: undefined,
      latencyMs: undefined,
      followUps: [],
      original: undefined,
      originalDeleted: false,
    };
    this.records.push(record);
    const timeoutMs = opts.timeoutMs ?? 5000;
    return new Promise<InteractionRecord>((resolve, reject) => {
      const entry: Entry = { record, channelId: payload.channel_id as string, resolve, reject, timer: undefined };
      entry.timer = setTimeout(() => {
        reject(new Error(`interaction ${id} (${opts.name ?? opts.customId ?? "?"}) was not answered within ${timeoutMs} ms`));
      }, timeoutMs);
      entry.timer.unref();
      this.byId.set(id, entry);
      this.byToken.set(token, entry);
      this.send("INTERACTION_CREATE", payload);
    });
  }

  /** Rejects every pending interact() (used on close so no test waits on a dead fake). */
  abortAll(): void {
    for (const e of this.byId.values()) {
      if (e.timer) clearTimeout(e.timer);
      if (!e.record.callback) e.reject(new Error("fake Discord closed"));
    }
  }

  callback(id: string, token: string, body: unknown, withResponse: boolean, now: number): Json | undefined {
    const entry = this.byId.get(id);
    if (!entry || entry.record.token !== token) throw Errors.unknownInteraction();
    const rec = entry.record;
    if (rec.callback) throw Errors.alreadyAcknowledged();
    if (now - rec.dispatchedAt > this.deadlineMs) throw Errors.unknownInteraction();
    const b = (typeof body === "object" && body !== null ? body : {}) as Json;
    const type = b.type;
    const data = (b.data ?? undefined) as Json | undefined;
    const errs = new FormErrors();
    const allowed = rec.type === 4 ? [8] : rec.type === 3 ? [4, 5, 6, 7, 9] : [4, 5, 9];
    if (typeof type !== "number" || !allowed.includes(type)) {
      errs.add(["type"], "INTERACTION_RESPONSE_TYPE_INVALID", "Interaction response type is invalid for this interaction");
    }
    errs.throwIfAny();
    if (type === 4) validateMessageBody(data ?? {});
    if (type === 7 && data) validateMessageBody(data, { partial: true });
    if (type === 8) this.validateChoices(data);
    if (type === 9) this.validateModal(data);

    if (type === 4 || type === 5) {
      const flags = typeof data?.flags === "number" ? data.flags : 0;
      const msgBody = type === 4 ? (data ?? {}) : { content: "", flags: (flags & EPHEMERAL) | LOADING };
      rec.original = this.createMessage(entry, msgBody);
    } else if (type === 7 && data && rec.payload.message) {
      const host = rec.payload.message as Json;
      const stored = this.state.findMessage(entry.channelId, String(host.id)) ?? host;
      Object.assign(stored, pickEditable(data), { edited_timestamp: new Date(now).toISOString() });
      rec.original = stored;
    }
    rec.callback = { type: type as number, data, at: now };
    rec.latencyMs = now - rec.dispatchedAt;
    if (entry.timer) clearTimeout(entry.timer);
    entry.resolve(rec);
    if (!withResponse) return undefined;
    return {
      interaction: {
        id: rec.id,
        type: rec.type,
        response_message_id: rec.original?.id ?? null,
        response_message_loading: type === 5,
        response_message_ephemeral: ((rec.original?.flags as number | undefined) ?? 0) & EPHEMERAL ? true : false,
      },
      resource: { type, ...(rec.original && (type === 4 || type === 7) ? { message: rec.original } : {}) },
    };
  }

  followUp(appId: string, token: string, body: unknown): Json {
    const entry = this.webhookEntry(appId, token);
    const b = (body ?? {}) as Json;
    validateMessageBody(b);
    const msg = this.createMessage(entry, b);
    entry.record.followUps.push(msg);
    return msg;
  }

  getMessage(appId: string, token: string, messageId: string): Json {
    const { msg } = this.locate(appId, token, messageId);
    return msg;
  }

  editMessage(appId: string, token: string, messageId: string, body: unknown, now: number): Json {
    const { msg } = this.locate(appId, token, messageId);
    const b = (body ?? {}) as Json;
    validateMessageBody(b, { partial: true });
    const flags = ((msg.flags as number | undefined) ?? 0) & ~LOADING;
    Object.assign(msg, pickEditable(b), { flags, edited_timestamp: new Date(now).toISOString() });
    return msg;
  }

  deleteMessage(appId: string, token: string, messageId: string): void {
    const { entry, msg } = this.locate(appId, token, messageId);
    const list = this.state.messages.get(entry.channelId);
    const idx = list?.indexOf(msg) ?? -1;
    if (list && idx >= 0) list.splice(idx, 1);
    if (entry.record.original === msg) entry.record.originalDeleted = true;
    entry.record.followUps = entry.record.followUps.filter((m) => m !== msg);
  }

  private locate(appId: string, token: string, messageId: string): { entry: Entry; msg: Json } {
    const entry = this.webhookEntry(appId, token);
    const rec = entry.record;
    const msg =
      messageId === "@original"
        ? rec.originalDeleted
          ? undefined
          : rec.original
        : rec.followUps.find((m) => m.id === messageId) ?? (rec.original?.id === messageId ? rec.original : undefined);
    if (!msg) throw Errors.unknownMessage();
    return { entry, msg };
  }

  private webhookEntry(appId: string, token: string): Entry {
    const entry = this.byToken.get(token);
    // Follow-ups only work once the interaction was acknowledged.
    if (appId !== this.state.applicationId || !entry || !entry.record.callback) throw Errors.unknownWebhook();
    return entry;
  }

  private createMessage(entry: Entry, body: Json): Json {
    const rec = entry.record;
    const user = (rec.payload.member as Json | undefined)?.user ?? rec.payload.user;
    const msg = this.state.buildMessage(entry.channelId, body, {
      webhook_id: this.state.applicationId,
      application_id: this.state.applicationId,
      interaction_metadata: { id: rec.id, type: rec.type, user, authorizing_integration_owners: rec.payload.authorizing_integration_owners },
    });
    // Ephemeral messages are visible only to the invoker, so they never enter the channel history.
    if (((msg.flags as number) & EPHEMERAL) === 0) this.state.storeMessage(entry.channelId, msg);
    return msg;
  }

  private validateChoices(data: Json | undefined): void {
    const errs = new FormErrors();
    const choices = data?.choices;
    if (!Array.isArray(choices)) errs.add(["data", "choices"], "BASE_TYPE_REQUIRED", "This field is required");
    else {
      if (choices.length > 25) errs.add(["data", "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
      choices.forEach((c: unknown, i: number) => {
        const name = (c as Json | null)?.name;
        if (typeof name !== "string" || name.length < 1 || name.length > 100) {
          errs.add(["data", "choices", i, "name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
      });
    }
    errs.throwIfAny();
  }

  private validateModal(data: Json | undefined): void {
    const errs = new FormErrors();
    if (typeof data?.custom_id !== "string") errs.add(["data", "custom_id"], "BASE_TYPE_REQUIRED", "This field is required");
    if (typeof data?.title !== "string") errs.add(["data", "title"], "BASE_TYPE_REQUIRED", "This field is required");
    if (!Array.isArray(data?.components)) errs.add(["data", "components"], "BASE_TYPE_REQUIRED", "This field is required");
    errs.throwIfAny();
  }
}

function pickEditable(b: Json): Json {
  const out: Json = {};
  for (const k of ["content", "embeds", "components", "allowed_mentions", "attachments"]) {
    if (b[k] !== undefined) out[k] = k === "embeds" && Array.isArray(b[k]) ? b[k].map((e: unknown) => ({ type: "rich", ...(e as Json) })) : b[k];
  }
  return out;
}

