// The queue baseline: a bare BullMQ worker (same concurrency as Cascade's) whose job is one UPDATE of one row by
// its key, the floor under "claim a timer row and do what it says". Prints `done <ms>` when JOBS jobs are done.
const { Worker } = require('bullmq');
const { Pool } = require('pg');

const jobs = Number(process.env.JOBS);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
let done = 0;
let started = 0;
const worker = new Worker(
  'raw-timers',
  async (job) => {
    if (!started) started = Date.now();
    await pool.query(
      "update raw_timer set status = 'fired', closed_at = now() where key = $1 and status = 'pending'",
      [job.id],
    );
    if (++done === jobs) process.stdout.write(`done ${Date.now() - started}\n`);
  },
  {
    connection: { url: process.env.REDIS_URL, maxRetriesPerRequest: null },
    prefix: process.env.QUEUE_PREFIX,
    concurrency: Number(process.env.CONCURRENCY ?? 5),
    removeOnComplete: { count: 0 },
  },
);
worker.on('ready', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () =>
  worker
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0)),
);
