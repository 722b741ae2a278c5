import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { writeDicom } from '../dicom/dicom-codec.js';
import type { SeedDocument } from './state-file.js';

/** Names used by the demo data set (`skyql emulator --sample`). */
export const SAMPLE = {
  project: 'skyql-demo',
  location: 'us-central1',
  dataset: 'demo-dataset',
  dicomStore: 'demo-dicom',
  study: '1.3.6.1.4.1.5962.99.1.1001',
  series: '1.3.6.1.4.1.5962.99.1.1001.1',
  instances: ['1.3.6.1.4.1.5962.99.1.1001.1.1', '1.3.6.1.4.1.5962.99.1.1001.1.2'],
  zones: ['us-central1-a', 'europe-west1-b'],
  bucketCount: 12,
} as const;

const CREATED = '2025-01-15T09:30:00.000Z';
const COMPUTE = 'https://www.googleapis.com/compute/v1';

function instance(
  zone: string,
  name: string,
  machineType: string,
  status: string,
  labels: Record<string, string>,
  ip: string,
  natIP?: string,
): JsonObject {
  const external = natIP
    ? { accessConfigs: [{ type: 'ONE_TO_ONE_NAT', name: 'External NAT', natIP, networkTier: 'PREMIUM' }] }
    : {};
  return {
    name,
    machineType: `${COMPUTE}/projects/${SAMPLE.project}/zones/${zone}/machineTypes/${machineType}`,
    status,
    labels,
    creationTimestamp: CREATED,
    cpuPlatform: 'Intel Broadwell',
    networkInterfaces: [
      {
        name: 'nic0',
        network: `${COMPUTE}/projects/${SAMPLE.project}/global/networks/default`,
        networkIP: ip,
        ...external,
      },
    ],
    disks: [
      {
        boot: true,
        autoDelete: true,
        deviceName: name,
        mode: 'READ_WRITE',
        diskSizeGb: '20',
        type: 'PERSISTENT',
      },
    ],
    deletionProtection: false,
  };
}

/** Zones the sample project lists (instances live in the first and the last). */
const ZONES = [
  { name: 'us-central1-a', region: 'us-central1' },
  { name: 'us-central1-b', region: 'us-central1' },
  { name: 'europe-west1-b', region: 'europe-west1' },
];

function zone(name: string, region: string): JsonObject {
  return {
    name,
    status: 'UP',
    description: name,
    region: `${COMPUTE}/projects/${SAMPLE.project}/regions/${region}`,
  };
}

/** The external address of web-1 (reserved, in use), what an exposure scan should find. */
const WEB_1_IP = '34.118.10.21';
/** The emulator's own service account (the one `--write-key` signs as). */
const EMULATOR_SA = 'skyql-emulator@skyql-demo.iam.gserviceaccount.com';

/**
 * What the cloud_audit and public_exposure_scan prompts look for, so they find something: a
 * firewall rule open to 0.0.0.0/0 on port 22 (beside an internal one), web-1's reserved external
 * address, and the emulator's service account with an old user-managed key.
 */
