import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The dev server proxies the API to a running Catalyst (CATALYST_API, e.g. http://127.0.0.1:7070);
// the production build is static files the server serves at /.
const api = process.env.CATALYST_API;

export default defineConfig({
  plugins: [react()],
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: api ? { proxy: { '/api': { target: api, changeOrigin: false } } } : {},
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    // a first jsdom render can take seconds on a busy 2-core machine; no test asserts speed
    testTimeout: 20_000,
  },
});
