/**
 * SSRF guard. Moderators add feed URLs from chat, so the fetcher must never reach loopback, private,
 * CGNAT, link-local (cloud metadata), multicast, unspecified or IPv6 unique/link-local addresses, nor
 * IPv4-mapped or NAT64 forms of them. The check runs inside the socket's DNS lookup, so the address
 * that was checked is the one connected to (a DNS answer that changes between check and connect
 * cannot slip through), and again on every redirect hop because every hop opens a connection.
 */
import { lookup as dnsLookup } from "node:dns";
import type { LookupAddress, LookupOptions } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** Only globally routable unicast is allowed; ipaddr.js names every special range something else. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns ::ffff:a.b.c.d into IPv4, so mapped loopback/private are judged as IPv4.
  const parsed = ipaddr.process(address);
  // The deprecated IPv4-compatible form ::a.b.c.d (::/96) is tunnelled to a.b.c.d on some kernels,
  // and ipaddr.js calls "::7f00:1" unicast: nothing legitimate lives there, so refuse all of it.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) return false;
  return parsed.range() === "unicast";
}

export class BlockedAddressError extends Error {
  readonly code = "ENEWSDESK_BLOCKED";
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`refusing to connect to ${hostname} (${address}): not a public address`);
  }
}

/** Resolves a host name to every address (tests pass their own to simulate hostile DNS). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request / net.connect that resolves, refuses the whole answer when any address
 * is not public (a name that also points inward is hostile), and hands the checked addresses on.
 */
export function guardedLookup(resolver: Resolver, allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions | number, callback: LookupCallback): void => {
    const opts: LookupOptions = typeof options === "number" ? { family: options } : options;
    resolver(hostname).then(
      (all) => {
        let addresses = all;
        if (opts.family === 4 || opts.family === 6) addresses = all.filter((a) => a.family === opts.family);
        if (addresses.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          err.code = "ENOTFOUND";
          callback(err, "", 0);
          return;
        }
        const bad = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
        if (bad) {
          callback(new BlockedAddressError(hostname, bad.address), "", 0);
          return;
        }
        if (opts.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, "", 0),
    );
  };
}

/** Host name of a URL without IPv6 brackets. */
export function bareHostname(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

/** Literal IP hosts never reach `lookup` (net connects directly), so they are checked up front. */
export function literalAddressBlocked(url: URL, allowPrivate: boolean): BlockedAddressError | null {
  const host = bareHostname(url);
  if (allowPrivate || isIP(host) === 0) return null;
  return isPublicAddress(host) ? null : new BlockedAddressError(host, host);
}

/**
 * The connect-time guard's verdict on a URL ahead of time (OPML import adds feeds without fetching
 * them): a literal private address, or a host name any of whose addresses is private, is refused. A
 * name that does not resolve (in `timeoutMs`) passes: the poller's guard still checks every connection.
 */
export async function privateAddressOf(url: URL, resolver: Resolver, timeoutMs = 3000): Promise<BlockedAddressError | null> {
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = bareHostname(url);
  if (isIP(host) !== 0) return literalAddressBlocked(url, false);
  let timer: NodeJS.Timeout | undefined;
  try {
    const addresses = await Promise.race([
      resolver(host),
      new Promise<LookupAddress[]>((ok) => {
        timer = setTimeout(() => ok([]), timeoutMs);
      }),
    ]);
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    return bad ? new BlockedAddressError(host, bad.address) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
