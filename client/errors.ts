// What went wrong, as an exit code an administrator's script can act on, and a message a person can read.
import { status } from '@grpc/grpc-js';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';

export const EXIT = { ok: 0, rejected: 1, unreachable: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the command line reports as is: its code and message were chosen where it was thrown. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    /** Extra facts for --json output (e.g. the issues of a file). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function rejected(message: string, details?: Record<string, unknown>): CliError {
  return new CliError(EXIT.rejected, message, details);
}

export function unreachable(message: string): CliError {
  return new CliError(EXIT.unreachable, message);
}

const UNREACHABLE_CODES = new Set<number>([status.UNAVAILABLE, status.DEADLINE_EXCEEDED]);

function grpcCode(err: unknown): number | undefined {
  if (isGrpcServiceError(err)) return err.code;
  if (err instanceof ServiceError) return grpcCode(err.cause);
  return undefined;
}

/** A call given up at the deadline its caller set (Connection.withDeadline). */
export function isDeadline(err: unknown): boolean {
  return (
    err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || grpcCode(err) === status.DEADLINE_EXCEEDED
  );
}

/** Turns anything thrown into an exit code and a message. */
export function classify(err: unknown): {
  exitCode: ExitCode;
  message: string;
  details?: Record<string, unknown>;
} {
  if (err instanceof CliError) {
    return { exitCode: err.exitCode, message: err.message, ...(err.details ? { details: err.details } : {}) };
  }
  if (err instanceof WorkflowUpdateFailedError) {
    // The validator's (or the handler's) own message is the cause.
    return { exitCode: EXIT.rejected, message: `bị từ chối: ${err.cause?.message ?? err.message}` };
  }
  if (err instanceof WorkflowNotFoundError) {
    return { exitCode: EXIT.rejected, message: `không tìm thấy workflow '${err.workflowId}' trên máy chủ` };
  }
  const code = grpcCode(err);
  const text = err instanceof Error ? err.message : String(err);
  if (
    isDeadline(err) ||
    (code !== undefined && UNREACHABLE_CODES.has(code)) ||
    /Failed to connect before the deadline|ECONNREFUSED|No connection established/i.test(text)
  ) {
    return { exitCode: EXIT.unreachable, message: `không kết nối được máy chủ Temporal: ${text}` };
  }
  if (code === status.NOT_FOUND) return { exitCode: EXIT.rejected, message: `không tìm thấy: ${text}` };
  return { exitCode: EXIT.rejected, message: text };
}
