import { readFileSync } from 'node:fs';

import type { BuildOptions, Plugin } from 'esbuild';

/**
 * JSON files bundled as `JSON.parse` of their text rather than as object literals (what webpack
 * does): V8 parses JSON faster than the same data as JavaScript, and the code cache need not hold
 * the literal's boilerplate. mime-db's 150 kB, which Express loads at every start, is the one
 * that counts.
 */
const jsonAsJsonParse: Plugin = {
  name: 'json-as-json-parse',
  setup(builder) {
    builder.onLoad({ filter: /\.json$/ }, (args) => {
      const text = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
      return { contents: `module.exports = JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

/**
 * The esbuild output settings of the two files a start reads and compiles (the server bundle and
 * the compiled contract).
 *
 * Why whitespace is minified: at every start each byte of the source is read, hashed, decoded
 * into a V8 string and kept, and pages touched for the first time cost about 14 us each on these
 * machines. Without comments and indentation the bundle is 1.5 MB rather than 2.1 MB, and ASCII
 * (its comments held the only other characters), so it decodes as Latin-1. Names are kept:
 * stack traces still name every function, at a column of a long line of the bundle.
 */
export const STARTUP_OUTPUT: Pick<BuildOptions, 'minifyWhitespace' | 'legalComments' | 'charset' | 'plugins'> = {
  minifyWhitespace: true,
  legalComments: 'none',
  charset: 'ascii',
  plugins: [jsonAsJsonParse],
};
