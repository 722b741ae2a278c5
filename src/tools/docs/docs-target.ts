import { SkyqlError } from '../../base/errors/skyql-error.js';

/** What `skyql docs <target>` documents: a provider, one of its services, or one resource. */
export interface DocsTarget {
  readonly provider: string;
  readonly service?: string;
  readonly resource?: string;
}

/**
 * Parses `provider[.service[.resource]]`. A resource name containing dots may be double-quoted
 * (`google.container."projects.aggregated.usableSubnetworks"`); unquoted, everything after the
 * service is taken as the resource name.
 */
export function parseDocsTarget(text: string): DocsTarget {
  const t = text.trim();
  const m = /^([A-Za-z0-9_-]+)(?:\.([A-Za-z0-9_-]+)(?:\.(?:"([^"]+)"|([^"]+)))?)?$/.exec(t);
  if (!m) {
    throw new SkyqlError(
      'BAD_FLAG',
      `invalid docs target '${text}': expected provider, provider.service or provider.service.resource`,
      {
        hint: 'e.g. skyql docs google.healthcare.datasets',
      },
    );
  }
  const resource = m[3] ?? m[4];
  return { provider: m[1], ...(m[2] ? { service: m[2] } : {}), ...(resource ? { resource } : {}) };
}

/** A name made safe as one path segment: characters outside `[A-Za-z0-9_.-]` become `_`. */
export function safeFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_.-]/g, '_');
  return safe === '' || safe === '.' || safe === '..' ? `_${safe}` : safe;
}
