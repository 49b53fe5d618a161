import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.WUZHONG_API ?? 'http://127.0.0.1:4000';

/**
 * The admin panel. `vite build --config admin/vite.config.ts` writes admin/dist,
 * which the server serves at `/`. `vite --config admin/vite.config.ts` is the dev
 * server with hot reload on :5173, proxying the API to the server (WUZHONG_API).
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
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
