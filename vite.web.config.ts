import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { rendererAliases } from './renderer/vite-aliases';

// The renderer alone, built exactly as electron.vite.config.ts builds it (same root, plugins and
// output folder): for web mode and the e2e tests when the Electron main/preload are not needed.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  resolve: { alias: rendererAliases(import.meta.dirname) },
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    chunkSizeWarningLimit: 4096,
    // Minified: the window parses ~1 MB less script before it is interactive.
    minify: true,
    cssMinify: true,
  },
});
