/**
 * A loopback server that does almost no work per request, for the P2/P2w baselines (issue 13): the
 * pages of one Compute `instances.list` call (rows shaped like real instances, ~40 fields, nested
 * disks, interfaces, metadata) are rendered to bytes once at start, and each request only picks a
 * page by its `pageToken` and writes it. It checks a bearer token, as Google does, so skyql's
 * authenticated path is the one measured. Any path answers: clients reach it through
 * `--endpoint google=<url>`, which puts the API host first in the path.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What {@link startPageServer} serves. */
export interface PageServerOptions {
  readonly pages: number;
  readonly rowsPerPage: number;
  /** The bearer token requests must carry. */
  readonly token: string;
  /** Each answer waits this long first (an API's latency); none by default. */
  readonly latencyMs?: number;
}

/** A running page server. */
export interface PageServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Bytes of all pages together. */
  readonly bytes: number;
  close(): Promise<void>;
}

const ZONE = 'https://www.googleapis.com/compute/v1/projects/bench/zones/us-central1-a';

/** One instance as `instances.list` returns it (sizes and nesting of a typical VM). */
export function benchInstance(i: number): Record<string, unknown> {
  const name = `vm-${String(i).padStart(6, '0')}`;
  const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  return {
    kind: 'compute#instance',
    id: String(4_000_000_000_000_000_000n + BigInt(i)),
    creationTimestamp: '2024-03-01T10:20:30.123-08:00',
    name,
    description: i % 3 === 0 ? 'batch worker' : '',
    tags: { items: ['http-server', `shard-${i % 16}`], fingerprint: 'FYLDgkTKlA4=' },
    machineType: `${ZONE}/machineTypes/e2-standard-${2 << (i % 3)}`,
    status: i % 10 === 0 ? 'TERMINATED' : 'RUNNING',
    zone: ZONE,
    canIpForward: false,
    networkInterfaces: [
      {
        kind: 'compute#networkInterface',
        network: 'https://www.googleapis.com/compute/v1/projects/bench/global/networks/default',
        subnetwork:
          'https://www.googleapis.com/compute/v1/projects/bench/regions/us-central1/subnetworks/default',
        networkIP: ip,
        name: 'nic0',
        accessConfigs:
          i % 4 === 0
            ? [
                {
                  kind: 'compute#accessConfig',
                  type: 'ONE_TO_ONE_NAT',
                  name: 'External NAT',
                  natIP: `34.${(i >> 8) & 255}.${i & 255}.7`,
                  networkTier: 'PREMIUM',
                },
              ]
            : [],
        fingerprint: 'wqCKm1mcQEI=',
        stackType: 'IPV4_ONLY',
      },
    ],
    disks: [
      {
        kind: 'compute#attachedDisk',
        type: 'PERSISTENT',
        mode: 'READ_WRITE',
        source: `${ZONE}/disks/${name}`,
        deviceName: name,
        index: 0,
        boot: true,
        autoDelete: true,
        interface: 'SCSI',
        guestOsFeatures: [{ type: 'UEFI_COMPATIBLE' }],
        diskSizeGb: String(10 + (i % 5) * 10),
        architecture: 'X86_64',
      },
    ],
    metadata: {
      kind: 'compute#metadata',
      fingerprint: 'mbr7kPjmNcs=',
      items: [{ key: 'enable-oslogin', value: 'TRUE' }],
    },
    serviceAccounts: [
      {
        email: '123456789012-compute@developer.gserviceaccount.com',
        scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      },
    ],
    selfLink: `${ZONE}/instances/${name}`,
    scheduling: {
      onHostMaintenance: 'MIGRATE',
      automaticRestart: true,
      preemptible: false,
      provisioningModel: 'STANDARD',
    },
    cpuPlatform: 'Intel Broadwell',
    labels: { env: i % 2 === 0 ? 'prod' : 'dev', team: `team-${i % 7}` },
    labelFingerprint: '42WmSpB8rSM=',
    startRestricted: false,
    deletionProtection: i % 50 === 0,
    reservationAffinity: { consumeReservationType: 'ANY_RESERVATION' },
    displayDevice: { enableDisplay: false },
    shieldedInstanceConfig: { enableSecureBoot: false, enableVtpm: true, enableIntegrityMonitoring: true },
    shieldedInstanceIntegrityPolicy: { updateAutoLearnPolicy: true },
    confidentialInstanceConfig: { enableConfidentialCompute: false },
    fingerprint: 'ZVnyMGnK2mI=',
    lastStartTimestamp: '2024-03-02T08:00:00.000-08:00',
    satisfiesPzi: true,
    keyRevocationActionType: 'NONE',
    hostname: `${name}.c.bench.internal`,
    lastStopTimestamp: '2024-03-01T23:00:00.000-08:00',
    minCpuPlatform: 'Automatic',
    privateIpv6GoogleAccess: 'INHERIT_FROM_SUBNETWORK',
    resourceStatus: { scheduling: {} },
    satisfiesPzs: false,
    statusMessage: '',
    resourcePolicies: [],
    advancedMachineFeatures: { enableNestedVirtualization: false, threadsPerCore: 2 },
  };
}

/** Renders every page once; page n carries `nextPageToken: "p<n+1>"` except the last. */
function renderPages(pages: number, rowsPerPage: number): Buffer[] {
  const out: Buffer[] = [];
  for (let p = 0; p < pages; p++) {
    const items = Array.from({ length: rowsPerPage }, (_, k) => benchInstance(p * rowsPerPage + k));
    const body = {
      kind: 'compute#instanceList',
      id: 'projects/bench/zones/us-central1-a/instances',
      items,
      ...(p + 1 < pages ? { nextPageToken: `p${p + 1}` } : {}),
      selfLink: `${ZONE}/instances`,
    };
    out.push(Buffer.from(JSON.stringify(body)));
  }
  return out;
}

/** Starts the server on a free loopback port. */
export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const pages = renderPages(options.pages, options.rowsPerPage);
  const auth = `Bearer ${options.token}`;
  const server: Server = createServer((req, res) => {
    if (req.headers.authorization !== auth) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        '{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}',
      );
      return;
    }
    const m = /[?&]pageToken=p(\d+)/.exec(req.url ?? '');
    const body = pages[m ? Number(m[1]) : 0];
    if (!body) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"error":{"code":400,"message":"Invalid page token","status":"INVALID_ARGUMENT"}}');
      return;
    }
    const send = () =>
      res
        .writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': body.length })
        .end(body);
    if (options.latencyMs) setTimeout(send, options.latencyMs);
    else send();
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytes: pages.reduce((n, b) => n + b.length, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
