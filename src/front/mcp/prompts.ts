import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod/v4';
import { auditQueries } from './audit-queries.js';

/** A prompt's text as one user message. */
function message(text: string) {
  return { messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
}

const PROJECT = {
  project: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,61}[a-z0-9]$/, 'a project id')
    .describe('the project id'),
};

/** getting_started, cloud_audit, iam_access_review, public_exposure_scan. */
export function addPrompts(server: McpServer): void {
  server.registerPrompt(
    'getting_started',
    {
      title: 'Getting started with skyql',
      description: 'How to explore the catalog and write a first query',
    },
    () =>
      message(
        'You have skyql, a SQL engine over Google Cloud APIs. Read the resource skyql://docs/dialect first. Then: call server_info; use search_catalog to find the tables for what the user asks; call list_methods on a table to see which WHERE parameters a SELECT needs; validate_select_query your query; then run_select_query. Keep queries narrow (explicit columns, WHERE on parameters, LIMIT).',
      ),
  );
  server.registerPrompt(
    'cloud_audit',
    {
      title: 'Cloud security audit',
      description: 'A read-only security review of one project',
      argsSchema: PROJECT,
    },
    ({ project }) => {
      const q = auditQueries(project);
      return message(
        `Run a read-only security review of Google Cloud project ${project} with skyql (run_select_query only; change nothing). Check and report, with the query used for each finding:
1. Public buckets: ${q.buckets}; then for each bucket ${q.bucketPolicy()} and flag allUsers / allAuthenticatedUsers in members.
2. Open firewall rules: ${q.firewalls}; flag INGRESS rules with 0.0.0.0/0 that are not disabled, especially ports 22, 3389 or all ports.
3. External IPs: reserved addresses, ${q.addresses()} (regions from ${q.zones}), and instances with an external natIP, ${q.externalIps()}.
4. Broad IAM bindings: ${q.projectPolicy}; flag roles/owner and roles/editor, primitive roles on service accounts, allUsers/allAuthenticatedUsers.
5. Old service-account keys: ${q.serviceAccounts}; then ${q.serviceAccountKeys()}; flag USER_MANAGED keys older than 90 days.
Summarise findings by severity with the fix for each.`,
      );
    },
  );
  server.registerPrompt(
    'iam_access_review',
    { title: 'IAM access review', description: 'Who can do what in one project', argsSchema: PROJECT },
    ({ project }) =>
      message(
        `Review IAM access in project ${project} with skyql, read-only. Get the bindings: SELECT role, members FROM google.cloudresourcemanager.projects_iam_policies WHERE projectsId = '${project}'. Expand members per role (json_each(members)), group by principal, and flag: owners and editors, external domains, allUsers/allAuthenticatedUsers, service accounts with primitive roles, bindings with conditions. List the service accounts (google.iam.service_accounts WHERE projectsId = '${project}') and their user-managed keys. Report a table principal → roles with recommendations; change nothing.`,
      ),
  );
  server.registerPrompt(
    'public_exposure_scan',
    {
      title: 'Public exposure scan',
      description: 'What in one project is reachable from the internet',
      argsSchema: PROJECT,
    },
    ({ project }) => {
      const q = auditQueries(project);
      return message(
        `Find everything in project ${project} that is reachable from the internet, read-only with skyql:
- firewall rules allowing 0.0.0.0/0 ingress: ${q.firewalls};
- instances with external IPs: ${q.externalIps()} (the zones: ${q.zones});
- reserved external addresses: ${q.addresses()} (and google.compute.global_addresses);
- public buckets: ${q.buckets}, then ${q.bucketPolicy()}, looking for allUsers/allAuthenticatedUsers;
- Cloud SQL instances with public IPs and authorized networks 0.0.0.0/0 (google.sqladmin.instances).
Use plan_query first when a query fans out over many zones. Report each exposed item with the rule or binding that exposes it.`,
      );
    },
  );
}
