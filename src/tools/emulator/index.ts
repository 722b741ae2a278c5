/** The spec-driven Google Cloud emulator (`skyql emulator`), as scripts and benchmarks start it. */

export { type EmulatorOptions, type RunningEmulator, startEmulator } from './server/emulator-server.js';
export { SAMPLE } from './state/sample-data.js';
