import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { pwa } from './pwa-plugin';

// The portal calls the gateway at /api; in dev and preview Vite forwards it.
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), pwa()],
  // The manifest maps each screen to its chunks: bench/portal-bundle.mjs sizes each role's home.
  build: { manifest: true },
  server: { port: 5173, proxy: { '/api': gateway } },
  preview: { port: 5173, proxy: { '/api': gateway } },
});
