/** Discord's nested error tree: keys are field names or array indices, leaves are `_errors` lists. */
export interface ErrorTree {
  [key: string]: ErrorTree | { code: string; message: string }[] | undefined;
}

/** An error response the fake sends exactly as Discord would: status plus `{code, message, errors?}`. */
export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: ErrorTree,
  ) {
    super(message);
  }

  toJSON(): Record<string, unknown> {
    return this.errors === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, errors: this.errors };
  }
}

/** Collects field errors, then becomes a 400/50035 "Invalid Form Body" if any were added. */
export class FormErrors {
  readonly tree: ErrorTree = {};
  private count = 0;

  add(path: readonly (string | number)[], code: string, message: string): void {
    let node: ErrorTree = this.tree;
    for (const key of path) {
      const k = String(key);
      const next = node[k];
      if (next === undefined || Array.isArray(next)) {
        const created: ErrorTree = {};
        node[k] = created;
        node = created;
      } else {
        node = next;
      }
    }
    const list = node._errors;
    if (Array.isArray(list)) list.push({ code, message });
    else node._errors = [{ code, message }];
    this.count += 1;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  throwIfAny(): void {
    if (this.count > 0) throw new FakeApiError(400, 50035, "Invalid Form Body", this.tree);
  }
}

/** Common Discord errors by their JSON code. */
export const Errors = {
  unauthorized: () => new FakeApiError(401, 0, "401: Unauthorized"),
  unknownChannel: () => new FakeApiError(404, 10003, "Unknown Channel"),
  unknownGuild: () => new FakeApiError(404, 10004, "Unknown Guild"),
  unknownMember: () => new FakeApiError(404, 10007, "Unknown Member"),
  unknownMessage: () => new FakeApiError(404, 10008, "Unknown Message"),
  unknownUser: () => new FakeApiError(404, 10013, "Unknown User"),
  unknownWebhook: () => new FakeApiError(404, 10015, "Unknown Webhook"),
  unknownCommand: () => new FakeApiError(404, 10063, "Unknown application command"),
  unknownInteraction: () => new FakeApiError(404, 10062, "Unknown interaction"),
  alreadyAcknowledged: () => new FakeApiError(400, 40060, "Interaction has already been acknowledged."),
  missingAccess: () => new FakeApiError(403, 50001, "Missing Access"),
  emptyMessage: () => new FakeApiError(400, 50006, "Cannot send an empty message"),
  cannotDm: () => new FakeApiError(403, 50007, "Cannot send messages to this user"),
  nonTextChannel: () => new FakeApiError(400, 50008, "Cannot send messages in a non-text channel"),
  missingPermissions: () => new FakeApiError(403, 50013, "Missing Permissions"),
  threadArchived: () => new FakeApiError(400, 50083, "Thread is archived"),
  notFound: () => new FakeApiError(404, 0, "404: Not Found"),
  methodNotAllowed: () => new FakeApiError(405, 0, "405: Method Not Allowed"),
} as const;
