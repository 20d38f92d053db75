// The checks the unit and campaign workflows' Update validators share: who acted, why, and typed text without
// control characters (core/text/typed.ts). Synchronous; each throws the message the client shows.
import { typedProblem } from '../core/text/typed';

/** A typed text holding a control character (or a line break where one line is asked for) is refused. */
export function requireClean(problem: string | undefined): void {
  if (problem) throw new Error(problem);
}

export function requireActor(actor: unknown): void {
  if (typeof actor !== 'string' || actor.trim() === '') throw new Error('actor: cần ghi rõ người thực hiện');
  requireClean(typedProblem('actor', actor));
}

/** A reason that must be given (`what`: what it is the reason for). */
export function requireReason(reason: unknown, what: string): void {
  if (typeof reason !== 'string' || reason.trim() === '') throw new Error(`reason: cần ghi rõ lý do ${what}`);
  requireClean(typedProblem('reason', reason, true));
}

/** A reason that may be left out; line breaks are allowed in it. */
export function requireCleanReason(reason: unknown): void {
  requireClean(typedProblem('reason', reason, true));
}
