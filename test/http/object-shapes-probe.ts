/**
 * Run by object-shapes.test.ts under `node --allow-natives-syntax`: serves an Express app through
 * createAppServer, and prints (as JSON) whether each request and response still had fast
 * properties once answered, and whether the check tells a dictionary-mode object from a fast one.
 */
import express from 'express';

import { createAppServer } from '../../src/http/app-server.js';

// V8's own test of an object's mode; only parsed when the flag is on, hence a Function.
const hasFastProperties = new Function('object', 'return %HasFastProperties(object)') as (object: object) => boolean;

const dictionary: Record<string, number> = { a: 1, b: 2 };
delete dictionary.a;

const shapes: { request: boolean; response: boolean }[] = [];
const app = express();
app.use((req, res, next) => {
  // What the service's first phase adds to every request and response (request-logging.ts).
  Object.assign(req, { id: 'probe', userId: undefined });
  Object.assign(res, { outgoingHeaders: {} });
  res.once('finish', () => shapes.push({ request: hasFastProperties(req), response: hasFastProperties(res) }));
  next();
});
app.get('/items/:id', (req, res) => {
  res.status(200).json({ id: req.params.id, q: req.query.q });
});

const server = createAppServer(app);
server.listen(0, '127.0.0.1', async () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  for (let i = 0; i < 3; i++) await (await fetch(`http://127.0.0.1:${port}/items/${i}?q=x`)).text();
  server.closeAllConnections();
  server.close();
  console.log(JSON.stringify({ checkSeesDictionary: !hasFastProperties(dictionary), checkSeesFast: hasFastProperties({ a: 1 }), shapes }));
});
