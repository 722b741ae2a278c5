import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import type { OrgProject } from './org-hierarchy.js';
import { timeAt } from './org-hierarchy.js';
import { SeededRandom } from './seeded-random.js';

/** A resource of a generated project, placed as a seed would place it. */
export interface GeneratedItem {
  readonly host: string;
  readonly collection: string;
  readonly id: string;
  readonly data: JsonObject;
  readonly scope?: Readonly<Record<string, string>>;
}

/** An IAM policy of a generated resource (`host` + resource key, as the IAM handler stores it). */
export interface GeneratedPolicy {
  readonly host: string;
  readonly key: string;
  readonly policy: JsonObject;
}

export interface GeneratedProject {
  readonly items: readonly GeneratedItem[];
  readonly policies: readonly GeneratedPolicy[];
}

const COMPUTE = 'compute.googleapis.com';
const STORAGE = 'storage.googleapis.com';
const IAM = 'iam.googleapis.com';
const CRM = 'cloudresourcemanager.googleapis.com';
const LINK = 'https://www.googleapis.com/compute/v1';
const IMAGE = `${LINK}/projects/debian-cloud/global/images/debian-12-bookworm-v20240312`;

const ZONES: readonly (readonly [zone: string, region: string, subnet: string])[] = [
  ['us-central1-a', 'us-central1', '10.128'],
  ['us-central1-b', 'us-central1', '10.128'],
  ['us-east1-b', 'us-east1', '10.142'],
  ['europe-west1-b', 'europe-west1', '10.132'],
  ['europe-west4-a', 'europe-west4', '10.164'],
  ['asia-east1-a', 'asia-east1', '10.140'],
];
const ROLES = ['web', 'api', 'db', 'batch', 'worker', 'cache', 'ci-runner'];
const MACHINE_TYPES = [
  'e2-small',
  'e2-medium',
  'e2-standard-2',
  'n2-standard-4',
  'n2-highmem-8',
  'c3-standard-4',
];
const CPU = ['Intel Broadwell', 'Intel Cascade Lake', 'Intel Ice Lake', 'AMD Rome'];
const BUCKET_WORDS = ['assets', 'backups', 'logs', 'exports', 'static-site', 'ml-data', 'tfstate'];
const ACCOUNTS = ['deployer', 'ci-builder', 'data-pipeline', 'monitoring', 'backup-agent'];

/** Compute's RFC 3339 time with the Pacific offset it writes. */
function computeTime(hours: number): string {
  return timeAt(hours - 7).replace('Z', '-07:00');
}

function fingerprint(rng: SeededRandom): string {
  return rng.base64(8);
}

class ProjectWriter {
  readonly items: GeneratedItem[] = [];
  readonly policies: GeneratedPolicy[] = [];
  readonly rng: SeededRandom;
  readonly base: number;

  constructor(
    readonly p: OrgProject,
    seed: number,
  ) {
    this.rng = new SeededRandom(seed, 'resources', p.index);
    this.base = 24 * 60 + (p.index % 20_000);
  }

  get project(): string {
    return this.p.projectId;
  }

  add(host: string, collection: string, id: string, data: JsonObject, scope?: Record<string, string>): void {
    this.items.push(scope ? { host, collection, id, data, scope } : { host, collection, id, data });
  }

  computeLink(...parts: string[]): string {
    return `${LINK}/projects/${this.project}/${parts.join('/')}`;
  }
}

function networks(w: ProjectWriter): string[] {
  const { rng } = w;
  const names = ['default'];
  if (rng.chance(0.4)) names.push(`vpc-${w.p.team}`);
  for (const name of names) {
    w.add(COMPUTE, `projects/${w.project}/global/networks`, name, {
      id: rng.digits(19),
      creationTimestamp: computeTime(w.base),
      name,
      description: name === 'default' ? 'Default network for the project' : `${w.p.team} VPC`,
      autoCreateSubnetworks: name === 'default',
      mtu: 1460,
      routingConfig: { routingMode: 'REGIONAL' },
    });
  }
  const firewalls: [string, JsonObject][] = [
    [
      'default-allow-internal',
      { sourceRanges: ['10.128.0.0/9'], allowed: [{ IPProtocol: 'all' }], priority: 65534 },
    ],
    [
      'default-allow-ssh',
      { sourceRanges: ['0.0.0.0/0'], allowed: [{ IPProtocol: 'tcp', ports: ['22'] }], priority: 65534 },
    ],
  ];
  if (rng.chance(0.3))
    firewalls.push([
      'allow-rdp-anywhere',
      { sourceRanges: ['0.0.0.0/0'], allowed: [{ IPProtocol: 'tcp', ports: ['3389'] }], priority: 1000 },
    ]);
  if (rng.chance(0.5))
    firewalls.push([
      'allow-http',
      {
        sourceRanges: ['0.0.0.0/0'],
        allowed: [{ IPProtocol: 'tcp', ports: ['80', '443'] }],
        targetTags: ['http-server'],
        priority: 1000,
      },
    ]);
  for (const [name, rule] of firewalls) {
    w.add(COMPUTE, `projects/${w.project}/global/firewalls`, name, {
      id: rng.digits(19),
      creationTimestamp: computeTime(w.base),
      name,
      network: `global/networks/${names[names.length - 1]}`,
      direction: 'INGRESS',
      disabled: false,
      logConfig: { enable: false },
      ...rule,
    });
  }
  return names;
}

