import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served under /explorer/ by the web server (clients/web/server), beside the patient app.
export default defineConfig({
  base: '/explorer/',
  plugins: [react()],
  // GraphiQL's worker setup uses Vite's `?worker` imports, which dependency pre-bundling would break.
  optimizeDeps: { exclude: ['graphiql/setup-workers/vite', '@graphiql/react/setup-workers/vite'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco is large by nature; it loads once, from this server.
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      // React Compiler's "use no memo" directives in GraphiQL's code: harmless once bundled.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
