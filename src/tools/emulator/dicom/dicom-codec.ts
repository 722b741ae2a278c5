import type { JsonObject } from '../../../core/catalog/model/catalog-types.js';

/**
 * A small DICOM Part 10 codec: enough to write sample instances and to read the top-level attributes
 * (UIDs, patient and study fields) of stored ones, in explicit or implicit VR little endian.
 */

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);
const STRING_VRS = new Set([
  'AE',
  'AS',
  'CS',
  'DA',
  'DS',
  'DT',
  'IS',
  'LO',
  'LT',
  'PN',
  'SH',
  'ST',
  'TM',
  'UI',
  'UC',
  'UR',
  'UT',
]);
const UNDEFINED = 0xffffffff;
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';

/** Keyword ↔ tag for the attributes the emulator reads, writes and searches on. */
export const DICOM_TAGS: Readonly<Record<string, { tag: string; vr: string }>> = {
  SOPClassUID: { tag: '00080016', vr: 'UI' },
  SOPInstanceUID: { tag: '00080018', vr: 'UI' },
  StudyDate: { tag: '00080020', vr: 'DA' },
  StudyTime: { tag: '00080030', vr: 'TM' },
  AccessionNumber: { tag: '00080050', vr: 'SH' },
  Modality: { tag: '00080060', vr: 'CS' },
  StudyDescription: { tag: '00081030', vr: 'LO' },
  SeriesDescription: { tag: '0008103E', vr: 'LO' },
  PatientName: { tag: '00100010', vr: 'PN' },
  PatientID: { tag: '00100020', vr: 'LO' },
  PatientBirthDate: { tag: '00100030', vr: 'DA' },
  PatientSex: { tag: '00100040', vr: 'CS' },
  StudyInstanceUID: { tag: '0020000D', vr: 'UI' },
  SeriesInstanceUID: { tag: '0020000E', vr: 'UI' },
  StudyID: { tag: '00200010', vr: 'SH' },
  SeriesNumber: { tag: '00200011', vr: 'IS' },
  InstanceNumber: { tag: '00200013', vr: 'IS' },
  SamplesPerPixel: { tag: '00280002', vr: 'US' },
  PhotometricInterpretation: { tag: '00280004', vr: 'CS' },
  NumberOfFrames: { tag: '00280008', vr: 'IS' },
  Rows: { tag: '00280010', vr: 'US' },
  Columns: { tag: '00280011', vr: 'US' },
  BitsAllocated: { tag: '00280100', vr: 'US' },
  BitsStored: { tag: '00280101', vr: 'US' },
  HighBit: { tag: '00280102', vr: 'US' },
  PixelRepresentation: { tag: '00280103', vr: 'US' },
};
const VR_OF_TAG = new Map(Object.values(DICOM_TAGS).map((t) => [t.tag, t.vr]));
const PIXEL_DATA = '7FE00010';

/** One top-level element of a data set. */
export interface DicomElement {
  readonly vr: string;
  readonly value: Buffer;
}

/** The top-level elements of a DICOM instance (file meta group included), by 8-hex-digit tag. */
export interface ParsedDicom {
  readonly transferSyntax: string;
  readonly elements: ReadonlyMap<string, DicomElement>;
}

function tagHex(group: number, element: number): string {
  return (group.toString(16).padStart(4, '0') + element.toString(16).padStart(4, '0')).toUpperCase();
}

class Reader {
  constructor(
    readonly buf: Buffer,
    public pos: number,
  ) {}
  need(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error('truncated DICOM data');
  }
  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
}

/** Skips an undefined-length value: items (each a data set or a fragment) up to the sequence delimiter. */
function skipUndefined(r: Reader, explicit: boolean, depth: number): void {
  if (depth > 32) throw new Error('DICOM sequences nested too deeply');
  for (;;) {
    const group = r.u16();
    const element = r.u16();
    const length = r.u32();
    if (group !== 0xfffe) throw new Error('malformed DICOM sequence');
    if (element === 0xe0dd) return; // sequence delimitation
    if (element !== 0xe000) throw new Error('malformed DICOM sequence item');
    if (length !== UNDEFINED) {
      r.need(length);
      r.pos += length;
      continue;
    }
    // an item of undefined length: elements up to the item delimiter
    for (;;) {
      const save = r.pos;
      const g = r.u16();
      const e = r.u16();
      if (g === 0xfffe && e === 0xe00d) {
        r.u32();
        break;
      }
      r.pos = save;
      readElement(r, explicit, depth + 1);
    }
  }
}

