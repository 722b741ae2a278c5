import type { DocsLayout } from '../tools/docs/page-writer.js';
import { type Flag, integer, list, oneOf, text, toggle } from './flag-types.js';

/** Flags of the tools (`skyql docs`, `skyql emulator`), part of {@link FLAGS} (flag-table.ts). */
export const TOOL_FLAGS = {
  // docs
  docsOut: {
    syntax: '--out <path>',
    help: 'a resource page: file or folder (default: stdout); a service or provider: folder',
    type: text,
  },
  docsLayout: {
    syntax: '--layout <layout>',
    help: 'flat: <service>/<resource>.md; nested: <service>/<resource>/index.md',
    type: oneOf<DocsLayout>(['flat', 'nested']),
    default: 'flat' as DocsLayout,
  },

  // emulator (defaults of the emulator, which only this command loads)
  emulatorPort: {
    syntax: '--port <n>',
    help: 'port to listen on; 0 picks a free one',
    type: integer(0, 65535),
    default: 8089,
  },
  emulatorHost: { syntax: '--host <address>', help: 'address to bind', type: text, default: '127.0.0.1' },
  emulatorProvider: {
    syntax: '--provider <name>',
    help: 'provider whose documents define the APIs',
    type: text,
    default: 'google',
  },
  seed: { syntax: '--seed <file>', help: 'seed data, JSON or YAML (repeatable)', type: list(false) },
  state: {
    syntax: '--state <file>',
    help: 'state file: loaded at start when present, saved on exit and by POST /_emulator/save',
    type: text,
  },
  stateDir: {
    syntax: '--state-dir <folder>',
    help: 'folder for named snapshots: POST /_emulator/save {"name": "x.json"} writes there (and nowhere else)',
    type: text,
  },
  sample: {
    syntax: '--sample',
    help: 'load the demo data set (project, healthcare DICOM study, compute instances, buckets, IAM policy)',
    type: toggle,
  },
  sampleOrg: {
    syntax: '--sample-org <n>',
    help: 'generate an organisation of n projects under folders, with instances, disks, networks, firewalls, buckets, service accounts and IAM policies; some projects have Compute disabled, some are denied (docs/emulator.md)',
    type: integer(1, 100_000),
  },
  orgSeed: {
    syntax: '--org-seed <n>',
    help: 'seed of --sample-org: the same seed gives the same organisation',
    type: integer(0, 2 ** 31 - 1),
    default: 1,
  },
  quota: {
    syntax: '--quota <rule>',
    help: "rate quota per consumer project and API, answered with Google's 429: SERVICE=N/s or N/min, options ,project=N/s ,answer=429|rateLimitExceeded|userRateLimitExceeded ,burst=N ,retryAfter=false (repeatable; e.g. compute.googleapis.com=50/s)",
    type: list(false),
  },
  emulatorAuth: { syntax: '--no-auth', help: 'accept API calls without a bearer token', type: toggle },
  trustKey: {
    syntax: '--trust-key <file>',
    help: 'trust a service-account key for the JWT-bearer grant: PEM public key, certificate or key JSON (repeatable)',
    type: list(false),
  },
  writeKey: {
    syntax: '--write-key <file>',
    help: 'write a throwaway service-account key file (token_uri = the emulator) and trust it',
    type: text,
  },
  operationPolls: {
    syntax: '--operation-polls <n>',
    help: 'GETs before an operation reports done (default 1)',
    type: integer(0),
  },
  pageSize: {
    syntax: '--page-size <n>',
    help: 'page size of lists that ask for none (default 100; --sample sets 5, so its 12 buckets come in 3 pages)',
    type: integer(1),
  },
  fault: {
    syntax: '--fault <json>',
    help: 'inject faults: {"id","match","method","status","message","rate","latencyMs","retryAfter","drop","truncate","times","failOperation"} (repeatable; docs/emulator.md)',
    type: list(false),
  },
  preload: {
    syntax: '--preload',
    help: "compile every service's routes at start instead of on first use",
    type: toggle,
  },
  requestLog: { syntax: '--log', help: 'print one line per request on stderr', type: toggle },
} satisfies Record<string, Flag<unknown>>;
