/** Discord's epoch (2015-01-01); ids built on it sort by creation time as real snowflakes do. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/** Returns a generator of snowflake-like decimal id strings, unique and increasing within one fake. */
export function createSnowflakeGenerator(workerId = 1): () => string {
  let increment = 0n;
  let lastMs = 0n;
  return () => {
    let ms = BigInt(Date.now()) - DISCORD_EPOCH;
    // Keep ids strictly increasing even if the clock steps back or 4096 ids land in one millisecond.
    if (ms < lastMs) ms = lastMs;
    if (ms === lastMs) {
      increment += 1n;
      if (increment > 0xfffn) {
        ms += 1n;
        increment = 0n;
      }
    } else {
      increment = 0n;
    }
    lastMs = ms;
    return ((ms << 22n) | (BigInt(workerId & 0x1f) << 17n) | increment).toString();
  };
}

/** The creation time (ms since Unix epoch) encoded in a snowflake. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}
