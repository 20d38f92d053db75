// Large payloads (a campaign definition of tens of thousands of units) are gzipped on the wire, so they stay
// under Temporal's 2 MiB payload limit. Small payloads pass unchanged and stay readable in the Web UI.
// Runs in the client and the worker, outside the workflow sandbox.
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  type DataConverter,
  defaultPayloadConverter,
  type Payload,
  type PayloadCodec,
} from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const GZIP_ENCODING = 'binary/gzip';
/** Payloads at least this big are compressed. */
export const GZIP_THRESHOLD = 256 * 1024;

const encodingBytes = new TextEncoder().encode(GZIP_ENCODING);

function isGzipped(p: Payload): boolean {
  const e = p.metadata?.encoding;
  return e !== undefined && e !== null && new TextDecoder().decode(e) === GZIP_ENCODING;
}

export class LargePayloadGzipCodec implements PayloadCodec {
  constructor(private readonly threshold = GZIP_THRESHOLD) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (!p.data || p.data.length < this.threshold) return p;
      const whole = temporal.api.common.v1.Payload.encode(p).finish();
      return { metadata: { encoding: encodingBytes }, data: gzipSync(whole) };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (!isGzipped(p) || !p.data) return p;
      return temporal.api.common.v1.Payload.decode(gunzipSync(p.data)) as Payload;
    });
  }
}

/** The data converter every dondoc client and worker uses. */
export const dataConverter: DataConverter = { payloadCodecs: [new LargePayloadGzipCodec()] };

/** Temporal's limit for one payload: the server refuses a bigger one. */
export const PAYLOAD_LIMIT_BYTES = 2 * 1024 * 1024;
/** What dondoc lets a start input or an update take of it: room for the rest of the request. */
export const SEND_LIMIT_BYTES = PAYLOAD_LIMIT_BYTES - 128 * 1024;

/** The bytes `value` takes on the wire, converted and encoded (gzipped when large) as dondoc sends it. */
export async function wireBytes(value: unknown): Promise<number> {
  const [encoded] = await new LargePayloadGzipCodec().encode([defaultPayloadConverter.toPayload(value)]);
  return encoded ? temporal.api.common.v1.Payload.encode(encoded).finish().length : 0;
}
