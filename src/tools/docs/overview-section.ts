import type { JsonObject, Resource } from '../../core/catalog/model/catalog-types.js';
import { isObject } from '../../core/catalog/openapi/json-pointer.js';
import { escapeMdx, indefiniteArticle } from './markdown-escape.js';

/** `View` for resources whose config declares a SELECT view, else `Resource`. */
export function resourceType(resource: Resource): 'View' | 'Resource' {
  const views = isObject(resource.config) ? resource.config.views : undefined;
  return isObject(views) && views.select !== undefined ? 'View' : 'Resource';
}

/**
 * The resource's one-line introduction and the "Overview" table (name, type, id).
 *
 * @param resource the resource being documented
 * @param _doc the service document (unused; every section takes the same inputs)
 */
export function overviewSection(resource: Resource, _doc: JsonObject): string {
  const { name } = resource;
  const intro = resource.description
    ? escapeMdx(resource.description)
    : `Creates, updates, deletes, gets or lists ${indefiniteArticle(name)} <code>${name}</code> resource.`;
  return `${intro}

## Overview
<table><tbody>
<tr><td><b>Name</b></td><td><code>${name}</code></td></tr>
<tr><td><b>Type</b></td><td>${resourceType(resource)}</td></tr>
<tr><td><b>Id</b></td><td><CopyableCode code="${resource.provider}.${resource.service}.${name}" /></td></tr>
</tbody></table>

`;
}
