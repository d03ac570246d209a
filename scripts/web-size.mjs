// The console's initial JavaScript: the entry script of dist/web/index.html and every chunk it
// preloads, raw and gzipped. Screens, ECharts and exceljs load later, on demand.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export function initialJavaScript(webDir) {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1]);
  let raw = 0;
  let gzipped = 0;
  for (const file of new Set(files)) {
    const bytes = readFileSync(join(webDir, file.replace(/^\//, '')));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: [...new Set(files)], raw, gzipped };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const webDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');
  const { files, raw, gzipped } = initialJavaScript(webDir);
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ files, raw, gzipped })}\n`);
    process.exit(0);
  }
  process.stdout.write(
    `initial JavaScript: ${files.length} file(s), ${(raw / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzipped\n`,
  );
}