function readElement(
  r: Reader,
  explicit: boolean,
  depth: number,
): { tag: string; vr: string; value: Buffer } {
  const group = r.u16();
  const element = r.u16();
  const tag = tagHex(group, element);
  let vr: string;
  let length: number;
  if (explicit || group === 0x0002) {
    r.need(2);
    vr = r.buf.toString('latin1', r.pos, r.pos + 2);
    r.pos += 2;
    if (LONG_VRS.has(vr)) {
      r.pos += 2;
      length = r.u32();
    } else {
      length = r.u16();
    }
  } else {
    vr = VR_OF_TAG.get(tag) ?? 'UN';
    length = r.u32();
  }
  if (length === UNDEFINED) {
    skipUndefined(r, explicit, depth);
    return { tag, vr, value: Buffer.alloc(0) };
  }
  r.need(length);
  const value = r.buf.subarray(r.pos, r.pos + length);
  r.pos += length;
  return { tag, vr, value };
}

/** Parses a DICOM Part 10 file (or a bare little-endian data set). Throws on malformed input. */
export function parseDicom(bytes: Buffer): ParsedDicom {
  const elements = new Map<string, DicomElement>();
  let pos = 0;
  if (bytes.length >= 132 && bytes.toString('latin1', 128, 132) === 'DICM') pos = 132;
  const r = new Reader(bytes, pos);
  let transferSyntax = EXPLICIT_VR_LITTLE_ENDIAN;
  while (r.pos + 4 <= bytes.length && bytes.readUInt16LE(r.pos) === 0x0002) {
    const el = readElement(r, true, 0);
    elements.set(el.tag, { vr: el.vr, value: el.value });
    if (el.tag === '00020010') transferSyntax = stringValue(el.value);
  }
  let explicit = transferSyntax !== IMPLICIT_VR_LITTLE_ENDIAN;
  if (pos === 0 && r.pos + 6 <= bytes.length)
    explicit = /^[A-Z]{2}$/.test(bytes.toString('latin1', r.pos + 4, r.pos + 6));
  while (r.pos + 8 <= bytes.length) {
    const el = readElement(r, explicit, 0);
    if (el.tag.startsWith('FFFE')) break;
    elements.set(el.tag, { vr: el.vr, value: el.value });
  }
  return { transferSyntax, elements };
}

function stringValue(value: Buffer): string {
  return value
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .trim();
}

/** A string attribute of a parsed instance, by keyword or tag. */
export function dicomString(parsed: ParsedDicom, keyword: string): string | undefined {
  const tag = DICOM_TAGS[keyword]?.tag ?? keyword;
  const el = parsed.elements.get(tag);
  return el ? stringValue(el.value) : undefined;
}

/** The frames of uncompressed pixel data (one frame per NumberOfFrames slice). */
export function dicomFrames(parsed: ParsedDicom): Buffer[] {
  const pixels = parsed.elements.get(PIXEL_DATA)?.value;
  if (!pixels || pixels.length === 0) return [];
  const n = Math.max(1, Number(dicomString(parsed, 'NumberOfFrames') ?? '1') || 1);
  const size = Math.floor(pixels.length / n);
  return Array.from({ length: n }, (_, i) => pixels.subarray(i * size, (i + 1) * size));
}

function numberValues(vr: string, value: Buffer): number[] {
  const out: number[] = [];
  const width = vr === 'US' || vr === 'SS' ? 2 : 4;
  for (let i = 0; i + width <= value.length; i += width) {
    if (vr === 'US') out.push(value.readUInt16LE(i));
    else if (vr === 'SS') out.push(value.readInt16LE(i));
    else if (vr === 'UL') out.push(value.readUInt32LE(i));
    else if (vr === 'SL') out.push(value.readInt32LE(i));
    else out.push(vr === 'FL' ? value.readFloatLE(i) : value.readFloatLE(i));
  }
  return out;
}

