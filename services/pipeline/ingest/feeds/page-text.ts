import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';

const BLOCKS = 'p, div, section, article, h1, h2, h3, h4, h5, h6, li, blockquote, pre, tr, figcaption';

// textContent runs paragraphs together; mark block ends first, then normalise whitespace so
// paragraphs come out separated by one blank line.
function blockText(root: ParentNode & Node): string {
  for (const br of Array.from(root.querySelectorAll('br'))) br.replaceWith('\n');
  for (const el of Array.from(root.querySelectorAll(BLOCKS))) el.append('\n\n');
  return (root.textContent ?? '')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Scripts never run and no sub-resource is loaded: jsdom does neither unless `runScripts` or
// `resources` is set, and neither is. A silent virtual console swallows CSS parse noise.
function parseHtml(html: string, url?: string): JSDOM {
  return new JSDOM(html, { url, contentType: 'text/html', virtualConsole: new VirtualConsole() });
}

/** Plain text of an HTML fragment (a feed description); plain text passes through. Pure. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  const dom = parseHtml(`<!doctype html><body>${html}`);
  try {
    return blockText(dom.window.document.body);
  } finally {
    dom.window.close();
  }
}

/** The main text and title of an article page via Readability, or undefined when it finds none. Pure (no network, no scripts). */
export function pageText(html: string, url: string): { title: string; text: string } | undefined {
  const dom = parseHtml(html, url);
  try {
    const article = new Readability(dom.window.document).parse();
    if (!article?.content) return undefined;
    const content = JSDOM.fragment(article.content);
    const text = blockText(content);
    return text === '' ? undefined : { title: (article.title ?? '').trim(), text };
  } finally {
    dom.window.close();
  }
}
