import { formatQualifiedName, type QualifiedName } from '../ast/qualified-name.js';
import type {
  ShowInsertStatement,
  ShowObject,
  ShowStatement,
  ShowTransactionIsolationStatement,
  ShowVersionStatement,
} from '../ast/show-statement.js';
import type { SqlFragment } from '../ast/sql-fragment.js';
import { describeToken } from '../lexer/token.js';
import { syntaxError } from './parse-error.js';
import { parseQualifiedName } from './parse-qualified-name.js';
import type { TokenCursor } from './token-cursor.js';

/** Any statement that starts with SHOW. */
export type AnyShowStatement =
  | ShowStatement
  | ShowVersionStatement
  | ShowInsertStatement
  | ShowTransactionIsolationStatement;

/** The target each SHOW object takes after IN/FROM, by number of parts. */
const TARGETS: Record<Exclude<ShowObject, 'providers'>, { parts: number; shape: string }> = {
  services: { parts: 1, shape: '<provider>' },
  resources: { parts: 2, shape: '<provider>.<service>' },
  methods: { parts: 3, shape: '<provider>.<service>.<resource>' },
};

const LIST_OBJECTS: Record<string, ShowObject> = {
  PROVIDERS: 'providers',
  SERVICES: 'services',
  RESOURCES: 'resources',
  METHODS: 'methods',
};

/** Hints `SHOW INSERT` understands: REQUIRED (required fields only), JSON (skyql's runnable template). */
const SHOW_INSERT_HINTS = ['REQUIRED', 'JSON'];

/**
 * Parses a statement starting with SHOW (the cursor is on SHOW): the listing forms, `VERSION`,
 * `INSERT ... INTO` and `TRANSACTION ISOLATION LEVEL`. See {@link ShowStatement} for the grammar.
 */
export function parseShow(c: TokenCursor): AnyShowStatement {
  c.next();
  const extended = c.acceptKeyword('EXTENDED') !== undefined;
  const tok = c.peek();
  const object = tok.kind === 'keyword' ? LIST_OBJECTS[tok.value] : undefined;
  if (object !== undefined) {
    c.next();
    return parseShowList(c, object, extended);
  }
  if (c.acceptKeyword('VERSION')) {
    c.expectEnd('SHOW VERSION');
    return { kind: 'showVersion', extended, ...c.base };
  }
  if (c.acceptKeyword('INSERT')) return parseShowInsert(c, extended);
  if (!extended && c.acceptKeyword('TRANSACTION')) {
    if (!c.acceptKeyword('ISOLATION') || !c.acceptKeyword('LEVEL'))
      c.fail('ISOLATION LEVEL after SHOW TRANSACTION');
    c.expectEnd('SHOW TRANSACTION ISOLATION LEVEL');
    return { kind: 'showTransactionIsolation', ...c.base };
  }
  return c.fail(
    `PROVIDERS, SERVICES, RESOURCES, METHODS, VERSION or INSERT after SHOW${extended ? ' EXTENDED' : ''}`,
    'e.g. SHOW SERVICES IN google, SHOW RESOURCES IN google.compute, SHOW METHODS IN google.compute.instances',
  );
}

function parseShowList(c: TokenCursor, object: ShowObject, extended: boolean): ShowStatement {
  const label = `SHOW ${object.toUpperCase()}`;
  let target: QualifiedName | undefined;
  const inTok = c.acceptKeyword('IN', 'FROM');
  if (object === 'providers') {
    if (inTok) {
      throw syntaxError(
        inTok,
        `SHOW PROVIDERS takes no ${inTok.value} clause`,
        'to list the services of a provider, use SHOW SERVICES IN <provider>',
      );
    }
  } else {
    const { parts, shape } = TARGETS[object];
    const hint = `write ${label} IN ${shape}`;
    if (!inTok) c.fail(`IN or FROM after ${label}`, hint);
    const first = c.peek();
    target = parseQualifiedName(c, shape, hint);
    if (target.parts.length !== parts) {
      throw syntaxError(first, `${label} needs IN ${shape}, got ${c.slice(target.start, target.end)}`, hint);
    }
  }
  const filter = parseShowFilter(c, label);
  return {
    kind: 'show',
    object,
    extended,
    ...(target ? { target } : {}),
    ...filter,
    ...c.base,
  };
}

/** `[LIKE 'pattern' | WHERE expr]` up to the end of the statement. */
function parseShowFilter(c: TokenCursor, label: string): { like?: string; where?: SqlFragment } {
  if (c.acceptKeyword('LIKE')) {
    const pattern = c.peek();
    if (pattern.kind !== 'string') c.fail('a quoted pattern after LIKE', "e.g. LIKE '%instances%'");
    c.next();
    c.expectEnd('the LIKE pattern');
    return { like: pattern.value };
  }
  if (c.acceptKeyword('WHERE')) {
    const first = c.peek();
    if (first.kind === 'eof') c.fail('an expression after WHERE', "e.g. WHERE name = 'compute'");
    let last = first;
    while (!c.atEnd()) last = c.next();
    return { where: { text: c.slice(first.start, last.end), start: first.start, end: last.end } };
  }
  if (!c.atEnd()) c.fail(`LIKE, WHERE or end of statement after ${label}`);
  return {};
}

function parseShowInsert(c: TokenCursor, extended: boolean): ShowInsertStatement {
  let required = false;
  let json = false;
  const hint = c.peek();
  if (hint.kind === 'hint') {
    const unknown = hint.value.find((h) => !SHOW_INSERT_HINTS.includes(h));
    if (unknown !== undefined) {
      throw syntaxError(
        hint,
        `unknown hint '${unknown}' for SHOW INSERT in ${describeToken(hint)}`,
        'SHOW INSERT takes /*+ REQUIRED */, /*+ JSON */ or both (/*+ REQUIRED, JSON */)',
      );
    }
    required = hint.value.includes('REQUIRED');
    json = hint.value.includes('JSON');
    c.next();
  }
  const shape = '<provider>.<service>.<resource>';
  const usage = `write SHOW INSERT [/*+ REQUIRED, JSON */] INTO ${shape}`;
  if (!c.acceptKeyword('INTO')) c.fail('INTO after SHOW INSERT', usage);
  const first = c.peek();
  const target = parseQualifiedName(c, shape, usage);
  if (target.parts.length !== 3) {
    throw syntaxError(
      first,
      `SHOW INSERT needs INTO ${shape}, got ${c.slice(target.start, target.end)}`,
      usage,
    );
  }
  c.expectEnd(`SHOW INSERT INTO ${formatQualifiedName(target)}`);
  return { kind: 'showInsert', extended, required, json, target, ...c.base };
}
