// The scanner behind `make docs` refusing a page that would fetch from the internet.
import { describe, expect, it } from 'vitest';

import { findExternalLoads } from '../../scripts/docs/external-loads.js';

describe('findExternalLoads', () => {
  it.each([
    ['<script src="https://cdn.example.com/redoc.js"></script>', '<script src>'],
    ['<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', '<link href>'],
    ['<img src="//cdn.example.com/logo.png">', '<img src>'],
    ['<style>@import url("https://example.com/a.css");</style>', 'css url()'],
    ['<style>@font-face { src: url(https://example.com/f.woff2) }</style>', 'css url()'],
    ['<script>const logo = `https://cdn.redoc.ly/redoc/logo-mini.svg`;</script>', 'asset URL'],
    ['<script>const icons = {fa: `https://cdn.redocly.com/icons/fa/7.0.0`};</script>', 'CDN URL'],
  ])('when the page holds %s, reports a %s load', (html, kind) => {
    expect(findExternalLoads(html).map((f) => f.kind)).toContain(kind);
  });

  it('when the page only links to other sites or names XML namespaces, reports nothing', () => {
    const html = '<a href="https://redocly.com/redoc/">docs by</a><svg xmlns="http://www.w3.org/2000/svg"></svg><img src="data:,">';
    expect(findExternalLoads(html)).toEqual([]);
  });

  it('when the page names loopback URLs (a code sample of the local server), reports nothing', () => {
    const html = '<script>const sample = `curl "http://127.0.0.1:8000/logo.svg"`, b = "http://localhost:8000/a.js";</script>';
    expect(findExternalLoads(html)).toEqual([]);
    expect(findExternalLoads('<script>const u = "http://127.0.0.1.evil.example/a.js";</script>')).toHaveLength(1);
  });

  it('reports the line of each load', () => {
    expect(findExternalLoads('<p>\n</p>\n<script src="https://x.test/a.js"></script>')[0]?.line).toBe(3);
  });
});
