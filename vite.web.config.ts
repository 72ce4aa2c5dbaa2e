import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer alone, built exactly as electron.vite.config.ts builds it (same root, plugins and
// output folder): for web mode and the e2e tests when the Electron main/preload are not needed.
export default defineConfig({
  root: resolve(__dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, 'out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    chunkSizeWarningLimit: 4096,
  },
});
