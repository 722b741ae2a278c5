import { SkyqlError } from '../../base/errors/skyql-error.js';
import { CLASS_RANK, type ClassifiedStatement, describeAll, type StatementClass } from './statement-class.js';

/** StackQL's MCP safety modes. */
export const SAFETY_MODES = ['read_only', 'safe', 'delete_safe', 'full_access'] as const;
export type SafetyMode = (typeof SAFETY_MODES)[number];

/** The mode when none is given: changes need the user's approval. */
export const DEFAULT_SAFETY_MODE: SafetyMode = 'safe';

/** What the mode says about a statement: run it, ask the user first, or refuse it. */
export type ModeDecision = 'allow' | 'approve' | 'refuse';

/** The decision per class, per mode. Reads and session-local objects are always allowed. */
const DECISIONS: Readonly<Record<SafetyMode, Readonly<Record<StatementClass, ModeDecision>>>> = {
  read_only: { read: 'allow', local: 'allow', write: 'refuse', delete: 'refuse', exec: 'refuse' },
  safe: { read: 'allow', local: 'allow', write: 'approve', delete: 'approve', exec: 'approve' },
  delete_safe: { read: 'allow', local: 'allow', write: 'allow', delete: 'approve', exec: 'approve' },
  full_access: { read: 'allow', local: 'allow', write: 'allow', delete: 'allow', exec: 'allow' },
};

const DECISION_RANK: Readonly<Record<ModeDecision, number>> = { allow: 0, approve: 1, refuse: 2 };

/** The strictest decision over every statement of the input, and the statements that need it. */
export function decide(
  mode: SafetyMode,
  statements: readonly ClassifiedStatement[],
): { decision: ModeDecision; because: ClassifiedStatement[] } {
  let decision: ModeDecision = 'allow';
  for (const s of statements) {
    const d = DECISIONS[mode][s.class];
    if (DECISION_RANK[d] > DECISION_RANK[decision]) decision = d;
  }
  return { decision, because: statements.filter((s) => DECISIONS[mode][s.class] === decision) };
}

/** The most dangerous class of the input (for the audit record). */
export function worstClass(statements: readonly ClassifiedStatement[]): StatementClass {
  return statements.reduce<StatementClass>(
    (worst, s) => (CLASS_RANK[s.class] > CLASS_RANK[worst] ? s.class : worst),
    'read',
  );
}

/** Reads `--mcp.mode` / the config's `mode`; BAD_MCP_CONFIG names the modes. */
export function parseSafetyMode(raw: string): SafetyMode {
  const mode = SAFETY_MODES.find((m) => m === raw);
  if (!mode)
    throw new SkyqlError('BAD_MCP_CONFIG', `unknown MCP safety mode '${raw}'`, {
      hint: `use one of ${SAFETY_MODES.join(', ')}`,
    });
  return mode;
}

/** The refusal of read_only mode. */
export function readOnlyRefusal(because: readonly ClassifiedStatement[]): SkyqlError {
  const verbs = describeAll(because);
  return new SkyqlError('MCP_REFUSED', `${verbs} is not allowed: the MCP server runs in read_only mode`, {
    hint: 'restart skyql mcp with --mcp.mode=safe (changes need approval) or a wider mode to allow changes',
  });
}

/** The modes that would run `because` without asking, for hints. */
export function modesAllowing(because: readonly ClassifiedStatement[]): SafetyMode[] {
  return SAFETY_MODES.filter((m) => because.every((s) => DECISIONS[m][s.class] === 'allow'));
}