function disk(
  w: ProjectWriter,
  zone: string,
  name: string,
  sizeGb: number,
  user: string | undefined,
): JsonObject {
  const { rng } = w;
  const out: JsonObject = {
    id: rng.digits(19),
    creationTimestamp: computeTime(w.base + 2),
    name,
    sizeGb: String(sizeGb),
    status: 'READY',
    type: w.computeLink('zones', zone, 'diskTypes', rng.pick(['pd-balanced', 'pd-standard', 'pd-ssd'])),
    labels: { env: w.p.env, team: w.p.team },
    labelFingerprint: fingerprint(rng),
    physicalBlockSizeBytes: '4096',
    architecture: 'X86_64',
  };
  if (user) {
    out.sourceImage = IMAGE;
    out.users = [user];
  }
  return out;
}

function instances(w: ProjectWriter, nets: readonly string[]): void {
  const { rng, p } = w;
  const zones = rng.sample(ZONES, rng.int(1, 3));
  const count = rng.int(0, 6);
  const perRole = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const [zone, region, subnet] = zones[i % zones.length];
    const role = rng.pick(ROLES);
    const n = (perRole.get(role) ?? 0) + 1;
    perRole.set(role, n);
    const name = `${role}-${n}`;
    const status = rng.chance(0.7) ? 'RUNNING' : rng.chance(0.8) ? 'TERMINATED' : 'SUSPENDED';
    const net = rng.pick(nets);
    const link = w.computeLink('zones', zone, 'instances', name);
    const nic: JsonObject = {
      kind: 'compute#networkInterface',
      name: 'nic0',
      network: `global/networks/${net}`,
      subnetwork: `regions/${region}/subnetworks/${net}`,
      networkIP: `${subnet}.${rng.int(0, 15)}.${rng.int(2, 254)}`,
      fingerprint: fingerprint(rng),
      stackType: 'IPV4_ONLY',
    };
    if (rng.chance(0.35))
      nic.accessConfigs = [
        {
          kind: 'compute#accessConfig',
          type: 'ONE_TO_ONE_NAT',
          name: 'External NAT',
          natIP: `34.${rng.int(64, 127)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
          networkTier: 'PREMIUM',
        },
      ];
    const sizeGb = rng.pick([10, 20, 50, 100]);
    const started = w.base + 3 + i;
    const data: JsonObject = {
      id: rng.digits(19),
      creationTimestamp: computeTime(w.base + 2 + i),
      name,
      description: '',
      tags: { items: role === 'web' ? ['http-server', 'https-server'] : [], fingerprint: fingerprint(rng) },
      machineType: `zones/${zone}/machineTypes/${rng.pick(MACHINE_TYPES)}`,
      status,
      networkInterfaces: [nic],
      disks: [
        {
          kind: 'compute#attachedDisk',
          type: 'PERSISTENT',
          mode: 'READ_WRITE',
          source: w.computeLink('zones', zone, 'disks', name),
          deviceName: name,
          index: 0,
          boot: true,
          autoDelete: true,
          interface: 'SCSI',
          diskSizeGb: String(sizeGb),
        },
      ],
      metadata: { kind: 'compute#metadata', fingerprint: fingerprint(rng) },
      serviceAccounts: [
        {
          email: `${p.projectNumber}-compute@developer.gserviceaccount.com`,
          scopes: ['https://www.googleapis.com/auth/cloud-platform'],
        },
      ],
      cpuPlatform: status === 'RUNNING' ? rng.pick(CPU) : 'Unknown CPU Platform',
      labels: { env: p.env, team: p.team, role },
      labelFingerprint: fingerprint(rng),
      deletionProtection: role === 'db',
      shieldedInstanceConfig: { enableSecureBoot: false, enableVtpm: true, enableIntegrityMonitoring: true },
      fingerprint: fingerprint(rng),
      lastStartTimestamp: computeTime(started),
    };
    if (status !== 'RUNNING') data.lastStopTimestamp = computeTime(started + 24);
    w.add(COMPUTE, `projects/${w.project}/zones/${zone}/instances`, name, data);
    w.add(COMPUTE, `projects/${w.project}/zones/${zone}/disks`, name, disk(w, zone, name, sizeGb, link));
  }
  // unattached data disks: forgotten, still billed
  for (let i = 1; rng.chance(0.25) && i <= 2; i++) {
    const [zone] = rng.pick(zones);
    w.add(
      COMPUTE,
      `projects/${w.project}/zones/${zone}/disks`,
      `data-${i}`,
      disk(w, zone, `data-${i}`, 200, undefined),
    );
  }
}

function buckets(w: ProjectWriter): void {
  const { rng, p } = w;
  for (const word of rng.sample(BUCKET_WORDS, rng.int(0, 4))) {
    const name = `${p.projectId}-${word}`;
    const isPublic = word === 'static-site' ? rng.chance(0.8) : rng.chance(0.1);
    const time = timeAt(w.base + 5);
    w.add(
      STORAGE,
      'b',
      name,
      {
        id: name,
        name,
        projectNumber: p.projectNumber,
        location: rng.pick(['US', 'EU', 'US-CENTRAL1', 'EUROPE-WEST1']),
        locationType: 'multi-region',
        storageClass: rng.pick(['STANDARD', 'STANDARD', 'NEARLINE', 'COLDLINE']),
        timeCreated: time,
        updated: time,
        metageneration: '1',
        etag: 'CAE=',
        labels: { env: p.env, team: p.team },
        iamConfiguration: {
          uniformBucketLevelAccess: { enabled: isPublic || rng.chance(0.6) },
          publicAccessPrevention: isPublic ? 'inherited' : rng.pick(['inherited', 'enforced']),
        },
      },
      { project: p.projectId },
    );
    const bindings: JsonObject[] = [
      {
        role: 'roles/storage.legacyBucketOwner',
        members: [`projectEditor:${p.projectId}`, `projectOwner:${p.projectId}`],
      },
      { role: 'roles/storage.legacyBucketReader', members: [`projectViewer:${p.projectId}`] },
    ];
    if (isPublic) bindings.push({ role: 'roles/storage.objectViewer', members: ['allUsers'] });
    w.policies.push({
      host: STORAGE,
      key: `b/${name}`,
      policy: { resourceId: `projects/_/buckets/${name}`, version: 1, etag: 'CAE=', bindings },
    });
  }
}

function serviceAccounts(w: ProjectWriter): string[] {
  const { rng, p } = w;
  const collection = `projects/${p.projectId}/serviceAccounts`;
  const accounts: [string, string][] = [
    [`${p.projectNumber}-compute@developer.gserviceaccount.com`, 'Compute Engine default service account'],
    ...rng
      .sample(ACCOUNTS, rng.int(0, 3))
      .map((a): [string, string] => [`${a}@${p.projectId}.iam.gserviceaccount.com`, a.replace(/-/g, ' ')]),
  ];
  for (const [email, displayName] of accounts) {
    const uniqueId = rng.digits(21);
    w.add(IAM, collection, email, {
      projectId: p.projectId,
      uniqueId,
      email,
      displayName,
      etag: 'MDEwMjE5MjA=',
      oauth2ClientId: uniqueId,
      disabled: rng.chance(0.05),
    });
  }
  return accounts.map(([email]) => email);
}

function projectPolicy(w: ProjectWriter, accounts: readonly string[]): void {
  const { rng, p } = w;
  const bindings: JsonObject[] = [
    { role: 'roles/owner', members: [`user:${p.team}-lead@example.com`] },
    {
      role: 'roles/editor',
      members: [
        `serviceAccount:${p.projectNumber}-compute@developer.gserviceaccount.com`,
        `serviceAccount:${p.projectNumber}@cloudservices.gserviceaccount.com`,
      ],
    },
    { role: 'roles/viewer', members: [`group:${p.team}@example.com`] },
  ];
  for (const email of accounts.slice(1))
    bindings.push({
      role: rng.pick(['roles/storage.admin', 'roles/compute.admin', 'roles/logging.logWriter']),
      members: [`serviceAccount:${email}`],
    });
  // an outsider with too much access, the finding org-wide audits look for
  if (rng.chance(0.1))
    bindings[0] = {
      role: 'roles/owner',
      members: [`user:${p.team}-lead@example.com`, 'user:contractor@gmail.com'],
    };
  w.policies.push({
    host: CRM,
    key: `projects/${p.projectId}`,
    policy: { version: 1, etag: `BwY${rng.hex(8)}=`, bindings },
  });
}

/**
 * Every resource of one generated project: networks and firewalls, instances with their boot disks
 * (and a few unattached disks) in one to three zones — none when its Compute API is disabled —,
 * buckets (some public through `allUsers`), service accounts and the IAM policies. Deterministic
 * from the organisation's seed and the project's index alone.
 */
export function generateProject(p: OrgProject, seed: number): GeneratedProject {
  const w = new ProjectWriter(p, seed);
  if (!p.computeDisabled) instances(w, networks(w));
  buckets(w);
  projectPolicy(w, serviceAccounts(w));
  return { items: w.items, policies: w.policies };
}
