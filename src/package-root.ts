/**
 * The package root (the folder with package.json), found by walking up from this file, so bundled
 * assets and the operator's `.env` resolve the same from src/ (tsx), from dist/src/ (a build) and
 * from any working directory (`npx newsdesk`, a service manager starting in /).
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
  return dir;
}
