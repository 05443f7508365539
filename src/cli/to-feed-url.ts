/**
 * What the operator typed after `feeds add|test|remove` (or an OPML entry) as the URL to store: an
 * http(s) URL, a bare host ("example.com/feed" → https), or an existing local file as a file: URL.
 * Anything else is refused here with a reason, before a fetch can turn it into a misleading DNS error.
 */
import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CommandError } from "../core/errors.js";

/** The input is not something a feed can be read from. `userMessage` says why. */
export class FeedUrlError extends CommandError {
  constructor(userMessage: string) {
    super(userMessage, { code: "bad-url", userMessage });
  }
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// "example.com:8080/feed" starts like a scheme but is a host and port.
const HOST_PORT = /^[^:/]+:\d+(?:[/?#]|$)/;
const BARE_HOST = /^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+|\[[0-9a-f:.]+\])(?::\d+)?(?:[/?#]|$)/i;

/** The real path's file: URL, so "./f.xml", "/abs/f.xml" and a symlink to it are one feed. */
function fileUrl(path: string, shown: string): string {
  const full = resolve(path);
  if (!existsSync(full)) throw new FeedUrlError(`no such file: ${shown}`);
  return pathToFileURL(realpathSync(full)).href;
}

export function toFeedUrl(raw: string): string {
  const input = raw.trim();
  if (!input) throw new FeedUrlError("give a feed URL (http or https) or a local file path");
  const scheme = SCHEME.exec(input)?.[1]?.toLowerCase();
  if (scheme && !HOST_PORT.test(input)) {
    if (scheme === "file") {
      let path: string;
      try {
        path = fileURLToPath(input);
      } catch {
        throw new FeedUrlError(`'${input}' is not a usable file: URL (use file:///absolute/path or a plain path)`);
      }
      return fileUrl(path, input);
    }
    if (scheme !== "http" && scheme !== "https") {
      throw new FeedUrlError(`'${scheme}:' URLs are not supported — use an http(s) URL or a local file path`);
    }
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new FeedUrlError(`'${input}' is not a valid URL`);
    }
    if (!url.hostname) throw new FeedUrlError(`'${input}' has no host name`);
    // "https://ftp://x" parses (host "ftp", empty port): a second scheme inside is never meant.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input.slice(`${scheme}://`.length))) throw new FeedUrlError(`'${input}' contains two schemes`);
    return input;
  }
  if (existsSync(input)) return fileUrl(input, input);
  if (/^[.~/\\]/.test(input)) throw new FeedUrlError(`no such file: ${input}`);
  if (BARE_HOST.test(input)) return `https://${input}`;
  throw new FeedUrlError(`'${input}' is neither an http(s) URL nor an existing file`);
}
