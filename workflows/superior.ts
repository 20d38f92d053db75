// A unit as a superior, the issuer included: it starts its direct subordinates (in batches, checkpointed across
// continue-as-new), keeps the subtree aggregate each reports, and holds the daily digest of the escalations
// they report to it. Every unit workflow has this role; a leaf's is idle.
import { setHandler } from '@temporalio/workflow';
import type { CarriedReminders } from '../contract/delegated-reminders';
import {
  type Contact,
  childAggregateSignal,
  childAggregatesQuery,
  type DigestState,
  overdueReportSignal,
} from '../contract/messages';
import type { DigestNotice } from '../contract/notices';
import type { CampaignHeader } from '../core/definition/types';
import type { SubtreeAggregate } from '../core/report/aggregate';
import { batches } from './batches';
import { applyReport, emptyDigest, runDigests } from './digest';
import { ReminderBatches } from './reminder-batches';

export interface SuperiorInput {
  campaign: CampaignHeader;
  self: Contact;
  issuerName: string;
  /** Direct subordinates, in the definition's order. */
  children: string[];
  /** Carried over continue-as-new. */
  carried?: { children: SubtreeAggregate[]; startedBatches?: number; reminders?: CarriedReminders };
  /** The campaign's own templates' version, for the subordinates' reminders it sends in batches. */
  templatesVersion?: string | undefined;
  /** Where the digest state lives (the unit's state, so queries and continue-as-new carry it). */
  holder: { digest?: DigestState };
  /** Called when a subordinate's subtree aggregate changed (the unit reports its own upwards). */
  onChildChange: () => void;
}

export class Superior {
  readonly childAggs: Map<string, SubtreeAggregate>;
  /** How many batches of subordinates were started (all of them, once the first run got through). */
  startedBatches: number;
  /** The subordinates' reminders this superior sends in batches (UnitPlan.batchReminders). */
  readonly reminders: ReminderBatches;
  private digestRev = 0;
  private readonly toStart: string[][];

  constructor(private readonly o: SuperiorInput) {
    this.childAggs = new Map((o.carried?.children ?? []).map((a) => [a.unitId, a]));
    this.toStart = batches(o.children);
    this.startedBatches = o.carried ? (o.carried.startedBatches ?? this.toStart.length) : 0;
    this.reminders = new ReminderBatches(o.carried?.reminders, {
      campaignId: o.campaign.id,
      templatesVersion: o.templatesVersion,
    });
    setHandler(childAggregatesQuery, () => [...this.childAggs.values()]);
    setHandler(childAggregateSignal, (agg, lists) => {
      this.childAggs.set(agg.unitId, agg);
      if (lists) this.reminders.apply(agg.unitId, lists);
      o.onChildChange();
    });
    setHandler(overdueReportSignal, (report) => {
      o.holder.digest ??= emptyDigest();
      applyReport(o.holder.digest, report);
      this.digestRev += 1;
    });
  }

  /**
   * Starts the subordinates not started yet, a batch per activity, until done or `stopped` (the history is
   * full: the next run goes on from the checkpoint). Their ids are deterministic: a retry starts nothing twice.
   */
  async startChildren(start: (unitIds: string[]) => Promise<unknown>, stopped: () => boolean): Promise<void> {
    while (this.startedBatches < this.toStart.length && !stopped()) {
      await start(this.toStart[this.startedBatches] as string[]);
      this.startedBatches += 1;
    }
  }

  /** Sends the digests as their instants come, until stopped. */
  runDigests(
    stopped: () => boolean,
    send: (n: DigestNotice) => Promise<{ failure?: string }>,
  ): Promise<void> {
    return runDigests({
      digest: () => this.o.holder.digest,
      campaign: this.o.campaign,
      superior: this.o.self,
      issuerName: this.o.issuerName,
      revision: () => this.digestRev,
      stopped,
      send,
    });
  }

  carry(): { children: SubtreeAggregate[]; startedBatches: number; reminders?: CarriedReminders } {
    const reminders = this.reminders.carry();
    return {
      children: [...this.childAggs.values()],
      startedBatches: this.startedBatches,
      ...(reminders ? { reminders } : {}),
    };
  }
}
