// Temporal's client retries a failed gRPC call (server busy, connection refused) from a timer. A call still
// waiting to be retried when its connection is closed (a command that ends on an error while a sibling call,
// started beside the one that failed, is between two attempts) then throws "Channel has been shut down" from that
// timer: an uncaught exception that crashed `dondoc` after it had printed its answer. This interceptor sits under
// the retry interceptor and ends such a late attempt as CANCELLED instead; nothing waits for it any more.
import {
  InterceptingCall,
  type InterceptingListener,
  type Interceptor,
  Metadata,
  status,
} from '@grpc/grpc-js';
import { defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

const SHUT_DOWN = /Channel has been shut down/;

/** gRPC's call interface (not exported by name): what an InterceptingCall wraps. */
type CallInterface = ConstructorParameters<typeof InterceptingCall>[0];

/** A call on a closed connection: it reports CANCELLED once started, and sends nothing. */
class ClosedCall implements CallInterface {
  constructor(private readonly details: string) {}

  start(_metadata: Metadata, listener?: Partial<InterceptingListener>): void {
    setImmediate(() => {
      try {
        listener?.onReceiveStatus?.({
          code: status.CANCELLED,
          details: this.details,
          metadata: new Metadata(),
        });
      } catch {
        // The caller above has already finished with this call: whatever it does with the status is moot.
      }
    });
  }

  cancelWithStatus(): void {}
  getPeer(): string {
    return '';
  }
  sendMessageWithContext(): void {}
  sendMessage(): void {}
  startRead(): void {}
  halfClose(): void {}
  getAuthContext(): ReturnType<CallInterface['getAuthContext']> {
    return null;
  }
}

/** Ends a call attempted on a closed connection as CANCELLED, where gRPC would throw. */
export const closedChannelGuard: Interceptor = (options, nextCall) => {
  try {
    return new InterceptingCall(nextCall(options));
  } catch (err) {
    if (!(err instanceof Error && SHUT_DOWN.test(err.message))) throw err;
    return new InterceptingCall(new ClosedCall(err.message));
  }
};

/** The interceptors of every client connection dondoc opens: Temporal's retries, then the guard under them. */
export function clientInterceptors(): Interceptor[] {
  return [makeGrpcRetryInterceptor(defaultGrpcRetryOptions()), closedChannelGuard];
}
