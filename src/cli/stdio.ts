/**
 * The CLI's output lines on real streams. A closed pipe (`newsdesk feeds list | head -1`) ends output
 * quietly instead of crashing with an unhandled EPIPE, and a failed write never throws into a command,
 * so it cannot abort a store write half-way.
 */
import type { Writable } from "node:stream";

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Line writer for one stream; after any write error the rest of the output is dropped. */
export function lineWriter(stream: Writable): (line: string) => void {
  let broken = false;
  // Without a listener, an async EPIPE is an unhandled 'error' event that kills the process.
  stream.on("error", () => {
    broken = true;
  });
  return (line) => {
    if (broken || stream.destroyed || stream.writableEnded) return;
    try {
      stream.write(`${line}\n`);
    } catch {
      broken = true;
    }
  };
}

let shared: CliIo | undefined;

/** stdout/stderr writers, made once per process so repeated runs add no more 'error' listeners. */
export function processIo(): CliIo {
  return (shared ??= { out: lineWriter(process.stdout), err: lineWriter(process.stderr) });
}
