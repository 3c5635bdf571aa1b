import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react()],
  worker: { format: 'es' },
  // The benchmark is built for node with `--ssr`: it needs no static assets.
  build: { target: 'es2022', sourcemap: true, copyPublicDir: !isSsrBuild },
  preview: { port: 4173 },
}));
