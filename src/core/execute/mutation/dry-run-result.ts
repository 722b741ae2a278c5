import type { ResultSet } from '../../../base/result/result-set.js';
import type { HttpRequest } from '../../http/http-types.js';
import { redactBody, redactUrl } from '../../http/redact.js';

/**
 * The requests a mutation would send, one row each: `method`, `url` and `body` (as sent: compact
 * JSON for JSON bodies), with secrets redacted. Credentials are never part of them: they are added
 * only when a request is really sent.
 */
export function dryRunResult(requests: readonly HttpRequest[]): ResultSet {
  return {
    columns: [
      { name: 'method', type: 'text' },
      { name: 'url', type: 'text' },
      { name: 'body', type: 'text' },
    ],
    rows: requests.map((r) => [r.method, redactUrl(r.url), r.body === undefined ? null : redactBody(r.body)]),
  };
}
