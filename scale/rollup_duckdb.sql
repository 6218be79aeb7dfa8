-- Stackscope usage rollup, DuckDB version (see docs/scale.md).
--
-- Turns a raw event log (date,user_email,tool,events[,feature]) of any size into one row per (tool, user):
--     tool,user_email,last_active,first_seen,days_seen,events
-- which Stackscope reads as a usage file (roles: tool, user_email, last_activity, events).
--
-- Parameters are DuckDB variables; set the ones you need *before* this file runs, e.g.
--     duckdb -cmd "SET VARIABLE stackscope_events = 'logs/*.parquet'" \
--            -cmd "SET VARIABLE stackscope_out = 'rollup.csv'" \
--            -c ".read scale/rollup_duckdb.sql"
--   stackscope_events  input path or glob; '.parquet' at the end → read_parquet, anything else → read_csv
--                      (default 'events.csv')
--   stackscope_out     output CSV path (default 'rollup.csv')
--   stackscope_tz      time zone for naive timestamps and for the calendar day of each event (default 'UTC')
-- From Python: con.execute("SET VARIABLE stackscope_events = ?", [path]) … then con.execute(open(this).read()).

SET VARIABLE stackscope_events = coalesce(getvariable('stackscope_events'), 'events.csv');
SET VARIABLE stackscope_out = coalesce(getvariable('stackscope_out'), 'rollup.csv');
SET VARIABLE stackscope_tz = coalesce(getvariable('stackscope_tz'), 'UTC');
SET TimeZone = getvariable('stackscope_tz');

-- Every input column as text: timestamps come as '2026-03-01', '2026-03-01 10:00:00' or
-- '2026-03-01T23:30:00-05:00' in one file, and type sniffing on a sample must not decide for us.
CREATE OR REPLACE TEMP VIEW stackscope_raw AS
SELECT * FROM query(
    CASE WHEN lower(getvariable('stackscope_events')) LIKE '%.parquet'
         THEN 'SELECT CAST("date" AS VARCHAR) AS "date", CAST(user_email AS VARCHAR) AS user_email, '
              || 'CAST(tool AS VARCHAR) AS tool, CAST(events AS VARCHAR) AS events FROM read_parquet('''
              || replace(getvariable('stackscope_events'), '''', '''''') || ''')'
         ELSE 'SELECT "date", user_email, tool, events FROM read_csv('''
              || replace(getvariable('stackscope_events'), '''', '''''')
              || ''', header = true, all_varchar = true)'
    END);

-- One clean row per event line: email trimmed and lower-cased, tool trimmed, the event's calendar day in
-- stackscope_tz (an offset in the text is honoured; a naive timestamp or bare date is taken in stackscope_tz).
-- Lines without a parsable date, an email or a tool are dropped (count them with the check at the end).
CREATE OR REPLACE TEMP VIEW stackscope_events_clean AS
SELECT
    CAST(TRY_CAST(trim("date") AS TIMESTAMPTZ) AS DATE) AS day,
    lower(trim(user_email)) AS user_email,
    trim(tool) AS tool,
    coalesce(TRY_CAST(trim(events) AS BIGINT), 0) AS events
FROM stackscope_raw;

CREATE OR REPLACE TEMP VIEW stackscope_rollup AS
SELECT
    min(tool) AS tool,                  -- 'Slack' and ' slack ' are one tool; the first spelling is kept
    user_email,
    max(day) AS last_active,
    min(day) AS first_seen,
    count(DISTINCT day) AS days_seen,
    sum(events) AS events
FROM stackscope_events_clean
WHERE day IS NOT NULL AND user_email <> '' AND tool <> ''
GROUP BY lower(tool), user_email;

COPY (SELECT tool, user_email, last_active, first_seen, days_seen, events
      FROM stackscope_rollup
      ORDER BY lower(tool), user_email)
TO (getvariable('stackscope_out')) (FORMAT csv, HEADER true);

-- What was read, dropped and written (printed by the CLI; ignored by scripts that do not fetch it).
SELECT
    count(*) AS input_rows,
    count(*) FILTER (WHERE day IS NULL OR user_email IS NULL OR user_email = '' OR tool IS NULL OR tool = '')
        AS dropped_rows,
    (SELECT count(*) FROM stackscope_rollup) AS rollup_rows,
    max(day) AS max_day
FROM stackscope_events_clean;
