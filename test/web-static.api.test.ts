import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './test-app.js';

/** The built web app as the server sends it: compressed when asked, cached by hashed name. */
describe('web app files', () => {
  let t: TestApp;
  let webDir: string;
  const script = `console.log(${JSON.stringify('后备'.repeat(600))});`;

  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'houbei-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Houbei</title>');
    writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), script);
    writeFileSync(path.join(webDir, 'assets', 'app-abc123.js.gz'), gzipSync(script));
    writeFileSync(path.join(webDir, 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
    t = await buildTestApp('pglite', { webDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('sends the precompressed file the browser accepts, and the plain one otherwise', async () => {
    const gz = await t.app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const br = await t.app.inject({
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    const plain = await t.app.inject({
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('lets browsers keep hashed assets for good but always revalidate the page', async () => {
    const asset = await t.app.inject({ url: '/assets/app-abc123.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
    const page = await t.app.inject({ url: '/pool' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
  });
});
