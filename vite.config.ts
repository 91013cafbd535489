import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Vite builds the browser client from client/ into dist/client, which the server serves. */
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
