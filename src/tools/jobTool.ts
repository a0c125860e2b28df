// The job tool: the status and results of the jobs actions run as (the Jobs view's data), for "did it work?".
import * as vscode from 'vscode';
import type { JobsController } from '../jobs/jobsController';
import { jobDetailText, jobListText } from '../model/tools/jobToolText';
import { ToolInputError } from '../model/tools/toolInput';
import type { IscTool } from './readTools';
import { runTool } from './toolSupport';

export function jobStatusTool(jobs: JobsController): IscTool {
  return {
    prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Reading ISC jobs…') }),
    invoke: (options, token) =>
      runTool(token, async () => {
        await jobs.ready;
        const jobId = options.input.jobId;
        if (jobId !== undefined && typeof jobId !== 'string') throw new ToolInputError('"jobId" must be a string (a job id from this tool without a job id).');
        if (!jobId) return jobListText(jobs.store.list().map((job) => ({ job, counts: jobs.store.counts(job.id) })));
        const job = jobs.store.get(jobId);
        if (!job) throw new ToolInputError(`There is no job ${JSON.stringify(jobId.slice(0, 80))}: call this tool without a job id for the list.`);
        const changes = await jobs.changes.get(job.id);
        return jobDetailText(job, jobs.store.counts(job.id), changes?.notRecorded ?? changes?.summary ?? null);
      }),
  };
}
