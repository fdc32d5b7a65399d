import type { ProxyOptions } from 'vite';
import { defineConfig } from 'vitest/config';

// The service runs on :8080 in development (`./mvnw spring-boot:run`); the dev server (and `vite preview`) forwards
// the API and the event socket to it so the page and the API share an origin, as they do when the service serves
// dist/. TRIBUNE_SERVICE_URL points them at another address.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const service = env.TRIBUNE_SERVICE_URL ?? 'http://localhost:8080';

// Through the proxy the page and the API are one site, as in production; the browser's Origin header would make
// each call look cross-site to the service (403 unless `tribune.http.cors-allowed-origins` names this server).
type OutgoingRequest = { removeHeader(name: string): void };
type ProxyEvents = { on(event: 'proxyReq' | 'proxyReqWs', listener: (request: OutgoingRequest) => void): void };
const asSameSite: ProxyOptions['configure'] = (proxy) => {
  const events = proxy as unknown as ProxyEvents; // node's EventEmitter (typed without @types/node)
  events.on('proxyReq', (request) => request.removeHeader('origin'));
  events.on('proxyReqWs', (request) => request.removeHeader('origin'));
};

const proxy: Record<string, ProxyOptions> = {
  '/api': { target: service, changeOrigin: true, configure: asSameSite },
  '/ws': { target: service, ws: true, changeOrigin: true, configure: asSameSite },
  // the service's relay of the Janus REST API (janus.js talks to `<origin>/janus`)
  '/janus': { target: service, changeOrigin: true, configure: asSameSite },
};

export default defineConfig({
  // copied as it is to the root of dist/ (the Maven build serves dist/ as classpath:/static): /push-sw.js, the push
  // service worker, must sit at the site root to have the whole site as its scope, and load without a bundler's help
  publicDir: 'public',
  server: { port: 5173, proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: true,
    // dist/.vite/manifest.json: which chunks the entry imports statically (scripts/bundle-report.mjs reads it)
    manifest: true,
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
