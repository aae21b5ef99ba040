import { readFile } from 'node:fs/promises';

import type { RequestHandler } from 'express';

import { HttpProblemError } from '../errors/http-problem-error.js';

/** Serves the self-contained Redoc page built by `make docs`. */
export function docsPage(htmlPath: string): RequestHandler {
  let cached: Buffer | undefined;
  return async (_req, res, next) => {
    try {
      cached ??= await readFile(htmlPath);
    } catch {
      next(new HttpProblemError('docs_not_built', 404, `The documentation has not been built (${htmlPath}); run \`make docs\``));
      return;
    }
    res.type('html').send(cached);
  };
}
