import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    // Real servers (fake Discord, fake Bot API, feed servers, Postgres) start per file; give them room.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
