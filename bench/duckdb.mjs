// DuckDB-WASM (its Node blocking build) computing the same workload in SQL over the CSV files on disk.
// usage: node bench/duckdb.mjs USAGE.csv LICENCES.csv
import path from 'node:path';
import { createRequire } from 'node:module';
import { memorySampler, report } from './common.mjs';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/blocking');
const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

const mem = memorySampler();
const tInit = performance.now();
const db = await duckdb.createDuckDB(
  {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
  },
  new duckdb.VoidLogger(),
  duckdb.NODE_RUNTIME,
);
await db.instantiate(() => {});
const conn = db.connect();
const initMs = performance.now() - tInit;

const t0 = performance.now();
db.registerFileURL('usage.csv', path.resolve(process.argv[2]), duckdb.DuckDBDataProtocol.NODE_FS, false);
db.registerFileURL('licences.csv', path.resolve(process.argv[3]), duckdb.DuckDBDataProtocol.NODE_FS, false);
const rows = (sql) => conn.query(sql).toArray().map((r) => r.toJSON());
conn.query(`CREATE TEMP TABLE pu AS
  SELECT lower(trim(tool)) AS tk, min(trim(tool)) AS tool, lower(trim(user_email)) AS uk,
         max(date) AS last, sum(events) AS ev
  FROM read_csv('usage.csv', header = true, quote = '"', columns = {
    'date': 'DATE', 'user_email': 'VARCHAR', 'tool': 'VARCHAR', 'events': 'BIGINT', 'feature': 'VARCHAR'})
  GROUP BY tk, uk`);
const max = rows(`SELECT strftime(max(last), '%Y-%m-%d') AS m FROM pu`)[0].m;
const tools = rows(`
  SELECT p.tk, min(p.tool) AS tool,
         count(*) FILTER (WHERE p.last >= DATE '${max}' - 29) AS active_30,
         count(*) AS users, sum(p.ev)::DOUBLE AS events, any_value(l.seats)::DOUBLE AS seats
  FROM pu p LEFT JOIN (SELECT lower(trim(tool)) AS tk, seats FROM read_csv('licences.csv', header = true)) l
    ON l.tk = p.tk
  GROUP BY p.tk ORDER BY p.tk`);
const index = new Map(tools.map((t, i) => [t.tk, i]));
const pairs = rows(`
  WITH r AS (SELECT tk, uk FROM pu WHERE last >= DATE '${max}' - 89)
  SELECT a.tk AS a, b.tk AS b, count(*)::INTEGER AS n FROM r a JOIN r b ON a.uk = b.uk GROUP BY ALL`);
const n = tools.length;
const overlap = Array.from({ length: n }, () => new Array(n).fill(0));
for (const p of pairs) overlap[index.get(p.a)][index.get(p.b)] = Number(p.n);
const result = {
  max_date: max,
  tools: tools.map((t) => {
    const a = Number(t.active_30);
    const seats = t.seats == null ? null : Number(t.seats);
    return {
      tool: t.tool,
      active_30: a,
      users: Number(t.users),
      events: Number(t.events),
      seats,
      active_per_seat: seats && seats > 0 ? Math.round((a / seats) * 10000) / 10000 : null,
    };
  }),
  overlap,
};
const ms = performance.now() - t0;
report('duckdb-wasm', ms, mem.stop(), { ...result, init_ms: initMs });
