import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';
import { startOperation } from '../handlers/operations.js';
import { readItem } from '../handlers/resource-handlers.js';
import { linkFor, targetFromSegments } from '../routing/resource-names.js';
import type { Reply, RequestContext } from '../server/emulator-context.js';
import { ApiError, badRequest, notFound } from '../server/google-error.js';
import type { StateStore, StoredDicomInstance } from '../state/state-store.js';
import { DICOM_TAGS, dicomFrames, dicomJson, dicomString, parseDicom } from './dicom-codec.js';
import { buildMultipart, contentTypeParam, parseMultipart } from './multipart.js';

const DICOM_JSON = 'application/dicom+json';

/** Attributes reported per level by the search transactions. */
const LEVEL_TAGS: Readonly<Record<'study' | 'series' | 'instance', readonly string[]>> = {
  study: [
    '00080020',
    '00080030',
    '00080050',
    '00081030',
    '00100010',
    '00100020',
    '00100030',
    '00100040',
    '0020000D',
    '00200010',
  ],
  series: ['00080060', '0008103E', '0020000D', '0020000E', '00200011'],
  instance: ['00080016', '00080018', '0020000D', '0020000E', '00200013', '00280010', '00280011'],
};

/** The DICOMweb part of a key: `.../dicomWeb/studies/{s}/series/{se}/instances/{i}/frames/{f}`. */
interface DicomPath {
  readonly storeSegments: string[];
  readonly study?: string;
  readonly series?: string;
  readonly instance?: string;
  readonly frames?: string;
}

function parsePath(segments: readonly string[]): DicomPath {
  const at = segments.indexOf('dicomWeb');
  const rest = segments.slice(at + 1);
  const out: {
    storeSegments: string[];
    study?: string;
    series?: string;
    instance?: string;
    frames?: string;
  } = {
    storeSegments: segments.slice(0, at),
  };
  for (let i = 0; i + 1 < rest.length; i += 2) {
    const v = rest[i + 1];
    if (rest[i] === 'studies') out.study = v;
    else if (rest[i] === 'series') out.series = v;
    else if (rest[i] === 'instances') out.instance = v;
    else if (rest[i] === 'frames') out.frames = v;
  }
  return out;
}

/** Builds a stored instance from DICOM bytes (UIDs read from the data set). */
export function dicomInstanceFromBytes(bytes: Buffer): StoredDicomInstance {
  let parsed: ReturnType<typeof parseDicom>;
  try {
    parsed = parseDicom(bytes);
  } catch (err) {
    throw badRequest(`Invalid DICOM instance: ${(err as Error).message}`);
  }
  const study = dicomString(parsed, 'StudyInstanceUID');
  const series = dicomString(parsed, 'SeriesInstanceUID');
  const instance = dicomString(parsed, 'SOPInstanceUID');
  if (!study || !series || !instance)
    throw badRequest(
      'Invalid DICOM instance: StudyInstanceUID, SeriesInstanceUID and SOPInstanceUID are required',
    );
  return { study, series, instance, bytes, metadata: dicomJson(parsed) };
}

function select(all: readonly StoredDicomInstance[], p: DicomPath): StoredDicomInstance[] {
  return all.filter(
    (i) =>
      (p.study === undefined || i.study === p.study) &&
      (p.series === undefined || i.series === p.series) &&
      (p.instance === undefined || i.instance === p.instance),
  );
}

