import type { JsonObject, Resource } from '../../core/catalog/model/catalog-types.js';
import { deleteExamples } from './delete-examples.js';
import { execExamples } from './exec-examples.js';
import { fieldsSection } from './fields-section.js';
import { frontMatter } from './front-matter.js';
import { insertExamples } from './insert-examples.js';
import { methodsSection } from './methods-section.js';
import { overviewSection } from './overview-section.js';
import { parametersSection } from './parameters-section.js';
import { selectExamples } from './select-examples.js';
import { replaceExamples, updateExamples } from './update-examples.js';

/** A page section: the resource and its OpenAPI document (`Resource.doc`) in, Markdown out. */
export type PageSection = (resource: Resource, doc: JsonObject) => string;

/**
 * The sections of a resource page in order. Each returns its text with the exact surrounding
 * newlines of the published pages, so the page is their plain concatenation.
 */
const PAGE_SECTIONS: readonly PageSection[] = [
  (r) => frontMatter(r),
  overviewSection,
  fieldsSection,
  methodsSection,
  parametersSection,
  selectExamples,
  insertExamples,
  updateExamples,
  replaceExamples,
  deleteExamples,
  execExamples,
];

/**
 * The documentation page of a resource, in the Markdown/MDX format of StackQL's published provider
 * docs (front matter, overview, fields, methods, parameters, then SELECT, INSERT, UPDATE, REPLACE,
 * DELETE and lifecycle (EXEC) examples where the resource has such methods).
 *
 * @param resource the resource, from `ServiceHandle.resource(name)`; its sections read its own
 *   document (`Resource.doc`: the service document, or in the older layout its `serviceDoc`)
 */
export function resourcePage(resource: Resource): string {
  return PAGE_SECTIONS.map((section) => section(resource, resource.doc)).join('');
}
