/** Entry point of the `newsdesk` command (see src/cli/index.ts). */
import { runCli } from "./cli/index.js";

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
