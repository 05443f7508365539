/**
 * External clustering quality against human labels: B-cubed precision/recall/F1 (per item: how much
 * of my cluster is my story / how much of my story is in my cluster), adjusted Rand index and
 * normalised mutual information. All are computed from the contingency table in O(n).
 */
export interface ClusterScores {
  items: number;
  predictedClusters: number;
  trueClusters: number;
  bcubedPrecision: number;
  bcubedRecall: number;
  bcubedF1: number;
  ari: number;
  nmi: number;
}

/** `predicted[i]` and `truth[i]` are the cluster labels of item i. */
export function scoreClustering(predicted: readonly string[], truth: readonly string[]): ClusterScores {
  if (predicted.length !== truth.length) throw new Error("predicted and truth differ in length");
  const n = predicted.length;
  const predSize = countBy(predicted);
  const trueSize = countBy(truth);
  const joint = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = `${predicted[i]}\u0000${truth[i]}`;
    joint.set(k, (joint.get(k) ?? 0) + 1);
  }

  // B-cubed: each item i contributes |C(i) ∩ L(i)| / |C(i)| and / |L(i)|; group the sum by cell.
  let precision = 0;
  let recall = 0;
  for (const [k, nij] of joint) {
    const [p, t] = k.split("\u0000") as [string, string];
    precision += (nij * nij) / (predSize.get(p) ?? 1);
    recall += (nij * nij) / (trueSize.get(t) ?? 1);
  }
  precision = n ? precision / n : 1;
  recall = n ? recall / n : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;

  const pairs = (x: number): number => (x * (x - 1)) / 2;
  const sumJoint = sum([...joint.values()].map(pairs));
  const sumPred = sum([...predSize.values()].map(pairs));
  const sumTrue = sum([...trueSize.values()].map(pairs));
  const expected = pairs(n) > 0 ? (sumPred * sumTrue) / pairs(n) : 0;
  const maxIndex = (sumPred + sumTrue) / 2;
  const ari = maxIndex - expected === 0 ? 1 : (sumJoint - expected) / (maxIndex - expected);

  let mi = 0;
  for (const [k, nij] of joint) {
    const [p, t] = k.split("\u0000") as [string, string];
    mi += (nij / n) * Math.log((n * nij) / ((predSize.get(p) ?? 1) * (trueSize.get(t) ?? 1)));
  }
  const hPred = entropy(predSize, n);
  const hTrue = entropy(trueSize, n);
  const nmi = hPred + hTrue === 0 ? 1 : (2 * mi) / (hPred + hTrue);

  return {
    items: n,
    predictedClusters: predSize.size,
    trueClusters: trueSize.size,
    bcubedPrecision: precision,
    bcubedRecall: recall,
    bcubedF1: f1,
    ari,
    nmi,
  };
}

function countBy(labels: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

function entropy(sizes: Map<string, number>, n: number): number {
  let h = 0;
  for (const s of sizes.values()) if (s > 0) h -= (s / n) * Math.log(s / n);
  return h;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
