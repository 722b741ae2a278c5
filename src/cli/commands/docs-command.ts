import type { Command } from 'commander';
import { isSkyqlError, SkyqlError } from '../../base/errors/skyql-error.js';
import { createSession } from '../../core/engine/create-session.js';
import { FLAGS } from '../flag-table.js';
import { addFlags, type ParsedFlags, readFlag } from '../flag-types.js';
import { addGlobalOptions, sessionOptions } from '../global-options.js';
import { renderError } from '../print-error.js';
import { stderrReporter } from '../stderr-reporter.js';

async function runDocs(targetText: string, flags: ParsedFlags): Promise<number> {
  // the docs code is loaded only when this command runs (the CLI bundle splits it off)
  const { parseDocsTarget } = await import('../../tools/docs/docs-target.js');
  const { summaryLine, writeDocs, writeSinglePage } = await import('../../tools/docs/page-writer.js');
  const { resourcePage } = await import('../../tools/docs/resource-page.js');
  const target = parseDocsTarget(targetText);
  const layout = readFlag(flags, FLAGS.docsLayout);
  const out = readFlag(flags, FLAGS.docsOut);
  const reporter = stderrReporter();
  const session = createSession(sessionOptions(flags, reporter));
  try {
    // an unknown provider or service is reported before a missing --out
    const provider = await session.context.catalog.provider(target.provider);
    if (target.service !== undefined && target.resource === undefined) provider.service(target.service);
    if (target.resource === undefined && out === undefined) {
      const what = target.service === undefined ? target.provider : `${target.provider}.${target.service}`;
      throw new SkyqlError('BAD_FLAG', `the pages of ${what} are written to a folder: give --out <dir>`, {
        hint: `skyql docs ${what} --out ./docs`,
      });
    }
    if (target.service !== undefined && target.resource !== undefined) {
      const service = provider.service(target.service);
      const page = resourcePage(service.resource(target.resource));
      if (out === undefined || out === '-') process.stdout.write(page);
      else reporter.message(`wrote 1 page to ${writeSinglePage(out, target.resource, page)}`);
      return 0;
    }
    const outDir = out as string;
    const started = performance.now();
    const summary = await writeDocs(provider, {
      outDir,
      layout,
      reporter,
      service: target.service,
      includeNonPreferred: readFlag(flags, FLAGS.nonPreferred) === true,
    });
    for (const f of summary.failures) reporter.message(`${f.fqn}: ${f.message}`);
    reporter.message(summaryLine(summary, provider, outDir, performance.now() - started));
    return summary.failures.length > 0 ? 1 : 0;
  } catch (err) {
    // unknown provider/service/resource, unreadable documents: one line, exit 1
    if (!isSkyqlError(err) || err.code === 'BAD_FLAG' || err.code === 'INTERNAL') throw err;
    process.stderr.write(
      readFlag(flags, FLAGS.verbose) === true ? renderError(err, undefined, true) : `${err.message}\n`,
    );
    return 1;
  } finally {
    session.close();
  }
}

/** `skyql docs <provider>[.<service>[.<resource>]] [--out <path>]`: StackQL-format documentation pages. */
export function docsCommand(program: Command, setExit: (code: number) => void): void {
  const cmd = program
    .command('docs')
    .description('write documentation pages (StackQL docs format) for a resource, a service or a provider')
    .argument('<target>', 'provider, provider.service or provider.service.resource');
  addFlags(cmd, [FLAGS.docsOut, FLAGS.docsLayout]);
  addGlobalOptions(cmd).action(async (target: string, flags: ParsedFlags) => {
    setExit(await runDocs(target, flags));
  });
}
