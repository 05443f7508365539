/**
 * Run tasks with a global concurrency limit and a per-key (per-host) limit. A task whose host is busy
 * waits while tasks for other hosts go ahead, so one slow host does not stall the run.
 */
/**
 * With `stop`, once it aborts no further task starts: the run resolves when the running ones settle,
 * and every task never started gets `notStarted(item)` as its result.
 */
export async function runWithLimits<T, R>(
  items: readonly T[],
  keyOf: (item: T) => string,
  limits: { concurrency: number; perKey: number },
  fn: (item: T) => Promise<R>,
  stop?: { signal: AbortSignal; notStarted: (item: T) => R },
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const pending = items.map((item, index) => ({ item, index, key: keyOf(item) }));
  const active = new Map<string, number>();
  let running = 0;
  return new Promise<R[]>((resolve, reject) => {
    const pump = (): void => {
      if (stop?.signal.aborted && pending.length > 0) {
        for (const p of pending) results[p.index] = stop.notStarted(p.item);
        pending.length = 0;
      }
      if (pending.length === 0 && running === 0) return resolve(results);
      for (let i = 0; i < pending.length && running < limits.concurrency; ) {
        const next = pending[i]!;
        if ((active.get(next.key) ?? 0) >= limits.perKey) {
          i++;
          continue;
        }
        pending.splice(i, 1);
        running++;
        active.set(next.key, (active.get(next.key) ?? 0) + 1);
        fn(next.item).then(
          (r) => {
            results[next.index] = r;
            running--;
            active.set(next.key, (active.get(next.key) ?? 1) - 1);
            pump();
          },
          reject,
        );
      }
    };
    stop?.signal.addEventListener("abort", pump, { once: true });
    pump();
  });
}
