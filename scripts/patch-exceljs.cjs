// exceljs 4.4.0 decodes each inflated chunk of XML on its own, so a Chinese character split across
// two chunks becomes U+FFFD and rosters are silently corrupted (exceljs issues #2063, #2084, #2316;
// unmerged fix #2213). Decode with one streaming TextDecoder instead. Runs at `npm install`;
// idempotent; leaves a newer exceljs alone (the import tests would show if it still needs this).
const fs = require('node:fs');
const path = require('node:path');

const file = path.join(__dirname, '..', 'node_modules', 'exceljs', 'lib', 'utils', 'parse-sax.js');
if (!fs.existsSync(file)) process.exit(0);
const source = fs.readFileSync(file, 'utf8');
if (source.includes('houbei: streaming utf-8 decode')) process.exit(0);
const broken = '    saxesParser.write(bufferToString(chunk));';
if (!source.includes(broken)) {
  console.warn('patch-exceljs: parse-sax.js has changed upstream; not patched (check the import tests).');
  process.exit(0);
}
const fixed = source
  .replace(
    '  for await (const chunk of iterable) {',
    "  // houbei: streaming utf-8 decode\n  const decoder = new TextDecoder('utf-8');\n  for await (const chunk of iterable) {",
  )
  .replace(
    broken,
    "    saxesParser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, {stream: true}));",
  );
fs.writeFileSync(file, fixed);
console.log('patch-exceljs: patched parse-sax.js (streaming UTF-8 decoding)');