function matchesQuery(meta: JsonObject, query: URLSearchParams): boolean {
  for (const [k, want] of query) {
    const tag = DICOM_TAGS[k]?.tag ?? (/^[0-9A-Fa-f]{8}$/.test(k) ? k.toUpperCase() : undefined);
    if (!tag) continue;
    const attr = meta[tag] as { Value?: unknown[] } | undefined;
    const values = (attr?.Value ?? []).map((v) =>
      typeof v === 'object' && v !== null ? String((v as JsonObject).Alphabetic ?? '') : String(v),
    );
    const re = new RegExp(
      `^${want
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      'i',
    );
    if (!values.some((v) => re.test(v))) return false;
  }
  return true;
}

function levelJson(
  level: 'study' | 'series' | 'instance',
  instances: readonly StoredDicomInstance[],
): JsonObject {
  const first = instances[0].metadata;
  const out: JsonObject = {};
  for (const tag of LEVEL_TAGS[level]) if (first[tag] !== undefined) out[tag] = first[tag];
  if (level === 'study') {
    const modalities = [
      ...new Set(
        instances
          .map((i) => (i.metadata['00080060'] as { Value?: string[] } | undefined)?.Value?.[0])
          .filter(Boolean),
      ),
    ];
    if (modalities.length) out['00080061'] = { vr: 'CS', Value: modalities };
    out['00201206'] = { vr: 'IS', Value: [new Set(instances.map((i) => i.series)).size] };
    out['00201208'] = { vr: 'IS', Value: [instances.length] };
  }
  if (level === 'series') out['00201209'] = { vr: 'IS', Value: [instances.length] };
  return Object.fromEntries(Object.entries(out).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

function search(
  level: 'study' | 'series' | 'instance',
  instances: readonly StoredDicomInstance[],
  query: URLSearchParams,
): JsonObject[] {
  const groups = new Map<string, StoredDicomInstance[]>();
  for (const i of instances) {
    const key =
      level === 'study'
        ? i.study
        : level === 'series'
          ? `${i.study}/${i.series}`
          : `${i.study}/${i.series}/${i.instance}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  let rows = [...groups.values()].map((g) => levelJson(level, g)).filter((m) => matchesQuery(m, query));
  const offset = Number(query.get('offset') ?? 0) || 0;
  const limit = Number(query.get('limit') ?? 0) || rows.length;
  rows = rows.slice(offset, offset + limit);
  return rows;
}

function dicomReply(json: unknown): Reply {
  return { status: 200, body: Buffer.from(JSON.stringify(json)), contentType: DICOM_JSON };
}

function storeInstances(ctx: RequestContext, store: StateStore, storeKey: string, p: DicomPath): Reply {
  const type = ctx.contentType.toLowerCase();
  let bodies: Buffer[];
  if (type.startsWith('multipart/related')) {
    const boundary = contentTypeParam(ctx.contentType, 'boundary');
    if (!boundary) throw badRequest('multipart/related body without a boundary');
    bodies = parseMultipart(ctx.body, boundary).map((part) => part.body);
  } else {
    bodies = [ctx.body];
  }
  if (bodies.length === 0 || bodies.some((b) => b.length === 0))
    throw badRequest('No DICOM instances in the request body');
  const list = store.dicom.get(storeKey) ?? [];
  const refs: JsonObject[] = [];
  for (const bytes of bodies) {
    const inst = dicomInstanceFromBytes(bytes);
    if (p.study !== undefined && inst.study !== p.study)
      throw badRequest(`Instance ${inst.instance} belongs to study ${inst.study}, not ${p.study}`);
    if (list.some((i) => i.instance === inst.instance)) {
      throw new ApiError(409, `Instance ${inst.instance} already exists`, { reason: 'alreadyExists' });
    }
    list.push(inst);
    refs.push({
      '00081150': {
        vr: 'UI',
        Value: [String((inst.metadata['00080016'] as { Value?: string[] } | undefined)?.Value?.[0] ?? '')],
      },
      '00081155': { vr: 'UI', Value: [inst.instance] },
      '00081190': {
        vr: 'UR',
        Value: [
          linkFor(ctx.route.host, ctx.route.linkPrefix, [
            ...p.storeSegments,
            'dicomWeb',
            'studies',
            inst.study,
            'series',
            inst.series,
            'instances',
            inst.instance,
          ]),
        ],
      },
    });
  }
  store.dicom.set(storeKey, list);
  return dicomReply({ '00081199': { vr: 'SQ', Value: refs } });
}

/**
 * The healthcare DICOMweb methods over stored instances: retrieve (study, series, instance →
 * `multipart/related; type="application/dicom"` of the stored bytes; frames; metadata), search
 * (DICOM JSON), store (`application/dicom` or multipart) and delete.
 */
export function handleDicomWeb(ctx: RequestContext): Reply {
  const { core, route, target, query } = ctx;
  const p = parsePath(target.segments);
  const storeKey = p.storeSegments.join('/');
  const storeItem = readItem(ctx, targetFromSegments(target.host, p.storeSegments, false));
  const all = core.store.dicom.get(storeKey);
  if (!storeItem && !all) throw notFound(`The resource '${storeKey}' was not found`);
  const instances = all ?? [];
  const verb = route.verb;
  if (verb === 'storeInstances') return storeInstances(ctx, core.store, storeKey, p);
  if (verb.startsWith('searchFor')) {
    const level = verb === 'searchForStudies' ? 'study' : verb === 'searchForSeries' ? 'series' : 'instance';
    return dicomReply(search(level, select(instances, p), query));
  }
  const matched = select(instances, p);
  const what = [
    p.study && `study ${p.study}`,
    p.series && `series ${p.series}`,
    p.instance && `instance ${p.instance}`,
  ]
    .filter(Boolean)
    .join(', ');
  if (verb === 'delete') {
    if (matched.length === 0) throw notFound(`No DICOM data for ${what}`);
    core.store.dicom.set(
      storeKey,
      instances.filter((i) => !matched.includes(i)),
    );
    if (route.response === 'longrunning' || route.response === 'computeOperation')
      return startOperation(ctx, { operationType: 'delete', target, result: {} });
    return { status: route.successStatus, json: {} };
  }
  if (verb.startsWith('retrieve')) {
    if (matched.length === 0) throw notFound(`No DICOM data for ${what}`);
    if (verb === 'retrieveMetadata') return dicomReply(matched.map((i) => i.metadata));
    if (verb === 'retrieveFrames') {
      const frames = dicomFrames(parseDicom(matched[0].bytes));
      const wanted = (p.frames ?? '1').split(',').map((f) => Number(f));
      if (wanted.some((n) => !Number.isInteger(n) || n < 1 || n > frames.length))
        throw notFound(`No frame ${p.frames} in ${what}`);
      const mp = buildMultipart(
        wanted.map((n) => ({ contentType: 'application/octet-stream', body: frames[n - 1] })),
      );
      return {
        status: 200,
        body: mp.body,
        contentType: `multipart/related; type="application/octet-stream"; boundary=${mp.boundary}`,
      };
    }
    if (verb === 'retrieveRendered')
      throw new ApiError(501, 'Rendered retrieval is not supported by the emulator');
    const mp = buildMultipart(
      matched.map((i) => ({
        contentType: 'application/dicom; transfer-syntax=1.2.840.10008.1.2.1',
        body: i.bytes,
      })),
    );
    return {
      status: 200,
      body: mp.body,
      contentType: `multipart/related; type="application/dicom"; boundary=${mp.boundary}`,
    };
  }
  // metrics, storage info, blob settings: counts where the schema asks for them, else an empty object
  const out: JsonObject = {};
  if (verb.endsWith('Metrics')) {
    out.instanceCount = String(matched.length);
    if (verb === 'getStudyMetrics') {
      out.study = target.key;
      out.seriesCount = String(new Set(matched.map((i) => i.series)).size);
    } else {
      out.series = target.key;
    }
    out.structuredStorageSizeBytes = String(matched.reduce((n, i) => n + i.bytes.length, 0));
  }
  if (route.response === 'longrunning' || route.response === 'computeOperation')
    return startOperation(ctx, { operationType: verb, target, result: out });
  return { status: route.successStatus, json: out };
}
