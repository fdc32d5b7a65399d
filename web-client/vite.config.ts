import { defineConfig } from 'vitest/config';

// The service runs on :8080 in development (`./mvnw spring-boot:run`); the dev server forwards the API and the
// event socket to it so the page and the API share an origin, as they do when the service serves dist/.
const service = 'http://localhost:8080';

export default defineConfig({
  server: {
    port: 5173,
    proxy: {
      '/api': { target: service, changeOrigin: true },
      '/ws': { target: service, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: true,
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
