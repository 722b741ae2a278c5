import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { DIALECT_GUIDE, SAFETY_GUIDE, SERVER_INSTRUCTIONS } from './instructions.js';

/** The server's guides as resources: instructions, dialect, safety modes. */
export function addResources(server: McpServer): void {
  const doc = (name: string, uri: string, title: string, text: string) =>
    server.registerResource(name, uri, { title, mimeType: 'text/markdown' }, async () => ({
      contents: [{ uri, mimeType: 'text/markdown', text }],
    }));
  doc('instructions', 'skyql://docs/instructions', 'How to use this server', SERVER_INSTRUCTIONS);
  doc(
    'dialect',
    'skyql://docs/dialect',
    'skyql SQL: tables, WHERE parameters, method selection',
    DIALECT_GUIDE,
  );
  doc('safety', 'skyql://docs/safety', 'Safety modes and the audit log', SAFETY_GUIDE);
}
