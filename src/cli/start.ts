import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../server/main.js';
import { readConfig } from '../server/platform/config.js';

/** `npm start`: build the web app when it is missing, then start (demo organisation on first start). */
const config = readConfig();
if (!existsSync(path.join(config.webDir, 'index.html'))) {
  console.log('Building the web app (first start)…');
  const built = spawnSync(
    process.execPath,
    [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { stdio: 'inherit' },
  );
  if (built.status !== 0) {
    console.error('The web build failed; the API will still start.');
  }
}
const demo = !process.argv.includes('--no-demo') && process.env.HOUBEI_DEMO !== 'false';
startServer({ demo, config }).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
