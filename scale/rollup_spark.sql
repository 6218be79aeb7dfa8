-- Stackscope usage rollup, Spark SQL version (see docs/scale.md). Same output as scale/rollup_duckdb.sql:
--     tool,user_email,last_active,first_seen,days_seen,events
--
-- Parameters use Spark's variable substitution (${name}, looked up in the session configuration, on by
-- default through spark.sql.variable.substitute). All four must be set, there are no defaults:
--   stackscope_events  input path or glob (a directory of part files works too)
--   stackscope_format  csv | parquet (any Spark data source whose columns are date,user_email,tool,events)
--   stackscope_out     output DIRECTORY: Spark writes one part-00000-….csv in it (rename it to rollup.csv)
--   stackscope_tz      time zone for naive timestamps and for the calendar day of each event, e.g. UTC
--
-- spark-sql:  spark-sql --hiveconf stackscope_events=s3://logs/events/ --hiveconf stackscope_format=parquet \
--                       --hiveconf stackscope_out=/tmp/stackscope_rollup --hiveconf stackscope_tz=UTC \
--                       -f scale/rollup_spark.sql
-- PySpark:    for k, v in params.items(): spark.conf.set(k, v)
--             text = "\n".join(l for l in open("scale/rollup_spark.sql") if not l.lstrip().startswith("--"))
--             for stmt in text.split(chr(59)):       # chr(59) is the statement separator, never inside one
--                 if stmt.strip(): spark.sql(stmt)

SET spark.sql.session.timeZone = ${stackscope_tz};

-- Every input column as a string: timestamps come as '2026-03-01', '2026-03-01 10:00:00' or
-- '2026-03-01T23:30:00-05:00' in one file, and schema inference must not decide for us.
CREATE OR REPLACE TEMPORARY VIEW stackscope_raw
USING ${stackscope_format}
OPTIONS (path '${stackscope_events}', header 'true', inferSchema 'false');

-- One clean row per event line: e-mail trimmed and lower-cased, tool trimmed, the event's calendar day in
-- the session time zone (an offset in the text is honoured, a naive timestamp or bare date is taken in it).
CREATE OR REPLACE TEMPORARY VIEW stackscope_events_clean AS
SELECT
    CAST(try_cast(trim(CAST(`date` AS STRING)) AS TIMESTAMP) AS DATE) AS day,
    lower(trim(CAST(user_email AS STRING))) AS user_email,
    trim(CAST(tool AS STRING)) AS tool,
    coalesce(try_cast(trim(CAST(events AS STRING)) AS BIGINT), 0) AS events
FROM stackscope_raw;

CREATE OR REPLACE TEMPORARY VIEW stackscope_rollup AS
SELECT
    min(tool) AS tool,
    user_email,
    max(day) AS last_active,
    min(day) AS first_seen,
    count(DISTINCT day) AS days_seen,
    sum(events) AS events
FROM stackscope_events_clean
WHERE day IS NOT NULL AND user_email <> '' AND tool <> ''
GROUP BY lower(tool), user_email;

-- One sorted file: sort in the subquery, then COALESCE(1) concatenates the sorted partitions in order.
INSERT OVERWRITE DIRECTORY '${stackscope_out}'
USING csv
OPTIONS (header 'true', dateFormat 'yyyy-MM-dd')
SELECT /*+ COALESCE(1) */ tool, user_email, last_active, first_seen, days_seen, events
FROM (SELECT * FROM stackscope_rollup ORDER BY lower(tool), user_email) sorted;
