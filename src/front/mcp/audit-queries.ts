/**
 * The queries the cloud_audit and public_exposure_scan prompts suggest, in one place so a test runs
 * exactly them (against the emulator's sample project, which holds one finding of each kind). The
 * arguments after the project are what the agent fills in from an earlier answer; the prompts show
 * them as placeholders.
 */
export function auditQueries(project: string) {
  const p = `'${project}'`;
  const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
  return {
    buckets: `SELECT name FROM google.storage.buckets WHERE project = ${p}`,
    bucketPolicy: (bucket = '<name>') =>
      `SELECT role, members FROM google.storage.buckets_iam_policies WHERE bucket = '${bucket}'`,
    firewalls: `SELECT name, direction, sourceRanges, allowed, disabled FROM google.compute.firewalls WHERE project = ${p}`,
    addresses: (regions: readonly string[] = ['<region>']) =>
      `SELECT name, address, addressType, status, users FROM google.compute.addresses WHERE project = ${p} AND region IN (${list(regions)})`,
    zones: `SELECT name, region FROM google.compute.zones WHERE project = ${p}`,
    externalIps: (zones: readonly string[] = ['<zone>']) =>
      `SELECT name, zone, json_extract(networkInterfaces, '$[0].accessConfigs[0].natIP') AS natIP FROM google.compute.instances WHERE project = ${p} AND zone IN (${list(zones)})`,
    projectPolicy: `SELECT role, members FROM google.cloudresourcemanager.projects_iam_policies WHERE projectsId = ${p}`,
    serviceAccounts: `SELECT name, email FROM google.iam.service_accounts WHERE projectsId = ${p}`,
    serviceAccountKeys: (email = '<email>') =>
      `SELECT name, keyType, validAfterTime FROM google.iam.service_account_keys WHERE projectsId = ${p} AND serviceAccountsId = '${email}'`,
  };
}
