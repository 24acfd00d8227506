import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';
const proxy = { '/api': api, '/metrics': api };

export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // antd's shared core is one ~580 kB chunk; splitting it by hand made the citizen pages load more, not less.
    chunkSizeWarningLimit: 700,
  },
  server: { proxy },
  preview: { proxy },
});
