/** Something in a built page that a browser would fetch from another origin. */
export interface ExternalLoad {
  kind: string;
  url: string;
  line: number;
}

/**
 * Finds every reference in an HTML page that makes a browser fetch from the internet when the
 * page is viewed: script/link/img/iframe/source/embed/object sources, CSS `url()` and
 * `@import`, and any absolute URL of a script, style, font or image file written anywhere
 * (including inside inlined JavaScript, where a component might render `<img src=...>`).
 * Plain navigation links (`<a href>`) and XML namespaces are not loads and are not reported,
 * nor are loopback URLs (`http://127.0.0.1:8000/logo.svg` in a code sample): whatever they
 * would fetch, it is not from the internet.
 */
export function findExternalLoads(html: string): ExternalLoad[] {
  const found: ExternalLoad[] = [];
  const add = (kind: string, url: string, index: number) => {
    if (!isLoopback(url)) found.push({ kind, url, line: lineAt(html, index) });
  };
  const absolute = /^(https?:)?\/\//i;

  for (const m of html.matchAll(
    /<(script|img|iframe|source|embed|video|audio|track|input)\b[^>]*?\s(?:src|data)\s*=\s*["']?([^"'\s>]+)/gi,
  )) {
    if (absolute.test(m[2]!)) add(`<${m[1]!.toLowerCase()} src>`, m[2]!, m.index);
  }
  for (const m of html.matchAll(/<link\b[^>]*?\shref\s*=\s*["']?([^"'\s>]+)/gi)) {
    if (absolute.test(m[1]!)) add('<link href>', m[1]!, m.index);
  }
  for (const m of html.matchAll(/\ssrcset\s*=\s*["']([^"']+)/gi)) {
    if (/(https?:)?\/\//i.test(m[1]!)) add('srcset', m[1]!, m.index);
  }
  for (const m of html.matchAll(/url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi)) add('css url()', m[1]!, m.index);
  for (const m of html.matchAll(/@import\s+(?:url\()?\s*["']((?:https?:)?\/\/[^"']+)/gi)) add('css @import', m[1]!, m.index);
  for (const m of html.matchAll(
    /https?:\/\/[^\s"'`<>()\\]+?\.(?:m?js|css|woff2?|ttf|otf|eot|svg|png|jpe?g|gif|webp|avif|ico)(?=[\s"'`<>()?#\\]|$)/gi,
  )) {
    if (!found.some((f) => f.url === m[0])) add('asset URL', m[0], m.index);
  }
  // Base URLs of asset CDNs, which code completes into file URLs at view time.
  for (const m of html.matchAll(
    /https?:\/\/(?:cdn\.redocly\.com|cdn\.redoc\.ly|fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.jsdelivr\.net|unpkg\.com)[^\s"'`<>()\\]*/gi,
  )) {
    if (!found.some((f) => f.url === m[0])) add('CDN URL', m[0], m.index);
  }
  return found;
}

function isLoopback(url: string): boolean {
  return /^(?:https?:)?\/\/(?:127(?:\.\d{1,3}){3}|localhost|\[::1\])(?=[:/?#]|$)/i.test(url);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