/** DICOM JSON (PS3.18 F.2) of the top-level attributes, without the file meta group and pixel data. */
export function dicomJson(parsed: ParsedDicom): JsonObject {
  const out: JsonObject = {};
  for (const [tag, el] of [...parsed.elements].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (tag.startsWith('0002') || tag === PIXEL_DATA) continue;
    if (STRING_VRS.has(el.vr)) {
      const values = stringValue(el.value)
        .split('\\')
        .map((s) => s.trim());
      if (values.length === 1 && values[0] === '') {
        out[tag] = { vr: el.vr };
      } else if (el.vr === 'PN') {
        out[tag] = { vr: el.vr, Value: values.map((v) => ({ Alphabetic: v })) };
      } else if (el.vr === 'IS' || el.vr === 'DS') {
        out[tag] = { vr: el.vr, Value: values.map(Number) };
      } else {
        out[tag] = { vr: el.vr, Value: values };
      }
    } else if (['US', 'SS', 'UL', 'SL', 'FL'].includes(el.vr)) {
      out[tag] = { vr: el.vr, Value: numberValues(el.vr, el.value) };
    }
  }
  return out;
}

function pad(value: Buffer, vr: string): Buffer {
  if (value.length % 2 === 0) return value;
  return Buffer.concat([value, Buffer.from([vr === 'UI' || vr === 'OB' ? 0 : 0x20])]);
}

function encodeElement(tag: string, vr: string, raw: Buffer): Buffer {
  const value = pad(raw, vr);
  const long = LONG_VRS.has(vr);
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(Number.parseInt(tag.slice(0, 4), 16), 0);
  head.writeUInt16LE(Number.parseInt(tag.slice(4), 16), 2);
  head.write(vr, 4, 'latin1');
  if (long) head.writeUInt32LE(value.length, 8);
  else head.writeUInt16LE(value.length, 6);
  return Buffer.concat([head, value]);
}

function encodeValue(vr: string, v: string | number | Buffer): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (vr === 'US') {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(Number(v));
    return b;
  }
  if (vr === 'UL') {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(Number(v));
    return b;
  }
  return Buffer.from(String(v), 'latin1');
}

/** Attributes of a DICOM instance to write; keywords from {@link DICOM_TAGS}. */
export interface DicomInstanceSpec {
  readonly StudyInstanceUID: string;
  readonly SeriesInstanceUID: string;
  readonly SOPInstanceUID: string;
  readonly attributes?: Readonly<Record<string, string | number>>;
  /** 8-bit grey pixels, rows × columns. */
  readonly rows?: number;
  readonly columns?: number;
  readonly pixels?: Buffer;
}

/** Writes a DICOM Part 10 file (explicit VR little endian, secondary capture, 8-bit monochrome). */
export function writeDicom(spec: DicomInstanceSpec): Buffer {
  const rows = spec.rows ?? 8;
  const columns = spec.columns ?? 8;
  const pixels =
    spec.pixels ?? Buffer.from(Array.from({ length: rows * columns }, (_, i) => (i * 37 + 128) % 256));
  const sopClass = String(spec.attributes?.SOPClassUID ?? SECONDARY_CAPTURE);
  const meta = [
    encodeElement('00020001', 'OB', Buffer.from([0, 1])),
    encodeElement('00020002', 'UI', encodeValue('UI', sopClass)),
    encodeElement('00020003', 'UI', encodeValue('UI', spec.SOPInstanceUID)),
    encodeElement('00020010', 'UI', encodeValue('UI', EXPLICIT_VR_LITTLE_ENDIAN)),
    encodeElement('00020012', 'UI', encodeValue('UI', '1.2.826.0.1.3680043.10.543.1')),
    encodeElement('00020013', 'SH', encodeValue('SH', 'SKYQL_EMULATOR')),
  ];
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(meta.reduce((n, b) => n + b.length, 0));
  const attrs: Record<string, string | number | Buffer> = {
    SOPClassUID: sopClass,
    SOPInstanceUID: spec.SOPInstanceUID,
    Modality: 'OT',
    StudyInstanceUID: spec.StudyInstanceUID,
    SeriesInstanceUID: spec.SeriesInstanceUID,
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: rows,
    Columns: columns,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    ...spec.attributes,
  };
  const data = Object.entries(attrs)
    .filter(([k]) => DICOM_TAGS[k] !== undefined)
    .map(([k, v]) => ({ tag: DICOM_TAGS[k].tag, vr: DICOM_TAGS[k].vr, v }))
    .sort((a, b) => (a.tag < b.tag ? -1 : 1))
    .map((e) => encodeElement(e.tag, e.vr, encodeValue(e.vr, e.v)));
  return Buffer.concat([
    Buffer.alloc(128),
    Buffer.from('DICM', 'latin1'),
    encodeElement('00020000', 'UL', groupLength),
    ...meta,
    ...data,
    encodeElement(PIXEL_DATA, 'OB', pixels),
  ]);
}
