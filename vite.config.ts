import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorkerPlugin } from './scripts/vite-plugin-sw';
import { prerenderTexPlugin } from './scripts/vite-plugin-tex';

// A relative base makes dist/ work from any sub-path of a static host (e.g. /courses/rnn/).
export default defineConfig({
  base: './',
  plugins: [react(), prerenderTexPlugin(), serviceWorkerPlugin()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1200 },
  server: { host: '127.0.0.1' },
});
