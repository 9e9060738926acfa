import type { RefreshJob } from '@okra-balance/core';
import { stateOfStep, type StoredJob } from '../store/Store.ts';

/**
 * The job as the browser sees it, under the id of the account it asked through (a job serves every user who
 * linked the same provider account).
 */
export function toRefreshJob(job: StoredJob, accountId: string): RefreshJob {
  return {
    id: job.id,
    accountId,
    strategy: job.strategy,
    state: stateOfStep(job.step),
    balanceChanged: job.balanceChanged,
    failure: job.failure,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    deadlineAt: job.deadlineAt,
    settledAt: job.settledAt,
  };
}
