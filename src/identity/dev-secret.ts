import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { MIN_SECRET_BYTES } from './auth-config.js';

/**
 * The local development HS256 secret in `file`, created (owner-only, random) on first use so
 * `make run` works with no configuration. Never used in production: config refuses to start
 * there without a real key.
 */
export function ensureDevSecret(file: string): Uint8Array {
  try {
    return readSecret(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    // `wx`: if another process (the server, the token CLI) created it meanwhile, theirs wins.
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readSecret(file);
}

function readSecret(file: string): Uint8Array {
  const secret = readFileSync(file, 'utf8').trim();
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new Error(`${file} holds a secret shorter than ${MIN_SECRET_BYTES} bytes; delete it to have a new one created`);
  }
  return new TextEncoder().encode(secret);
}
