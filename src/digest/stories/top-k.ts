/**
 * The k best of a list by score, best first, without sorting the whole list: the same as
 * `items.filter((x) => scores[x] > min).sort((a, b) => scores[b] - scores[a]).slice(0, k)`, ties
 * kept in list order as the stable sort keeps them. The clusterer's candidate search asks for the
 * top 10 of hundreds of terms and the top 8 of hundreds of stories for every item.
 *
 * `items` null stands for the indices 0 … scores.length - 1.
 */
export function topK(
  items: ArrayLike<number> | null,
  scores: ArrayLike<number>,
  k: number,
  min = -Infinity,
  /** How many of `items` to look at (a scratch list may be longer than its entries). */
  n = items ? items.length : scores.length,
): number[] {
  const out: number[] = [];
  out.length = topKInto(out, [], items, scores, k, min, n);
  return out;
}

/**
 * `topK` into the first entries of `out` (their count returned; `best` holds their scores): a
 * caller that asks for every item keeps both arrays, as two new arrays per search were collector work.
 */
export function topKInto(out: number[], best: number[], items: ArrayLike<number> | null, scores: ArrayLike<number>, k: number, min: number, n: number): number {
  let count = 0;
  if (k <= 0) return 0;
  for (let i = 0; i < n; i++) {
    const item = items ? (items[i] as number) : i;
    const s = scores[item] as number;
    if (!(s > min)) continue;
    // Full: only a strictly better score gets in (an equal one comes later in list order).
    if (count === k && !(s > (best[k - 1] as number))) continue;
    // Shift the worse ones down one place (dropping the last when full) and put this one in.
    let j = count < k ? count++ : k - 1;
    for (; j > 0 && (best[j - 1] as number) < s; j--) {
      out[j] = out[j - 1] as number;
      best[j] = best[j - 1] as number;
    }
    out[j] = item;
    best[j] = s;
  }
  return count;
}
