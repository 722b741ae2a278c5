/** skyql's version, stamped by the build from package.json. */
export const SKYQL_VERSION: string = process.env.SKYQL_BUILD_VERSION ?? '0.0.0-dev';
