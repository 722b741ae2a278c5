import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cell, ResultSet } from '../../../../src/base/result/result-set.js';
import { formatTable } from '../../../../src/front/output/table-writer.js';

function rs(names: string[], rows: Cell[][]): ResultSet {
  return { columns: names.map((name) => ({ name, type: 'text' as const })), rows };
}
const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

// stackql test/assets/expected/show/show-insert-google-iam-service-accounts.txt: one long cell of
// several lines, wrapped by minimal raggedness at the width of its longest word (43).
const GOLDEN = `|---------------------------------------------|
|              insert_statement               |
|---------------------------------------------|
| <<<jsonnet {    projectsId: <<              |
| projectsId >>,    data__accountId:          |
|    << data__accountId >>,                   |
| data__serviceAccount:    {    description:  |
| << description >>,    disabled: <<          |
| disabled >>,    displayName: << displayName |
| >>,    email: << email >>,    etag:         |
| << etag >>,    name: << name >>,            |
| oauth2ClientId: << oauth2ClientId >>,       |
| projectId: << projectId >>,    uniqueId:    |
| << uniqueId >>    } } >>> INSERT INTO       |
| google.iam.service_accounts(   projectsId,  |
|   data__accountId,   data__serviceAccount   |
| ) SELECT   '{{ .values.projectsId           |
| }}',   '{{ .values.data__accountId          |
| }}',   '{ "description": "{{                |
| .values.data__serviceAccount.description    |
| }}", "disabled": {{                         |
| .values.data__serviceAccount.disabled       |
| }}, "displayName": "{{                      |
| .values.data__serviceAccount.displayName    |
| }}", "email": "{{                           |
| .values.data__serviceAccount.email          |
| }}", "etag": "{{                            |
| .values.data__serviceAccount.etag           |
| }}", "name": "{{                            |
| .values.data__serviceAccount.name           |
| }}", "oauth2ClientId": "{{                  |
| .values.data__serviceAccount.oauth2ClientId |
| }}", "projectId": "{{                       |
| .values.data__serviceAccount.projectId      |
| }}", "uniqueId": "{{                        |
| .values.data__serviceAccount.uniqueId }}"   |
| }' ;                                        |
|---------------------------------------------|
`;

// The template's text, reconstructed from the golden lines (the line breaks it had are newlines here).
const TEMPLATE = [
  '<<<jsonnet {    projectsId: <<',
  'projectsId >>,    data__accountId:',
  '   << data__accountId >>,   ',
  'data__serviceAccount:    {    description:',
  '<< description >>,    disabled: <<',
  'disabled >>,    displayName: << displayName',
  '>>,    email: << email >>,    etag:',
  '<< etag >>,    name: << name >>,  ',
  'oauth2ClientId: << oauth2ClientId >>,',
  'projectId: << projectId >>,    uniqueId:',
  '<< uniqueId >>    } } >>> INSERT INTO',
  'google.iam.service_accounts(   projectsId,',
  '  data__accountId,   data__serviceAccount',
  ") SELECT   '{{ .values.projectsId",
  "}}',   '{{ .values.data__accountId",
  `}}',   '{ "description": "{{`,
  '.values.data__serviceAccount.description',
  '}}", "disabled": {{',
  '.values.data__serviceAccount.disabled',
  '}}, "displayName": "{{',
  '.values.data__serviceAccount.displayName',
  '}}", "email": "{{',
  '.values.data__serviceAccount.email',
  '}}", "etag": "{{',
  '.values.data__serviceAccount.etag',
  '}}", "name": "{{',
  '.values.data__serviceAccount.name',
  '}}", "oauth2ClientId": "{{',
  '.values.data__serviceAccount.oauth2ClientId',
  '}}", "projectId": "{{',
  '.values.data__serviceAccount.projectId',
  '}}", "uniqueId": "{{',
  '.values.data__serviceAccount.uniqueId }}"',
  "}' ;",
].join('\n');

test('StackQL golden: SHOW INSERT template wrapped within one cell', () => {
  const out = formatTable({ columns: [{ name: 'insert_statement', type: 'text' }], rows: [[TEMPLATE]] });
  assert.equal(out, GOLDEN);
});

// stackql test/assets/expected/registry/google-list.txt and show/show-methods-github-repo-repo.txt
test('StackQL golden: registry list and SHOW METHODS with a wrapped cell', () => {
  assert.equal(
    formatTable(rs(['provider', 'versions'], [['google', 'v0.1.0, v0.1.1, v0.1.2']])),
    lines(
      '|----------|------------------------|',
      '| provider |        versions        |',
      '|----------|------------------------|',
      '| google   | v0.1.0, v0.1.1, v0.1.2 |',
      '|----------|------------------------|',
    ),
  );
  const out = formatTable(
    rs(
      ['MethodName', 'RequiredParams', 'SQLVerb'],
      [
        ['list_for_authenticated_user', '', 'SELECT'],
        ['create_using_template', 'template_owner, template_repo, data__name', 'INSERT'],
        ['disable_automated_security_fixes', 'owner, repo', 'EXEC'],
      ],
    ),
  );
  assert.equal(
    out,
    lines(
      '|----------------------------------|--------------------------------|---------|',
      '|            MethodName            |         RequiredParams         | SQLVerb |',
      '|----------------------------------|--------------------------------|---------|',
      '| list_for_authenticated_user      |                                | SELECT  |',
      '|----------------------------------|--------------------------------|---------|',
      '| create_using_template            | template_owner, template_repo, | INSERT  |',
      '|                                  | data__name                     |         |',
      '|----------------------------------|--------------------------------|---------|',
      '| disable_automated_security_fixes | owner, repo                    | EXEC    |',
      '|----------------------------------|--------------------------------|---------|',
    ),
  );
});
