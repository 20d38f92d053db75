// `dondoc start <file>`: validate, start the campaign workflow, follow the tree as it starts.
import { userInfo } from 'node:os';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { type Command, Option } from 'commander';
import { STARTED_BY_MEMO } from '../../contract/audit';
import { campaignWorkflowId } from '../../contract/ids';
import {
  aggregateQuery,
  type CampaignState,
  type CampaignWorkflowInput,
  campaignStateQuery,
  TASK_QUEUE,
} from '../../contract/messages';
import { runningUnitsQuery } from '../../contract/search-attributes';
import type { Lang } from '../../core/definition/messages';
import type { Campaign } from '../../core/definition/types';
import { loadDefinition } from '../campaign-view';
import { webUiBase, workflowLink } from '../connection';
import { classify, EXIT, rejected } from '../errors';
import { localTime } from '../format';
import { type Io, type Outcome, runCommand, type Session } from '../kit';
import { QUERY_DEADLINE_MS, queryWorkflow, WorkerBusyError, workflowPollers } from '../queries';
import { langOption, loadCampaignOrReject } from '../validate-command';

export interface StartResult {
  ok: true;
  campaignId: string;
  title: string;
  runId: string;
  /** false when the campaign was already started: nothing was changed. */
  started: boolean;
  alreadyStarted: boolean;
  /** On a second start: whether the file still says what the running campaign was started with. */
  sameDefinition?: boolean;
  startedAt: string;
  units: number;
  /** Units whose workflows have reported to the campaign (the tree is up when it equals `units`). */
  unitsReporting: number;
  /** Unit workflows started so far (visibility), when the wait counted them. */
  unitsStarted?: number;
  ready: boolean;
  namespace: string;
  taskQueue: string;
  webUi: string;
  /** Set when no worker polls the campaign's task queue. */
  warning?: string;
}

interface StartOptions {
  json?: boolean;
  by?: string;
  wait: boolean;
  waitTimeout: string;
  historyLimit?: string;
  lang?: Lang;
}

