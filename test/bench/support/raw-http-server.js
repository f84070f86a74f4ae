// The HTTP baseline: a bare node:http server whose one endpoint parses the same JSON body as Cascade's statistics
// submission and writes one row with one INSERT (a pool of 10 connections to the same PostgreSQL). Plain
// JavaScript, so that its memory is that of Node, pg and nothing else.
const http = require('node:http');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', async () => {
    try {
      const input = JSON.parse(body);
      const code = request.url.split('/')[2];
      await pool.query(
        `insert into raw_statistics (code, eligible_staff, staff_participated, sessions_held, managers_led,
           non_staff_participants, submitted_at) values ($1, $2, $3, $4, $5, $6, now())`,
        [
          code,
          input.eligibleStaff,
          input.staffParticipated,
          input.sessionsHeld,
          input.managersLed,
          input.nonStaffParticipants,
        ],
      );
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    } catch (error) {
      response
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: error.message }));
    }
  });
});
pool
  .query(
    `create table if not exists raw_statistics (id serial primary key, code varchar(30) not null,
       eligible_staff int not null, staff_participated int not null, sessions_held int not null,
       managers_led int not null, non_staff_participants int not null, submitted_at timestamptz not null)`,
  )
  .then(() =>
    server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n')),
  );
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
