import { readFile } from 'node:fs';
import { promisify } from 'node:util';

import type { RequestHandler } from 'express';

import { HttpProblemError } from '../errors/http-problem-error.js';

// Not node:fs/promises: importing it loads eight more of Node's own modules at every start (2 ms),
// for a page read once.
const readFileOnce = promisify(readFile);

/** Serves the self-contained Redoc page built by `make docs`. */
export function docsPage(htmlPath: string): RequestHandler {
  let cached: Buffer | undefined;
  return async (_req, res, next) => {
    try {
      cached ??= await readFileOnce(htmlPath);
    } catch {
      next(new HttpProblemError('docs_not_built', 404, `The documentation has not been built (${htmlPath}); run \`make docs\``));
      return;
    }
    res.type('html').send(cached);
  };
}
