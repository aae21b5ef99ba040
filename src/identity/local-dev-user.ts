import type { EnvReader, NodeEnv } from '../env-reader.js';
import type { AuthenticatedCaller, Authenticator } from './authenticator.js';
import type { LoggedUser } from './user-context.js';

/** The variable that turns the local development user on. */
export const LOCAL_DEV_USER_VARIABLE = 'AUTH_LOCAL_DEV_USER';

/** The local developer: `make run` mints its token, and AUTH_LOCAL_DEV_USER=1 lets credential-less requests act as it. */
export const LOCAL_DEV_USER: LoggedUser = Object.freeze({
  id: '2d9a7e52-6c1b-4f3a-9e8d-5b4c3a2f1e0d',
  username: 'developer',
  email: 'developer@example.com',
});

/** Read scopes only: a request without credentials may look, never write. */
export const LOCAL_DEV_SCOPES: readonly string[] = Object.freeze(['customers:read', 'timeseries:read']);

/** The request headers that carry credentials in some mode; a request with any of them is authenticated normally. */
const CREDENTIAL_HEADERS = ['authorization', 'x-user-uid', 'x-username', 'x-user-id', 'x-user-email', 'x-user-scopes'];

/**
 * Parses AUTH_LOCAL_DEV_USER (off by default). It is refused under NODE_ENV=production and when
 * HOST is not a loopback address: there, anyone who reaches the port would read data unasked.
 */
export function parseLocalDevUser(env: EnvReader, nodeEnv: NodeEnv, host: string): boolean {
  const value = env.text(LOCAL_DEV_USER_VARIABLE);
  if (value === undefined || value === '0' || value === 'false') return false;
  if (value !== '1' && value !== 'true') return env.fail(LOCAL_DEV_USER_VARIABLE, `must be 1 or 0, got ${JSON.stringify(value)}`);
  if (nodeEnv === 'production') {
    env.fail(LOCAL_DEV_USER_VARIABLE, 'is for local development only and is refused under NODE_ENV=production');
  }
  if (!isLoopback(host)) {
    env.fail(
      LOCAL_DEV_USER_VARIABLE,
      `is refused because HOST=${host} is not a loopback address (127.0.0.1, ::1, localhost): anyone reaching the port could read data without credentials`,
    );
  }
  return true;
}

/** Whether `host` is a loopback interface name or address. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * A request that sends no credentials at all acts as LOCAL_DEV_USER with LOCAL_DEV_SCOPES; any
 * other request goes to `inner`, so a bad token is still a 401 and a write still needs a token.
 */
export function withLocalDevUser(inner: Authenticator): Authenticator {
  const caller: AuthenticatedCaller = Object.freeze({ user: LOCAL_DEV_USER, scopes: new Set(LOCAL_DEV_SCOPES) });
  const anonymous = Promise.resolve(caller);
  return {
    authenticate(request) {
      const headers = request.headers;
      for (const name of CREDENTIAL_HEADERS) if (headers[name] !== undefined) return inner.authenticate(request);
      return anonymous;
    },
  };
}
