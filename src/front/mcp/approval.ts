import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { SafetyMode } from './safety-mode.js';
import type { ClassifiedStatement } from './statement-class.js';

/** How a request for approval ended. */
export type ApprovalOutcome = 'approved' | 'declined' | 'unavailable';

/** The user gets this long to answer before the change is treated as declined. */
const APPROVAL_TIMEOUT_MS = 10 * 60_000;

/**
 * Asks the user, through MCP elicitation, to approve the statements in `because`. Only an explicit
 * `accept` with `approve: true` approves; decline, cancel, a timeout or a failed request decline.
 * A client without the elicitation capability cannot be asked: `unavailable`.
 */
export async function askApproval(
  server: McpServer,
  request: { requestId: string | number; signal: AbortSignal },
  mode: SafetyMode,
  because: readonly ClassifiedStatement[],
): Promise<ApprovalOutcome> {
  if (!server.server.getClientCapabilities()?.elicitation) return 'unavailable';
  const verbs = [...new Set(because.map((s) => s.verb))].join(', ');
  const statements = because.map((s) => s.statement.text.trim()).join(';\n');
  try {
    const answer = await server.server.elicitInput(
      {
        mode: 'form',
        message: `skyql (mode ${mode}) asks to run ${verbs}, which changes cloud resources:\n\n${statements}\n\nApprove?`,
        requestedSchema: {
          type: 'object',
          properties: {
            approve: {
              type: 'boolean',
              title: 'Run it',
              description: `Run this ${verbs} against the provider`,
            },
          },
          required: ['approve'],
        },
      },
      { relatedRequestId: request.requestId, signal: request.signal, timeout: APPROVAL_TIMEOUT_MS },
    );
    return answer.action === 'accept' && answer.content?.approve === true ? 'approved' : 'declined';
  } catch {
    return 'declined';
  }
}
