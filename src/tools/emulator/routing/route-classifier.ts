import type { TemplateSegment } from '../../../core/catalog/path-template.js';
import type { RouteKind } from './route-spec.js';

/** Inputs of {@link classifyRoute}. */
export interface ClassifyInput {
  readonly method: string;
  readonly segments: readonly TemplateSegment[];
  readonly keyStart: number;
  /** Last part of the operation id. */
  readonly verb: string;
  /** The success response has an array property and `nextPageToken`. */
  readonly listLike: boolean;
}

/** Where the target key ends and what the route does. */
export interface Classification {
  readonly kind: RouteKind;
  readonly keyEnd: number;
  readonly targetIsCollection: boolean;
  readonly customVerb: string | undefined;
  readonly colonLiteral: boolean;
}

const IAM = new Set(['getIamPolicy', 'setIamPolicy', 'testIamPermissions']);
const CRUD = new Set(['list', 'aggregatedList', 'get', 'create', 'insert', 'patch', 'update', 'delete']);

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** `getAccessApprovalSettings` names the singleton `accessApprovalSettings`. */
function namesSingleton(verb: string, prefixes: readonly string[], literal: string): boolean {
  return prefixes.some((p) => verb.startsWith(p) && lowerFirst(verb.slice(p.length)) === literal);
}

function crud(input: ClassifyInput, keyEnd: number): Classification {
  const { verb, method, segments } = input;
  const endsWithLiteral = segments[keyEnd - 1]?.kind === 'literal';
  const c = (kind: RouteKind, targetIsCollection: boolean): Classification => ({
    kind,
    keyEnd,
    targetIsCollection,
    customVerb: undefined,
    colonLiteral: false,
  });
  switch (verb) {
    case 'list':
      return c('list', true);
    case 'aggregatedList':
      return c('aggregatedList', true);
    case 'get':
      return c('get', false);
    case 'create':
    case 'insert':
      return c('create', method === 'POST' && endsWithLiteral);
    case 'patch':
      return c('patch', false);
    case 'update':
      return c(method === 'PATCH' ? 'patch' : 'update', false);
    default:
      return c('delete', false);
  }
}

/**
 * Classifies an operation by its id's last word (`list`, `insert`, `getIamPolicy`…), HTTP method
 * and path shape: item paths end with a variable, collection paths with a literal, custom methods
 * use `:verb` or (compute style) a literal after the item.
 */
export function classifyRoute(input: ClassifyInput): Classification {
  const { segments, method, verb, keyStart } = input;
  const n = segments.length;
  const last = segments[n - 1];
  if (segments.some((s, i) => i >= keyStart && s.kind === 'literal' && s.text === 'dicomWeb')) {
    return { kind: 'dicomWeb', keyEnd: n, targetIsCollection: false, customVerb: verb, colonLiteral: false };
  }
  const colonOnVar =
    last?.kind === 'pattern' && last.prefix === '' && last.suffix.startsWith(':')
      ? last.suffix.slice(1)
      : undefined;
  const colonOnLiteral =
    last?.kind === 'literal' && last.text.indexOf(':') > 0
      ? last.text.slice(last.text.indexOf(':') + 1)
      : undefined;
  if (IAM.has(verb)) {
    let keyEnd = n;
    if (colonOnVar === undefined && colonOnLiteral === undefined) {
      while (keyEnd > keyStart + 1 && segments[keyEnd - 1].kind === 'literal') keyEnd--;
    }
    return {
      kind: verb as RouteKind,
      keyEnd,
      targetIsCollection: false,
      customVerb: verb,
      colonLiteral: colonOnLiteral !== undefined,
    };
  }
  if (colonOnVar !== undefined) {
    return {
      kind: 'custom',
      keyEnd: n,
      targetIsCollection: false,
      customVerb: colonOnVar,
      colonLiteral: false,
    };
  }
  if (colonOnLiteral !== undefined) {
    return {
      kind: 'custom',
      keyEnd: n,
      targetIsCollection: true,
      customVerb: colonOnLiteral,
      colonLiteral: true,
    };
  }
  if (CRUD.has(verb)) return crud(input, n);
  const custom = (keyEnd: number, targetIsCollection: boolean, customVerb: string): Classification => ({
    kind: 'custom',
    keyEnd,
    targetIsCollection,
    customVerb,
    colonLiteral: false,
  });
  const single = (kind: RouteKind): Classification => ({
    kind,
    keyEnd: n,
    targetIsCollection: false,
    customVerb: undefined,
    colonLiteral: false,
  });
  if (last?.kind === 'literal' && n - 1 > keyStart) {
    const prev = segments[n - 2];
    if (method === 'GET' && namesSingleton(verb, ['get'], last.text)) return single('get');
    if (
      (method === 'PATCH' || method === 'PUT') &&
      namesSingleton(verb, ['update', 'patch', 'set'], last.text)
    ) {
      return single(method === 'PUT' ? 'update' : 'patch');
    }
    if (method === 'GET' && input.listLike && verb.startsWith('list')) {
      return {
        kind: 'list',
        keyEnd: n,
        targetIsCollection: true,
        customVerb: undefined,
        colonLiteral: false,
      };
    }
    return custom(n - 1, prev.kind === 'literal', last.text);
  }
  if (last?.kind === 'literal') {
    if (method === 'GET')
      return input.listLike ? { ...single('list'), targetIsCollection: true } : single('get');
    return method === 'POST'
      ? custom(n, true, verb)
      : single(method === 'DELETE' ? 'delete' : method === 'PUT' ? 'update' : 'patch');
  }
  switch (method) {
    case 'GET':
      return single('get');
    case 'PUT':
      return single('update');
    case 'PATCH':
      return single('patch');
    case 'DELETE':
      return single('delete');
    default:
      return custom(n, false, verb);
  }
}

/** Source of the classifier, part of the compiled-route cache key. */
export const CLASSIFIER_SOURCE = [lowerFirst, namesSingleton, crud, classifyRoute, ...IAM, ...CRUD]
  .map(String)
  .join('\n');