function auditFindings(project: string): Record<string, Record<string, Record<string, JsonObject>>> {
  const network = `${COMPUTE}/projects/${project}/global/networks/default`;
  const saPath = `projects/${project}/serviceAccounts`;
  return {
    'compute.googleapis.com': {
      [`projects/${project}/global/firewalls`]: {
        'default-allow-ssh': {
          network,
          direction: 'INGRESS',
          priority: 65534,
          sourceRanges: ['0.0.0.0/0'],
          allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
          disabled: false,
          creationTimestamp: CREATED,
        },
        'default-allow-internal': {
          network,
          direction: 'INGRESS',
          priority: 65534,
          sourceRanges: ['10.128.0.0/9'],
          allowed: [
            { IPProtocol: 'tcp', ports: ['0-65535'] },
            { IPProtocol: 'udp', ports: ['0-65535'] },
            { IPProtocol: 'icmp' },
          ],
          disabled: false,
          creationTimestamp: CREATED,
        },
      },
      [`projects/${project}/regions/us-central1/addresses`]: {
        'web-1-ip': {
          address: WEB_1_IP,
          addressType: 'EXTERNAL',
          networkTier: 'PREMIUM',
          status: 'IN_USE',
          users: [`${COMPUTE}/projects/${project}/zones/us-central1-a/instances/web-1`],
          creationTimestamp: CREATED,
        },
      },
    },
    'iam.googleapis.com': {
      [saPath]: {
        [EMULATOR_SA]: {
          email: EMULATOR_SA,
          projectId: project,
          displayName: 'skyql emulator',
          uniqueId: '104857600000000000001',
          oauth2ClientId: '104857600000000000001',
        },
      },
      [`${saPath}/${EMULATOR_SA}/keys`]: {
        '3f1c2a9d8e7b6a5c4d3e2f1a0b9c8d7e6f5a4b3c': {
          keyType: 'USER_MANAGED',
          keyOrigin: 'GOOGLE_PROVIDED',
          keyAlgorithm: 'KEY_ALG_RSA_2048',
          validAfterTime: '2024-01-10T08:00:00Z',
          validBeforeTime: '9999-12-31T23:59:59Z',
        },
      },
    },
  };
}

const BUCKETS = [
  'assets',
  'backups',
  'billing-export',
  'build-cache',
  'dicom-import',
  'logs',
  'ml-models',
  'public-web',
  'raw-data',
  'reports',
  'staging',
  'terraform-state',
];

/**
 * The demo data set: a project (with an IAM policy), a healthcare dataset with a DICOM store holding
 * one study and series (two instances), compute instances across two zones on the default network
 * (web-1 with an external IP), firewall rules (one open to 0.0.0.0/0), twelve storage buckets
 * (three pages at the demo page size of 5; public-web readable by allUsers), two pubsub topics and
 * the emulator's service account with a user-managed key ({@link auditFindings}).
 */
