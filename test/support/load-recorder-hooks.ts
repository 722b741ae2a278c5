/** The module hooks of load-recorder.ts (they run on Node's hooks thread): logs resolved URLs. */
import { appendFileSync } from 'node:fs';

let log = '';

export function initialize(data: { log: string }): void {
  log = data.log;
}

interface Resolved {
  url: string;
}

export async function resolve(
  specifier: string,
  context: unknown,
  next: (specifier: string, context: unknown) => Promise<Resolved>,
): Promise<Resolved> {
  const resolved = await next(specifier, context);
  appendFileSync(log, `import ${resolved.url}\n`);
  return resolved;
}
