/**
 * A button's custom_id encodes the command and its arguments (≤ 100 characters, Discord's limit).
 * When they do not fit, the choice is parked in memory under a short key; after a restart such a
 * button asks the member to run the command again.
 */
import { randomUUID } from "node:crypto";

export const CUSTOM_ID_MAX = 100;
const PREFIX = "nd1:";
const PARKED = "nd1~";

export interface ButtonAction {
  command: string;
  args: Record<string, string>;
  /** The command that produced the private view the button sits on (e.g. "topics"), so a press can redraw it. */
  view?: { command: string; args: Record<string, string> };
}

export interface ButtonIds {
  encode(action: ButtonAction): string;
  /** null: not ours, or a parked choice that is gone. */
  decode(customId: string): ButtonAction | null;
}

// "|" separates the action from its view: both halves are percent-encoded, so neither contains a raw "|".
function packOne(command: string, args: Record<string, string>): string {
  const q = new URLSearchParams(args).toString();
  return `${encodeURIComponent(command)}${q ? `?${q}` : ""}`;
}

function pack(a: ButtonAction): string {
  return `${PREFIX}${packOne(a.command, a.args)}${a.view ? `|${packOne(a.view.command, a.view.args)}` : ""}`;
}

function unpackOne(part: string): { command: string; args: Record<string, string> } | null {
  const q = part.indexOf("?");
  const command = decodeURIComponent(q < 0 ? part : part.slice(0, q));
  if (!command) return null;
  const args = Object.fromEntries(new URLSearchParams(q < 0 ? "" : part.slice(q + 1)));
  return { command, args };
}

function unpack(id: string): ButtonAction | null {
  const [main = "", viewPart] = id.slice(PREFIX.length).split("|", 2);
  const action = unpackOne(main);
  if (!action) return null;
  const view = viewPart === undefined ? null : unpackOne(viewPart);
  return view ? { ...action, view } : action;
}

export function createButtonIds(maxParked = 5000): ButtonIds {
  const parked = new Map<string, ButtonAction>();
  return {
    encode(action) {
      const id = pack(action);
      if (id.length <= CUSTOM_ID_MAX) return id;
      const key = `${PARKED}${randomUUID()}`;
      parked.set(key, action);
      // Oldest first out: Map keeps insertion order.
      if (parked.size > maxParked) parked.delete(parked.keys().next().value as string);
      return key;
    },
    decode(customId) {
      if (customId.startsWith(PREFIX)) {
        try {
          return unpack(customId);
        } catch {
          return null;
        }
      }
      if (customId.startsWith(PARKED)) return parked.get(customId) ?? null;
      return null;
    },
  };
}
