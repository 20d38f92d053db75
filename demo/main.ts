// `npm start` runs this after the server, the mail catcher and the worker are up: it starts the demo campaign
// (unless one is still running) and plays its units. DONDOC_DEMO=0 skips it.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { dataDirOf, loadPortalSecret } from '../access/secret';
import { loadDefinition } from '../client/campaign-view';
import { connectClient, loadConnectionSettings, webUiBase, workflowLink } from '../client/connection';
import { campaignWorkflowId } from '../contract/ids';
import { TASK_QUEUE } from '../contract/messages';
import { demoCampaign } from './campaign';
import { runSimulator } from './simulator';

const log = (line: string) => console.log(`demo: ${line}`);

async function runningDemo(client: Awaited<ReturnType<typeof connectClient>>): Promise<string | undefined> {
  const query = "WorkflowType = 'campaignWorkflow' AND ExecutionStatus = 'Running'";
  for await (const wf of client.workflow.list({ query })) {
    if (wf.workflowId.startsWith('demo-')) return wf.workflowId;
  }
  return undefined;
}

/** The portal `npm start` runs beside the worker: some simulated units then use its forms. */
async function portalOf(
  env: NodeJS.ProcessEnv,
): Promise<{ publicUrl: string; secret: Uint8Array } | undefined> {
  const url = env.DONDOC_PORTAL_URL?.trim();
  if (!url) return undefined;
  const secret = await loadPortalSecret({ env, dataDir: dataDirOf(env) });
  return { publicUrl: url.replace(/\/+$/, ''), secret };
}

async function main(): Promise<void> {
  const settings = loadConnectionSettings();
  const client = await connectClient(settings);
  const portal = await portalOf(process.env);
  const existing = await runningDemo(client);
  if (existing) {
    log(
      `chiến dịch demo ${existing} vẫn đang chạy (dữ liệu cũ được giữ): tiếp tục, không bắt đầu chiến dịch mới.`,
    );
    const campaign = await loadDefinition({ client, campaignId: existing });
    const result = await runSimulator({
      client,
      campaign,
      log,
      skipBefore: Date.now(),
      ...(portal ? { portal } : {}),
    });
    log(`các đơn vị đã hành động ${result.done} lần (${result.refused} lần bị từ chối vì gửi sai).`);
    await client.connection.close();
    return;
  }
  const campaign = await demoCampaign(new Date());
  const id = campaign.campaign.id;
  try {
    await client.workflow.start('campaignWorkflow', {
      taskQueue: process.env.DONDOC_TASK_QUEUE ?? TASK_QUEUE,
      workflowId: campaignWorkflowId(id),
      args: [{ campaign }],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  const link = workflowLink({ uiBase: webUiBase(), namespace: settings.namespace, workflowId: id });
  console.log(`
demo: chiến dịch ${id} đã bắt đầu: ${campaign.units.length} đơn vị, ${campaign.milestones.length} mốc, khoảng 10 phút.
  Xem trên Temporal Web UI:  ${link}
  Tình hình:                 npx dondoc status ${id}
  Đơn vị quá hạn:            npx dondoc overdue ${id}
  Báo cáo tổng hợp:          npx dondoc report ${id} --format xlsx --out demo.xlsx
  Nhật ký kiểm tra:          npx dondoc audit ${id}${portal ? `\n  Trên cổng thông tin:       ${portal.publicUrl}/staff/c/${encodeURIComponent(id)}` : ''}
`);
  const result = await runSimulator({ client, campaign, log, ...(portal ? { portal } : {}) });
  log(`các đơn vị đã hành động ${result.done} lần (${result.refused} lần bị từ chối vì gửi sai).`);
  await client.connection.close();
}

main().catch((err) => {
  console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