function defaultActor(env: NodeJS.ProcessEnv): string {
  try {
    return env.USER ?? userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** How many of the campaign's unit workflows run (visibility: answers while the worker is saturated). */
async function unitsStarted(client: Client, campaignId: string): Promise<number | undefined> {
  try {
    return (await client.workflow.count(runningUnitsQuery(campaignId))).count;
  } catch {
    return undefined;
  }
}

/**
 * Polls the campaign's aggregate until every unit reports, showing progress on a terminal. A busy worker (its
 * query unanswered, or refused by the server) only delays the answer: the wait goes on, counting the units
 * started so far from visibility instead.
 */
async function followStart(input: {
  client: Client;
  io: Io;
  campaignId: string;
  total: number;
  timeoutMs: number;
}): Promise<{ reporting: number; started?: number; busy: boolean }> {
  const deadline = Date.now() + input.timeoutMs;
  let reporting = 0;
  let started: number | undefined;
  let busy = false;
  for (;;) {
    try {
      const workflowId = campaignWorkflowId(input.campaignId);
      reporting = (
        await queryWorkflow({
          client: input.client,
          workflowId,
          query: aggregateQuery,
          deadlineMs: Math.max(1_000, Math.min(QUERY_DEADLINE_MS, deadline - Date.now())),
        })
      ).units;
      busy = false;
    } catch (err) {
      // The first workflow task may not have run yet; only an unreachable server stops the wait.
      if (err instanceof WorkerBusyError) busy = true;
      else if (classify(err).exitCode === EXIT.unreachable) throw err;
    }
    started = (await unitsStarted(input.client, input.campaignId)) ?? started;
    if (input.io.progress) {
      const width = 30;
      const filled = Math.round((reporting / input.total) * width);
      const more = started !== undefined ? `, ${started} đã khởi động` : '';
      input.io.err(
        `\rĐang khởi động: [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${reporting}/${input.total} đơn vị${more}${busy ? ' (worker đang bận)' : ''}`,
      );
    }
    if (reporting >= input.total || Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (input.io.progress) input.io.err('\n');
  return { reporting, ...(started !== undefined ? { started } : {}), busy };
}

/**
 * The campaign file, checked: every issue at once, and nothing started when there is one. The issues are in
 * `lang` (`--lang`), else in the file's `campaign.language`, as `dondoc validate` prints them.
 */
function numericOptions(opts: StartOptions): { historyLimit: number | undefined; waitSeconds: number } {
  const historyLimit = opts.historyLimit ? Number(opts.historyLimit) : undefined;
  if (historyLimit !== undefined && !(Number.isInteger(historyLimit) && historyLimit > 0)) {
    throw rejected(`--history-limit: '${opts.historyLimit}' không phải là số nguyên dương`);
  }
  const waitSeconds = Number(opts.waitTimeout);
  if (!(Number.isFinite(waitSeconds) && waitSeconds >= 0)) {
    throw rejected(`--wait-timeout: '${opts.waitTimeout}' không phải là số giây`);
  }
  return { historyLimit, waitSeconds };
}

/** Starts the campaign's workflow; false when it was started before (nothing is changed then). */
async function startWorkflow(input: {
  s: Session;
  client: Client;
  campaign: Campaign;
  file: string;
  opts: StartOptions;
  historyLimit: number | undefined;
}): Promise<boolean> {
  const { s, campaign, opts, historyLimit } = input;
  const taskQueue = s.io.env.DONDOC_TASK_QUEUE?.trim() || TASK_QUEUE;
  try {
    const wfInput: CampaignWorkflowInput = {
      campaign,
      ...(historyLimit ? { historyLimit } : {}),
    };
    await input.client.workflow.start('campaignWorkflow', {
      taskQueue,
      workflowId: campaignWorkflowId(campaign.campaign.id),
      args: [wfInput],
      // A closed campaign is not started again either: its id is its record.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { [STARTED_BY_MEMO]: opts.by ?? defaultActor(s.io.env), file: input.file },
    });
    return true;
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return false;
  }
}

function startText(result: StartResult, campaign: Campaign): string {
  const { campaignId, startedAt, unitsReporting, units: total, webUi, warning } = result;
  const zone = campaign.campaign.timeZone;
  const lines = result.started
    ? [`Đã khởi động chiến dịch ${campaignId}: ${campaign.campaign.title}`]
    : [
        `Chiến dịch ${campaignId} đã được khởi động trước đó (lúc ${localTime(startedAt, zone)}): không thay đổi gì.`,
        ...(result.sameDefinition
          ? []
          : [
              'Lưu ý: tệp này khác với định nghĩa chiến dịch đang chạy; thay đổi trong tệp không được áp dụng.',
            ]),
      ];
  lines.push(
    `  Mã chiến dịch:   ${campaignId}`,
    `  Đơn vị:          ${unitsReporting}/${total} đã sẵn sàng${result.ready ? '' : ' (cây đơn vị vẫn đang khởi động)'}`,
    `  Temporal Web UI: ${webUi}`,
    ...(warning ? [`Lưu ý: ${warning}.`] : []),
  );
  return lines.join('\n');
}

async function start(s: Session, file: string, opts: StartOptions): Promise<Outcome> {
  const campaign = await loadCampaignOrReject(file, opts.lang);
  const campaignId = campaign.campaign.id;
  const { historyLimit, waitSeconds } = numericOptions(opts);
  const client = await s.client();
  const started = await startWorkflow({ s, client, campaign, file, opts, historyLimit });
  const handle = client.workflow.getHandle(campaignWorkflowId(campaignId));
  const d = await handle.describe();
  const running = d.status.name === 'RUNNING';
  // Without a worker on its task queue nothing would answer: say so instead of waiting.
  const workers = running ? await workflowPollers(client, d.taskQueue) : 0;
  // A busy worker answers late: the campaign is started all the same, and the result says so.
  const state: CampaignState | undefined = !running
    ? ((await handle.result()) as CampaignState)
    : workers > 0
      ? await queryWorkflow({ client, workflowId: campaignId, query: campaignStateQuery }).catch((err) => {
          if (err instanceof WorkerBusyError) return undefined;
          throw err;
        })
      : undefined;
  const total = campaign.units.length;
  const followed =
    opts.wait && running && workers > 0
      ? await followStart({ client, io: s.io, campaignId, total, timeoutMs: waitSeconds * 1000 })
      : undefined;
  const unitsReporting = followed?.reporting ?? state?.total.units ?? 0;
  const webUi = workflowLink({ uiBase: webUiBase(s.io.env), namespace: s.namespace, workflowId: campaignId });
  const runningDefinition = started ? campaign : await loadDefinition({ client, campaignId });
  const sameDefinition = started ? undefined : JSON.stringify(runningDefinition) === JSON.stringify(campaign);
  const warning =
    running && workers === 0
      ? `chưa có worker nào nhận việc trên task queue '${d.taskQueue}': chiến dịch sẽ chạy khi worker khởi động (npm run worker)`
      : followed?.busy && unitsReporting < total
        ? `worker đang bận khởi động các đơn vị (${followed.started ?? '?'}/${total} đã khởi động): chiến dịch vẫn chạy, xem tiến độ bằng dondoc status`
        : undefined;
  const result: StartResult = {
    ok: true,
    campaignId,
    title: campaign.campaign.title,
    runId: d.runId,
    started,
    alreadyStarted: !started,
    ...(sameDefinition === undefined ? {} : { sameDefinition }),
    startedAt: state?.startedAt ?? d.startTime.toISOString(),
    units: total,
    unitsReporting,
    ...(followed?.started !== undefined ? { unitsStarted: followed.started } : {}),
    ready: unitsReporting >= total,
    namespace: s.namespace,
    taskQueue: d.taskQueue,
    webUi,
    ...(warning ? { warning } : {}),
  };
  return { json: result, text: startText(result, campaign) };
}

export function registerStart(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('start')
    .description('kiểm tra tệp chiến dịch rồi khởi động chiến dịch (khởi động lại lần hai không thay đổi gì)')
    .argument('<file>', 'tệp chiến dịch (YAML/JSON)')
    .option('--by <actor>', 'người khởi động (ghi vào lịch sử)')
    .option('--no-wait', 'không chờ cây đơn vị khởi động xong')
    .option('--wait-timeout <seconds>', 'chờ cây đơn vị khởi động tối đa bấy nhiêu giây', '600')
    .addOption(new Option('--history-limit <events>', 'continue-as-new above this many events').hideHelp())
    .addOption(langOption())
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, opts: StartOptions) => {
      setExit(await runCommand({ io, json: Boolean(opts.json), body: (s) => start(s, file, opts) }));
    });
}
