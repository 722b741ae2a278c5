import { SKYQL_VERSION } from '../../../core/engine/version.js';

/** The PostgreSQL version skyql presents itself as (clients choose their catalog queries by it). */
export const PG_VERSION = '14.0';

/** `select version()` */
export function versionString(): string {
  return `PostgreSQL ${PG_VERSION} (skyql ${SKYQL_VERSION}) on ${process.arch}-${process.platform}`;
}

/** Settings reported at start-up (ParameterStatus) and by `SHOW name`, by lower-cased name. */
export function serverSettings(user: string, readonly: boolean): Map<string, string> {
  return new Map([
    ['server_version', PG_VERSION],
    ['server_version_num', '140000'],
    ['server_encoding', 'UTF8'],
    ['client_encoding', 'UTF8'],
    ['datestyle', 'ISO, MDY'],
    ['timezone', 'UTC'],
    ['intervalstyle', 'postgres'],
    ['integer_datetimes', 'on'],
    ['standard_conforming_strings', 'on'],
    ['is_superuser', 'off'],
    ['session_authorization', user],
    ['application_name', ''],
    ['search_path', '"$user", public'],
    ['transaction_isolation', 'read committed'],
    ['default_transaction_isolation', 'read committed'],
    ['transaction_read_only', readonly ? 'on' : 'off'],
    ['default_transaction_read_only', readonly ? 'on' : 'off'],
    ['max_identifier_length', '63'],
    ['lc_collate', 'C'],
    ['lc_ctype', 'C'],
    ['extra_float_digits', '1'],
  ]);
}

/** The settings sent as ParameterStatus after authentication (what PostgreSQL reports). */
export const REPORTED_SETTINGS = [
  'server_version',
  'server_encoding',
  'client_encoding',
  'datestyle',
  'timezone',
  'intervalstyle',
  'integer_datetimes',
  'standard_conforming_strings',
  'is_superuser',
  'session_authorization',
  'application_name',
] as const;

/** The display name PostgreSQL uses for a reported setting (`DateStyle`, `TimeZone`). */
export function settingDisplayName(name: string): string {
  return (
    (
      { datestyle: 'DateStyle', timezone: 'TimeZone', intervalstyle: 'IntervalStyle' } as Record<
        string,
        string
      >
    )[name] ?? name
  );
}
