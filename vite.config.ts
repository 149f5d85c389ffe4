import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes .br and .gz next to every text asset after the build, so the server sends compressed
 * files without compressing on each request (@fastify/static `preCompressed`).
 */
function precompress(outDir: string): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? walk(file) : [file];
    });
  return {
    name: 'houbei-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg|json)$/.test(f))) {
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

/** The SPA lives in src/web; the server serves dist/web and proxies nothing in production. */
export default defineConfig({
  root: `${repoRoot}src/web`,
  plugins: [react(), precompress(`${repoRoot}dist/web`)],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    // Big libraries loaded by every page are kept apart so the per-route chunks stay small
    // and the browser caches vendor code across releases.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
