import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * QUALITY.md: every route of the web app is lazy-loaded, so the login page loads only its own
 * code (the bench measures the bytes). A static import of a feature in the router or the app shell
 * would pull that screen into the first download; this keeps it from creeping in.
 */
describe('web routes', () => {
  const shellFiles = ['src/web/main.tsx', 'src/web/app/app.tsx', 'src/web/app/router.tsx'];

  it.each(shellFiles)('%s imports no feature screen statically', (file) => {
    const source = readFileSync(file, 'utf8');
    const staticImports = [...source.matchAll(/^import[^;]*from '([^']+)'/gm)].map((m) => m[1]);
    expect(staticImports.filter((from) => from.includes('/features/'))).toEqual([]);
  });

  it('loads every page of the router through lazy()', () => {
    const source = readFileSync('src/web/app/router.tsx', 'utf8');
    const pages = [...source.matchAll(/element: page\((\w+)/g)].map((m) => m[1]);
    expect(pages.length).toBeGreaterThan(10);
    for (const name of new Set(pages)) expect(source, name).toMatch(new RegExp(`const ${name} = lazy\\(`));
  });
});
