// The task queues a worker polls besides its own (DONDOC_TASK_QUEUE), named from it: worker/workers.ts creates
// a Temporal worker on each and hands the superiors' to the activities that start units; config.ts puts them in the first log line.
// No SDK import here: the supervising process (worker/main.ts) loads worker/config.ts.

/** The mail task queue of a task queue: notices at DONDOC_SMTP_RATE, across all workers. */
export function mailTaskQueue(taskQueue: string): string {
  return `${taskQueue}-mail`;
}

/**
 * The superiors' task queue of a task queue. Their own worker keeps them apart from the leaves: at 10,000 units a
 * cache shared with the leaves evicted the districts during the start, and each one's next task replayed its
 * history (about a thousand events) on the one workflow thread the leaves' submissions kept busy, past the 10 s
 * task timeout, and then again from the start: a district completed no task for eight minutes.
 */
export function superiorTaskQueue(taskQueue: string): string {
  return `${taskQueue}-superiors`;
}
