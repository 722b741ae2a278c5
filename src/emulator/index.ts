/** The spec-driven Google Cloud emulator (`skyql emulator`). */

export { parseDicom, writeDicom } from './dicom-codec.js';
export { DEFAULT_SETTINGS, type EmulatorSettings } from './emulator-context.js';
export { type EmulatorOptions, type RunningEmulator, startEmulator } from './emulator-server.js';
export type { FaultRule } from './faults.js';
export type { ServiceAccountKey } from './oauth-token.js';
export type { LogEntry } from './request-log.js';
export { SAMPLE, sampleSeed } from './sample-data.js';
export type { SeedDocument } from './state-file.js';
export { parseSeedText, readSeedFile } from './state-file.js';
