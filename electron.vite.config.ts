import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { rendererAliases } from './renderer/vite-aliases';

// main/ and its preload are thin shells over src/ (bundled in); native and binary-carrying
// packages (sharp, ffmpeg installers, fonts...) stay external and load from node_modules.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(__dirname, 'main/index.ts') } },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { preload: resolve(__dirname, 'main/preload.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    resolve: { alias: rendererAliases(__dirname) },
    build: {
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
      chunkSizeWarningLimit: 4096,
      // Minified: the window parses ~1 MB less script before it is interactive.
      minify: true,
      cssMinify: true,
    },
  },
});
