/**
 * `npm run bench [filter]`: runs every bench/*.bench.ts (or those whose name contains the filter),
 * one after another so they do not compete for the two cores, and prints their figures.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const filter = process.argv[2] ?? "";
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && f.includes(filter))
  .sort();

let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f.replace(/\.bench\.ts$/, "")} ===`);
  const started = performance.now();
  try {
    const mod = (await import(new URL(f, import.meta.url).href)) as { run: () => Promise<void> };
    await mod.run();
  } catch (err) {
    failed++;
    console.error(`bench ${f} failed:`, err);
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
if (files.length === 0) console.log(`no benchmark matches '${filter}'`);
process.exit(failed ? 1 : 0);
