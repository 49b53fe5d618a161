import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.WUZHONG_API ?? 'http://127.0.0.1:4000';

/**
 * A brotli and a gzip copy beside each script and style sheet, which the server sends as they are
 * (server/src/admin/admin-static.ts): compressed once here, not on every first visit.
 */
function precompress(): Plugin {
  return {
    name: 'wz-precompress',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css)$/.test(file.fileName)) continue;
        const body = Buffer.from(file.type === 'chunk' ? file.code : file.source);
        if (body.length < 1024) continue;
        // Quality 9, not 11: a few per cent larger, but seconds less on every build (the browser tests build too).
        const br = brotliCompressSync(body, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
        });
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.br`, source: br });
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.gz`, source: gzipSync(body, { level: 9 }) });
      }
    },
  };
}

/**
 * The admin panel. `vite build --config admin/vite.config.ts` writes admin/dist,
 * which the server serves at `/`. `vite --config admin/vite.config.ts` is the dev
 * server with hot reload on :5173, proxying the API to the server (WUZHONG_API).
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  server: {
    port: 5173,
    host: '127.0.0.1',
    proxy: {
      '/graphql': api,
      '/api': api,
      '/healthz': api,
    },
  },
});
