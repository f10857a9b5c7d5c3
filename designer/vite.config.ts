import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The designer's build. The engine worker gets a fixed file-name prefix so runtime-api can serve it with
 * its own Content-Security-Policy (the one place 'unsafe-eval' is allowed: Ajv generates validators).
 * `BATON_API` points the dev server's /api proxy at a running runtime-api.
 */
export default defineConfig({
  plugins: [react()],
  worker: {
    format: 'es',
    rollupOptions: { output: { entryFileNames: 'assets/engine-worker-[hash].js', chunkFileNames: 'assets/engine-worker-chunk-[hash].js' } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.BATON_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
