import type { Command } from 'commander';
import { SkyqlError } from '../base/errors/skyql-error.js';
import { ResponseCache } from '../core/execute/response-cache.js';

/** `--cache.ttl` as commander stores it. */
export interface CacheFlags {
  'cache.ttl'?: string;
}

/** Default TTL of the response cache of `shell` and `srv`, in seconds. */
export const DEFAULT_CACHE_TTL_SECONDS = 300;

/** Adds `--cache.ttl <seconds>` (shell and srv). */
export function addCacheOption(cmd: Command): Command {
  return cmd.option(
    '--cache.ttl <seconds>',
    'reuse API responses for repeated queries this long (0: off; /*+ NOCACHE */ bypasses)',
    String(DEFAULT_CACHE_TTL_SECONDS),
  );
}

/** The response cache the flags ask for. */
export function cacheFromFlags(flags: CacheFlags): ResponseCache {
  const raw = flags['cache.ttl'] ?? String(DEFAULT_CACHE_TTL_SECONDS);
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new SkyqlError('BAD_FLAG', `--cache.ttl must be a number of seconds >= 0, got '${raw}'`);
  return new ResponseCache({ ttlMs: seconds * 1000 });
}
