import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// A relative base makes dist/ work from any sub-path of a static host (e.g. /courses/rnn/).
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1200 },
  server: { host: '127.0.0.1' },
});
