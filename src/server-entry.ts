import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runBundle, SERVER_BUNDLE_FILE } from './startup/bundle-loader.js';

// `dist/server.cjs`: runs the server bundle beside it (src/server.ts, bundled) with its code cache.
runBundle(join(dirname(fileURLToPath(import.meta.url)), SERVER_BUNDLE_FILE));
