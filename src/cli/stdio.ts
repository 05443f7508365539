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

/**
 * For `npm start | head -3`: once the reader of stdout (or stderr) is gone, output is dropped instead
 * of an unhandled EPIPE 'error' event killing the process; the service itself keeps running.
 */
export function ignoreBrokenPipes(streams: Writable[] = [process.stdout, process.stderr]): void {
  for (const s of streams) {
    if (!s.listeners("error").includes(dropError)) s.on("error", dropError);
  }
}

function dropError(): void {
  // Nothing useful can be done with an output stream that failed; the next write is a no-op.
}
