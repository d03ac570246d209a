import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// The console is built into dist/web and served by the service itself at `/`.
export default defineConfig({
  root: webRoot,
  base: '/',
  // Vite's and Vitest's caches stay out of web/ (its files are the build's inputs).
  cacheDir: fileURLToPath(new URL('../node_modules/.vite-web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // ECharts (with the dashboard's chart), exceljs (on export) and each screen are loaded on
    // demand through dynamic imports; the first page carries only the shell (scripts/web-size.mjs).
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
