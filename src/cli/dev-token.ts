// `make run` runs this before the server: prints a ready development token and a curl line.
import { loadConfig } from '../config.js';
import { allScopes, DEV_USER, mintForConfig } from '../startup/dev-credentials.js';
import { runCli } from '../startup/run-cli.js';

const TWELVE_HOURS = 12 * 3600;

runCli(async () => {
  const config = loadConfig();
  const { jwt, trustedGateway } = config.auth;
  if (trustedGateway || (jwt?.kind !== 'secret' && jwt?.kind !== 'dev-secret')) {
    console.log('No development token: callers are authenticated by a gateway or an identity provider in this configuration.');
    return;
  }
  const scopes = allScopes();
  const token = await mintForConfig(config, {
    sub: DEV_USER.id,
    username: DEV_USER.username,
    email: DEV_USER.email,
    scopes,
    ttlSeconds: TWELVE_HOURS,
  });
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const source = jwt.kind === 'dev-secret' ? `the development secret in ${jwt.file}` : 'AUTH_JWT_SECRET';
  console.log(
    [
      '',
      `Development token for ${DEV_USER.username} (${DEV_USER.id}), scopes: ${scopes.join(' ')}; valid 12 h, signed with ${source}:`,
      '',
      `  ${token}`,
      '',
      'Try it:',
      '',
      `  curl -H "Authorization: Bearer ${token}" http://${host}:${config.port}/me`,
      '',
      'Mint others with: npm run -s token -- --sub <uuid> --scope "customers:read"',
      '',
    ].join('\n'),
  );
});
