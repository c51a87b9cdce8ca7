import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The patient app. Built into dist/app, served by the web server (server/) with /config.json beside it.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    // One chunk on purpose (~200 KB gzipped): every page is one click from the first; the README reports the figure.
    chunkSizeWarningLimit: 800,
  },
});
