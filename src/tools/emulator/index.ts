/** The spec-driven Google Cloud emulator (`skyql emulator`). */

export type { ServiceAccountKey } from './auth/oauth-token.js';
export { parseDicom, writeDicom } from './dicom/dicom-codec.js';
export { DEFAULT_SETTINGS, type EmulatorSettings } from './server/emulator-context.js';
export { type EmulatorOptions, type RunningEmulator, startEmulator } from './server/emulator-server.js';
export type { FaultRule } from './server/faults.js';
export type { LogEntry } from './server/request-log.js';
export { SAMPLE, sampleSeed } from './state/sample-data.js';
export type { SeedDocument } from './state/state-file.js';
export { parseSeedText, readSeedFile } from './state/state-file.js';