export function sampleSeed(): SeedDocument {
  const { project, location, dataset, dicomStore } = SAMPLE;
  const datasetKey = `projects/${project}/locations/${location}/datasets/${dataset}`;
  const storeKey = `${datasetKey}/dicomStores/${dicomStore}`;
  const dicom = SAMPLE.instances.map((uid, i) => ({
    data: writeDicom({
      StudyInstanceUID: SAMPLE.study,
      SeriesInstanceUID: SAMPLE.series,
      SOPInstanceUID: uid,
      rows: 16,
      columns: 16,
      attributes: {
        PatientName: 'Doe^Jane',
        PatientID: 'PAT-0001',
        PatientBirthDate: '19800214',
        PatientSex: 'F',
        StudyDate: '20250115',
        StudyTime: '093000',
        StudyID: 'S1001',
        AccessionNumber: 'ACC-1001',
        StudyDescription: 'Chest CT (demo)',
        SeriesDescription: 'Axial 5mm',
        Modality: 'CT',
        SeriesNumber: 1,
        InstanceNumber: i + 1,
      },
    }).toString('base64'),
  }));
  const buckets: Record<string, JsonObject> = {};
  const bucketScopes: Record<string, Record<string, string>> = {};
  for (const [i, b] of BUCKETS.slice(0, SAMPLE.bucketCount).entries()) {
    const name = `${project}-${b}`;
    buckets[name] = {
      name,
      location: i % 3 === 0 ? 'EU' : 'US',
      locationType: 'multi-region',
      storageClass: i % 4 === 3 ? 'NEARLINE' : 'STANDARD',
      timeCreated: CREATED,
      updated: CREATED,
      projectNumber: '123456789012',
      metageneration: '1',
      labels: { team: i % 2 === 0 ? 'platform' : 'data' },
      iamConfiguration: { uniformBucketLevelAccess: { enabled: true } },
    };
    bucketScopes[name] = { project };
  }
  const findings = auditFindings(project);
  return {
    settings: { defaultPageSize: 5, operationPolls: 1 },
    resources: {
      'cloudresourcemanager.googleapis.com': {
        projects: {
          [project]: {
            projectId: project,
            displayName: 'skyql demo',
            state: 'ACTIVE',
            parent: 'organizations/123456789012',
            labels: { env: 'demo' },
            createTime: CREATED,
          },
        },
      },
      'healthcare.googleapis.com': {
        [`projects/${project}/locations/${location}/datasets`]: { [dataset]: { timeZone: 'UTC' } },
        [`${datasetKey}/dicomStores`]: { [dicomStore]: { labels: { modality: 'ct' } } },
      },
      'compute.googleapis.com': {
        [`projects/${project}/zones/us-central1-a/instances`]: {
          'web-1': instance(
            'us-central1-a',
            'web-1',
            'e2-medium',
            'RUNNING',
            { role: 'web', env: 'demo' },
            '10.128.0.2',
            WEB_1_IP,
          ),
          'web-2': instance(
            'us-central1-a',
            'web-2',
            'e2-medium',
            'RUNNING',
            { role: 'web', env: 'demo' },
            '10.128.0.3',
          ),
        },
        [`projects/${project}/zones`]: Object.fromEntries(ZONES.map((z) => [z.name, zone(z.name, z.region)])),
        [`projects/${project}/regions`]: Object.fromEntries(
          [...new Set(ZONES.map((z) => z.region))].map((r) => [r, { name: r, status: 'UP', description: r }]),
        ),
        [`projects/${project}/global/networks`]: {
          default: {
            description: 'Default network for the project',
            autoCreateSubnetworks: true,
            routingConfig: { routingMode: 'REGIONAL' },
            creationTimestamp: CREATED,
          },
        },
        [`projects/${project}/zones/europe-west1-b/instances`]: {
          'db-1': instance(
            'europe-west1-b',
            'db-1',
            'n2-standard-4',
            'RUNNING',
            { role: 'db', env: 'demo' },
            '10.132.0.2',
          ),
          'batch-1': instance(
            'europe-west1-b',
            'batch-1',
            'e2-standard-2',
            'TERMINATED',
            { role: 'batch', env: 'demo' },
            '10.132.0.3',
          ),
        },
        ...findings['compute.googleapis.com'],
      },
      'storage.googleapis.com': { b: buckets },
      'iam.googleapis.com': findings['iam.googleapis.com'],
      'pubsub.googleapis.com': {
        [`projects/${project}/topics`]: {
          events: { labels: { env: 'demo' } },
          'audit-log': { messageRetentionDuration: '604800s' },
        },
      },
    },
    scopes: { 'storage.googleapis.com': { b: bucketScopes } },
    iamPolicies: {
      // the public website bucket is readable by anyone
      'storage.googleapis.com': {
        [`b/${project}-public-web`]: {
          version: 1,
          etag: 'CAE=',
          bindings: [
            { role: 'roles/storage.objectViewer', members: ['allUsers'] },
            {
              role: 'roles/storage.legacyBucketOwner',
              members: [`projectOwner:${project}`, `projectEditor:${project}`],
            },
          ],
        },
      },
      'cloudresourcemanager.googleapis.com': {
        [`projects/${project}`]: {
          version: 1,
          etag: 'BwYdemo0000=',
          bindings: [
            { role: 'roles/owner', members: ['user:alice@example.com'] },
            {
              role: 'roles/editor',
              members: [`serviceAccount:${EMULATOR_SA}`],
            },
            { role: 'roles/viewer', members: ['group:analysts@example.com', 'user:bob@example.com'] },
            { role: 'roles/healthcare.dicomViewer', members: ['group:radiology@example.com'] },
          ],
        },
      },
    },
    dicom: { [storeKey]: dicom },
  };
}
