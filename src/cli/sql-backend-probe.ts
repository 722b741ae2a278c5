import type { SessionOptions } from '../core/engine/create-session.js';
import type { Session } from '../core/engine/session.js';

/**
 * For servers (srv, mcp), whose sessions start with their clients: connects once to a PostgreSQL
 * backend at start, so a bad DSN or an unreachable server fails the command in one line instead
 * of every client's first statement. Nothing to do for SQLite.
 */
export async function probeSqlBackend(
  options: SessionOptions,
  create: (options: SessionOptions) => Session,
): Promise<void> {
  if (options.sqlBackend?.engine !== 'postgres') return;
  const probe = create(options);
  try {
    await probe.open();
  } finally {
    await probe.close();
  }
}
