import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** One file of the built dashboard, ready to send. */
export interface DashboardAsset {
  body: Buffer;
  contentType: string;
  etag: string;
  /** Content-hashed name: cacheable forever. index.html is not. */
  immutable: boolean;
}

export type DashboardAssets = ReadonlyMap<string, DashboardAsset>;

const WEB = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The tab icon: a tally mark (four strokes and a bar) on the accent blue. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0072b2"/><path d="M9 8v16M14 8v16M19 8v16M24 8v16M6 21 27 11" stroke="#fff" stroke-width="2.6" stroke-linecap="round"/></svg>
`;

const asset = (body: Buffer, name: string, immutable: boolean): DashboardAsset => ({
  body,
  contentType: CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  immutable,
});

/** The page shell: no inline script or style, so the CSP can forbid both. */
function indexHtml(script: string, style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimwatch</title>
<link rel="icon" type="image/svg+xml" href="assets/favicon.svg">
<link rel="stylesheet" href="assets/${style}">
<script type="module" src="assets/${script}"></script>
</head>
<body>
<header class="top"><a class="brand" href="#/">claimwatch</a><nav id="nav"></nav><span id="conn" class="conn"></span></header>
<main id="view"><p class="muted">Loading…</p></main>
</body>
</html>
`;
}

/**
 * Bundles services/surfaces/dashboard/web (TypeScript, uPlot and its CSS) with esbuild into memory: nothing is written
 * to disk or committed. Takes ~0.1–0.5 s; the HTTP service calls it once at start and serves the result.
 * Keys are paths under /dashboard/ (`index.html`, `assets/main-<hash>.js`, …). Throws when the sources do not build.
 */
export async function buildDashboardAssets(options: { minify?: boolean } = {}): Promise<DashboardAssets> {
  const result = await build({
    entryPoints: { main: path.join(WEB, 'main.ts'), styles: path.join(WEB, 'styles.css') },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: options.minify ?? true,
    sourcemap: 'linked',
    entryNames: '[name]-[hash]',
    outdir: path.join(WEB, 'out'),
    logLevel: 'silent',
    legalComments: 'eof',
  });
  const assets = new Map<string, DashboardAsset>();
  let script = '';
  let style = '';
  for (const file of result.outputFiles) {
    const name = path.basename(file.path);
    assets.set(`assets/${name}`, asset(Buffer.from(file.contents), name, true));
    if (/^main-.*\.js$/.test(name)) script = name;
    if (/^styles-.*\.css$/.test(name)) style = name;
  }
  if (!script || !style) throw new Error('dashboard build produced no script or stylesheet');
  assets.set('assets/favicon.svg', asset(Buffer.from(FAVICON), 'favicon.svg', false));
  assets.set('index.html', asset(Buffer.from(indexHtml(script, style)), 'index.html', false));
  return assets;
}
