// The raw baselines, on the same servers as dondoc: nodemailer alone (N messages straight to the sink), and the
// bare workflow of bare-workflows.ts for the start (N workflows each sending at once), the burst (N workflows
// asleep until one instant, then sending) and the submissions (N `submit` updates).
import nodemailer from 'nodemailer';
import { pooled } from '../../client/kit';
import { BARE_WORKFLOW, type BareInput, bareSubmit } from './bare-contract';
import { type Ctx, deliveryResult, phaseTimeoutMs, requireCompleted } from './context';
import { waitDelivered } from './sink-client';
import { latency, log, seconds, sleepUntil } from './stats';
import type { PhaseResult } from './types';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const idPattern = (set: string) => `^<live\\.${set}\\.`;
const messageId = (set: string, i: number) => `<live.${set}.${i}@bench>`;

/** N messages through one pooled transport (5 connections): from the first send to the last arrival. */
export async function nodemailerAlone(ctx: Ctx): Promise<PhaseResult> {
  ctx.monitor.enter('nodemailer burst');
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 5,
    host: '127.0.0.1',
    port: ctx.sink.port,
    secure: false,
  });
  const t0 = Date.now();
  try {
    const sends = range(ctx.n).map((i) =>
      transport.sendMail({
        from: 'bench <bench@localhost>',
        to: `u${i}@example.org`,
        subject: 'Nhắc hạn',
        text: `Đơn vị ${i}: hạn nộp sắp đến.`,
        messageId: messageId('nodemailer', i),
      }),
    );
    // A failed send shows as a lost message; the rejection itself is kept, not thrown.
    const sent = Promise.all(sends).catch((err: unknown) => err);
    const waited = await waitDelivered({
      label: 'nodemailer alone',
      sink: ctx.sink,
      pattern: idPattern('nodemailer'),
      expected: ctx.n,
      deadline: t0 + phaseTimeoutMs(ctx.n),
    });
    await Promise.race([sent, sleepUntil(Date.now() + 10_000)]);
    return requireCompleted(
      deliveryResult({ phase: 'burst', system: 'nodemailer', from: t0, expected: ctx.n, waited }),
    );
  } finally {
    transport.close();
  }
}

/** Starts N bare workflows (`concurrency` starts in flight); the time when the last start returned. */
async function startBare(ctx: Ctx, set: string, sendAt?: number): Promise<number> {
  await pooled(range(ctx.n), ctx.concurrency, async (i) => {
    const input: BareInput = {
      messageId: messageId(set, i),
      to: `u${i}@example.org`,
      ...(sendAt !== undefined ? { sendAt } : {}),
    };
    await ctx.rawClient.workflow.start(BARE_WORKFLOW, {
      taskQueue: ctx.bareQueue,
      workflowId: `bare-${set}-${i}`,
      args: [input],
    });
  });
  return Date.now();
}

/** (a) raw: N bare workflows started, each sending at once; from the first start to the last arrival. */
export async function rawStart(ctx: Ctx): Promise<PhaseResult> {
  ctx.monitor.enter('raw start');
  const t0 = Date.now();
  const startedAt = await startBare(ctx, 'start');
  log(`raw: ${ctx.n} bare workflows started in ${seconds(t0, startedAt)} s`);
  const waited = await waitDelivered({
    label: 'raw start',
    sink: ctx.sink,
    pattern: idPattern('start'),
    expected: ctx.n,
    deadline: t0 + phaseTimeoutMs(ctx.n),
  });
  const detail = { allStartedSeconds: seconds(t0, startedAt) };
  return requireCompleted(
    deliveryResult({ phase: 'start', system: 'raw', from: t0, expected: ctx.n, waited, detail }),
  );
}

/** (b) raw: N bare workflows asleep until T, then sending; from T to the last arrival. */
export async function rawBurst(ctx: Ctx, rawStartSeconds: number): Promise<PhaseResult> {
  ctx.monitor.enter('raw burst (setup)');
  const t0 = Date.now();
  const at = Math.ceil((t0 + Math.max(20_000, 1_500 * rawStartSeconds + 10_000)) / 1000) * 1000;
  const startedAt = await startBare(ctx, 'burst', at);
  const notes = startedAt > at ? [`the last bare workflow started ${seconds(at, startedAt)} s after T`] : [];
  log(`raw: ${ctx.n} sleeping bare workflows started; T in ${seconds(Date.now(), at)} s`);
  await sleepUntil(at);
  ctx.monitor.enter('raw burst');
  const waited = await waitDelivered({
    label: 'raw burst',
    sink: ctx.sink,
    pattern: idPattern('burst'),
    expected: ctx.n,
    deadline: at + phaseTimeoutMs(ctx.n),
  });
  const detail = { startedBeforeTSeconds: seconds(startedAt, at) };
  return requireCompleted(
    deliveryResult({ phase: 'burst', system: 'raw', from: at, expected: ctx.n, waited, notes, detail }),
  );
}

/** (c) raw: a `submit` update to each bare workflow of the start phase; until every one is acknowledged. */
export async function rawSubmit(ctx: Ctx): Promise<PhaseResult> {
  ctx.monitor.enter('raw submit');
  const ms: number[] = [];
  const errors: string[] = [];
  const t0 = Date.now();
  await pooled(range(ctx.n), ctx.concurrency, async (i) => {
    const t = performance.now();
    try {
      await ctx.rawClient.workflow
        .getHandle(`bare-start-${i}`)
        .executeUpdate(bareSubmit, { args: [`u${i}`] });
      ms.push(performance.now() - t);
    } catch (err) {
      errors.push(String(err));
    }
  });
  const end = Date.now();
  const lat = latency(ms);
  return {
    phase: 'submit',
    system: 'raw',
    seconds: seconds(t0, end),
    completed: errors.length === 0,
    expected: ctx.n,
    delivered: ms.length,
    lost: errors.length,
    duplicates: 0,
    ...(lat ? { latency: lat } : {}),
    notes: [...new Set(errors)].slice(0, 5),
    detail: {},
  };
}
