// Mints a bearer token for the configured HS256 secret and prints it (only it) on stdout:
//   npm run -s token -- --sub <uuid> --scope "customers:read timeseries:read" [--username ada]
//     [--email ada@example.com] [--ttl 3600]
import { parseArgs } from 'node:util';

import { loadConfig } from '../config.js';
import { UUID_PATTERN } from '../identity/authenticator.js';
import { parseScopes } from '../identity/scopes.js';
import { allScopes, DEV_USER, mintForConfig } from '../startup/dev-credentials.js';
import { runCli } from '../startup/run-cli.js';

runCli(async () => {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string', default: DEV_USER.id },
      scope: { type: 'string' },
      username: { type: 'string' },
      email: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
    },
  });
  if (!UUID_PATTERN.test(values.sub)) throw new Error(`--sub must be a user UID (a UUID), got ${JSON.stringify(values.sub)}`);
  const ttlSeconds = Number(values.ttl);
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1)
    throw new Error(`--ttl must be a positive number of seconds, got ${JSON.stringify(values.ttl)}`);
  const isDevUser = values.sub === DEV_USER.id;
  const config = loadConfig();
  if (config.nodeEnv === 'production') console.error('warning: minting a token with the production secret');
  const token = await mintForConfig(config, {
    sub: values.sub,
    username: values.username ?? (isDevUser ? DEV_USER.username : undefined),
    email: values.email ?? (isDevUser ? DEV_USER.email : null),
    scopes: values.scope === undefined ? allScopes() : [...parseScopes(values.scope)],
    ttlSeconds,
  });
  console.log(token);
});
