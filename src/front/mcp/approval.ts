import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { SafetyMode } from './safety-mode.js';
import { type ClassifiedStatement, describeAll } from './statement-class.js';

/** How a request for approval ended; `expired`: no answer in time (declined). */
export type ApprovalOutcome = 'approved' | 'declined' | 'expired' | 'unavailable';

/** What the prompt shows besides the statements: the requests they will send. */
export interface ApprovalDetails {
  readonly requests: readonly string[];
  readonly timeoutMs: number;
}

/**
 * Asks the user, through MCP elicitation, to approve the statements in `because`. Only an explicit
 * `accept` with `approve: true` approves; decline, cancel or a failed request decline, and no answer
 * within `timeoutMs` expires (declined; the session is free again). A client without the elicitation
 * capability cannot be asked: `unavailable`.
 */
export async function askApproval(
  server: McpServer,
  request: { requestId: string | number; signal: AbortSignal },
  mode: SafetyMode,
  because: readonly ClassifiedStatement[],
  plan: { requests: () => Promise<readonly string[]>; timeoutMs: number },
): Promise<ApprovalOutcome> {
  if (!server.server.getClientCapabilities()?.elicitation) return 'unavailable';
  const verbs = describeAll(because);
  const details = { requests: await plan.requests(), timeoutMs: plan.timeoutMs };
  try {
    const answer = await server.server.elicitInput(
      {
        mode: 'form',
        message: approvalMessage(mode, because, details),
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
      { relatedRequestId: request.requestId, signal: request.signal, timeout: details.timeoutMs },
    );
    return answer.action === 'accept' && answer.content?.approve === true ? 'approved' : 'declined';
  } catch (err) {
    return (err as { code?: unknown }).code === ErrorCode.RequestTimeout ? 'expired' : 'declined';
  }
}

/**
 * The prompt: the class (EXEC, DELETE…) and what the statement is (`SELECT that reads EXEC (through
 * view v1)`), each statement as sent and with its views expanded, and the requests it will send.
 */
export function approvalMessage(
  mode: SafetyMode,
  because: readonly ClassifiedStatement[],
  details: ApprovalDetails,
): string {
  const classes = [...new Set(because.map((s) => s.class.toUpperCase()))].join(', ');
  const statements = because
    .map((s) => {
      const text = s.statement.text.trim();
      return s.expanded ? `${text}\n-- with its views expanded, this runs:\n${s.expanded.trim()}` : text;
    })
    .join(';\n\n');
  const requests =
    details.requests.length > 0
      ? `\n\nRequests it will send:\n${details.requests.map((r) => `- ${r}`).join('\n')}`
      : '';
  const minutes = Math.round(details.timeoutMs / 60_000);
  const expiry = minutes >= 1 ? `${minutes} min` : `${Math.round(details.timeoutMs / 1000)} s`;
  const effect = because.every((s) => s.shared)
    ? 'which changes tables or views every user of the PostgreSQL database sees'
    : 'which may change cloud resources';
  return `skyql (mode ${mode}) asks to run ${describeAll(because)} (class ${classes}), ${effect}:\n\n${statements}${requests}\n\nApprove? (no answer within ${expiry} declines)`;
}
