import { defineConfig } from 'vitest/config';

/** Every test: unit, HTTP (supertest on real git repos), Hugo agreement and browser (Chromium). */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
