import { type OpenLoopJob, runOpenLoopJob } from './open-loop-job.js';

/**
 * The open-loop client of `make bench` as a process of its own (started by
 * bench/open-loop-job.ts's `runOpenLoopJobApart`): the job comes as JSON in argv[2], the
 * results go to stdout as JSON. Its heap holds only this run, so its collections are short, and
 * no other work of the benchmark shares its event loop.
 */
const job = JSON.parse(process.argv[2] ?? '') as OpenLoopJob;
const outcome = await runOpenLoopJob(job);
process.stdout.write(JSON.stringify(outcome));
