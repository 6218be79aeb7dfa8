#!/usr/bin/env python3
"""The usage rollup of docs/scale.md, end to end, on generated data.

1. Writes a deterministic raw event log (date,user_email,tool,events,feature) to a temp dir: 200k rows over 60
   days, 2k users, 20 tools, e-mails in mixed case with spaces, timestamps as bare dates, naive date-times and
   ISO 8601 with offsets, a few unusable lines.
2. Runs scale/rollup_duckdb.sql on it with the `duckdb` Python package (on the CSV and on a Parquet copy) and
   compares the rollup with a pure-Python aggregation of the same events.
3. Runs the native CLI on the rollup: `inspect --json` (kind, roles, rows) and `analyze --json` with a small
   licences file (per-tool active accounts, window 30 days to the latest date).

Run from anywhere with no arguments: python3 tests/scale/test_rollup.py
Needs: Python 3.11, the `duckdb` package (pip install duckdb), cargo (unless STACKSCOPE_BIN names a binary).
Prints `ok - name` / `not ok - name` per check and ends with `N passed, N failed`; exit status 1 on failure.
"""

import csv
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SQL = ROOT / "scale" / "rollup_duckdb.sql"
HEADER = ["tool", "user_email", "last_active", "first_seen", "days_seen", "events"]
EXPECTED_ROLES = {
    "tool": "tool",
    "user_email": "user_email",
    "last_active": "last_activity",
    "first_seen": None,
    "days_seen": None,
    "events": "events",
}
TOOLS = [
    "Slack", "Zoom", "Notion", "Figma", "Miro", "Asana", "GitHub", "Salesforce", "HubSpot", "Dropbox",
    "Airtable", "Loom", "Calendly", "Canva", "Trello", "Jira", "Confluence", "Linear", "Intercom", "Zendesk",
]
N_ROWS = 200_000
N_USERS = 2_000
DAYS = 60
START = dt.date(2026, 9, 1)
WINDOW = 30

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok - {name}")
    else:
        failed += 1
        print(f"not ok - {name}" + (f": {detail}" if detail else ""))
    sys.stdout.flush()
    return ok


def finish():
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


# ---------------------------------------------------------------------------------------------- generation


def generate(path):
    """Writes the raw event log; returns nothing (the reference re-reads the file, as DuckDB does)."""
    rng = random.Random(20261122)
    users = []
    for i in range(N_USERS):
        tools = rng.sample(TOOLS, rng.randint(2, 12))
        # A third of the people stopped using their tools early: inactive in the last 30 days.
        last_day = rng.randint(5, 25) if rng.random() < 0.33 else DAYS - 1
        users.append((f"user{i:04d}@example.com", tools, last_day))
    zones = [dt.timezone.utc, dt.timezone(dt.timedelta(hours=2)), dt.timezone(dt.timedelta(hours=-5)),
             dt.timezone(dt.timedelta(hours=5, minutes=30)), dt.timezone(dt.timedelta(hours=-8))]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "user_email", "tool", "events", "feature"])
        for n in range(N_ROWS):
            email, tools, last_day = users[rng.randrange(N_USERS)]
            tool = rng.choice(tools)
            day = START + dt.timedelta(days=rng.randint(0, last_day))
            style = rng.random()
            if style < 0.4:
                stamp = day.isoformat()
            elif style < 0.7:
                stamp = f"{day.isoformat()} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
            else:
                z = rng.choice(zones)
                t = dt.datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59), 0, tzinfo=z)
                stamp = t.isoformat()
                if z is dt.timezone.utc and rng.random() < 0.5:
                    stamp = stamp.replace("+00:00", "Z")
            r = rng.random()
            if r < 0.3:
                email = email.upper()
            elif r < 0.5:
                email = email.capitalize()
            if rng.random() < 0.2:
                email = f"  {email} "
            if rng.random() < 0.01:
                tool = f" {tool.lower()}"
            events = "" if rng.random() < 0.02 else str(rng.randint(1, 20))
            if n % 10_000 == 17:
                stamp = "n/a"  # unusable date: dropped
            if n % 10_000 == 23:
                email = "  "  # no person: dropped
            w.writerow([stamp, email, tool, events, rng.choice(["view", "edit", "message", "call"])])


def parse_day(text, tz):
    text = text.strip()
    try:
        t = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=tz)
    return t.astimezone(tz).date()


def reference(path, tz=dt.timezone.utc):
    """The rollup computed in plain Python: {(lower tool, email): {...}} and the dropped line count."""
    pairs = {}
    dropped = 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            day = parse_day(row["date"], tz)
            email = row["user_email"].strip().lower()
            tool = row["tool"].strip()
            if day is None or not email or not tool:
                dropped += 1
                continue
            try:
                events = int(row["events"].strip())
            except ValueError:
                events = 0
            k = (tool.lower(), email)
            p = pairs.get(k)
            if p is None:
                pairs[k] = {"tool": tool, "last": day, "first": day, "days": {day}, "events": events}
            else:
                p["tool"] = min(p["tool"], tool)
                p["last"] = max(p["last"], day)
                p["first"] = min(p["first"], day)
                p["days"].add(day)
                p["events"] += events
    return pairs, dropped


# ---------------------------------------------------------------------------------------------- DuckDB


def run_rollup(duckdb, events, out, tz=None):
    con = duckdb.connect()
    con.execute("SET VARIABLE stackscope_events = ?", [str(events)])
    con.execute("SET VARIABLE stackscope_out = ?", [str(out)])
    if tz:
        con.execute("SET VARIABLE stackscope_tz = ?", [tz])
    summary = con.execute(SQL.read_text(encoding="utf-8")).fetchone()
    con.close()
    return summary


def read_rollup(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def compare(name, rows, ref):
    got = {(r[0].lower(), r[1]): r for r in rows}
    check(f"{name}: one row per (tool, user)", len(got) == len(rows) and set(got) == set(ref),
          f"{len(rows)} rows, {len(got)} distinct, {len(ref)} expected")
    bad = {"last_active": 0, "first_seen": 0, "days_seen": 0, "events": 0, "tool spelling": 0}
    for k, p in ref.items():
        r = got.get(k)
        if r is None:
            continue
        bad["tool spelling"] += r[0] != p["tool"]
        bad["last_active"] += r[2] != p["last"].isoformat()
        bad["first_seen"] += r[3] != p["first"].isoformat()
        bad["days_seen"] += r[4] != str(len(p["days"]))
        bad["events"] += r[5] != str(p["events"])
    for field, n in bad.items():
        check(f"{name}: {field} matches the Python aggregation", n == 0, f"{n} pairs differ")
    users_sql = defaultdict(set)
    for (t, e) in got:
        users_sql[t].add(e)
    users_ref = defaultdict(set)
    for (t, e) in ref:
        users_ref[t].add(e)
    check(f"{name}: distinct users per tool match",
          {t: len(s) for t, s in users_sql.items()} == {t: len(s) for t, s in users_ref.items()})


# ---------------------------------------------------------------------------------------------- the CLI


def stackscope_bin():
    env = os.environ.get("STACKSCOPE_BIN")
    if env:
        return Path(env)
    exe = ROOT / "target" / "debug" / ("stackscope.exe" if os.name == "nt" else "stackscope")
    if not exe.exists():
        print("# building the CLI: cargo build", flush=True)
        subprocess.run(["cargo", "build", "--quiet", "--bin", "stackscope"], cwd=ROOT, check=True)
    return exe


def main():
    try:
        import duckdb
    except ImportError:
        print("stackscope scale test: the Python package 'duckdb' is missing; install it with: pip install duckdb",
              file=sys.stderr)
        check("duckdb Python package is installed (pip install duckdb)", False)
        finish()
    check(f"duckdb Python package is installed ({duckdb.__version__})", True)

    with tempfile.TemporaryDirectory(prefix="stackscope-scale-") as tmp:
        tmp = Path(tmp)
        events = tmp / "events.csv"
        generate(events)
        ref, dropped = reference(events)
        max_day = max(p["last"] for p in ref.values())

        # CSV input.
        rollup = tmp / "rollup.csv"
        summary = run_rollup(duckdb, events, rollup)
        check("rollup SQL runs on the CSV log", rollup.exists())
        check("summary: input rows", summary[0] == N_ROWS, str(summary))
        check("summary: dropped rows match the Python count", summary[1] == dropped, f"{summary[1]} vs {dropped}")
        check("summary: rollup rows", summary[2] == len(ref), f"{summary[2]} vs {len(ref)}")
        header, rows = read_rollup(rollup)
        check("rollup header", header == HEADER, ",".join(header))
        compare("csv", rows, ref)

        # Parquet input (the same events, typed columns as a warehouse would export them): identical output.
        parquet = tmp / "events.parquet"
        con = duckdb.connect()
        con.execute(f"COPY (SELECT * FROM read_csv('{events}', header = true, all_varchar = true)) "
                    f"TO '{parquet}' (FORMAT parquet)")
        con.close()
        rollup_pq = tmp / "rollup_parquet.csv"
        run_rollup(duckdb, parquet, rollup_pq)
        check("parquet input gives the same rollup byte for byte", rollup_pq.read_bytes() == rollup.read_bytes())

        # A reporting time zone moves events near midnight to another day.
        ny = dt.timezone(dt.timedelta(hours=-4))  # America/New_York in September-October 2026 (EDT)
        rollup_ny = tmp / "rollup_ny.csv"
        run_rollup(duckdb, events, rollup_ny, tz="America/New_York")
        ref_ny, _ = reference(events, ny)
        _, rows_ny = read_rollup(rollup_ny)
        got_ny = {(r[0].lower(), r[1]): r[2] for r in rows_ny}
        diff = sum(got_ny.get(k) != p["last"].isoformat() for k, p in ref_ny.items())
        check("stackscope_tz = America/New_York: last_active in New York days", diff == 0, f"{diff} pairs differ")

        # The native CLI reads the rollup as a usage file.
        try:
            exe = stackscope_bin()
        except (OSError, subprocess.CalledProcessError) as e:
            check("stackscope CLI is available (cargo build or STACKSCOPE_BIN)", False, str(e))
            finish()
        out = subprocess.run([str(exe), "inspect", str(rollup), "--json"], capture_output=True, text=True)
        check("inspect exits 0", out.returncode == 0, out.stderr.strip())
        try:
            info = json.loads(out.stdout)[0]
        except (ValueError, IndexError) as e:
            check("inspect prints JSON", False, str(e))
            finish()
        check("inspect: kind is usage", info.get("kind") == "usage", str(info.get("kind")))
        roles = {c["name"]: c.get("role") for c in info.get("columns", [])}
        check("inspect: roles tool/user_email/last_activity/events", roles == EXPECTED_ROLES, str(roles))
        check("inspect: rows = (tool, user) pairs", info.get("rows") == len(ref), f"{info.get('rows')} vs {len(ref)}")
        check("inspect: rows_skipped 0", info.get("rows_skipped") == 0, str(info.get("rows_skipped")))
        check("inspect: no diagnostics", not info.get("diagnostics"), json.dumps(info.get("diagnostics"))[:300])

        licences = tmp / "licences.csv"
        with open(licences, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["Tool", "Seats", "Annual cost", "Currency", "Renewal date"])
            for i, t in enumerate(TOOLS):
                w.writerow([t, 600 + 50 * i, f"{12000 + 1000 * i}.00", "USD", "2027-03-31"])
        out = subprocess.run([str(exe), "analyze", str(rollup), str(licences), "--as-of", max_day.isoformat(),
                              "--window", str(WINDOW), "--json"], capture_output=True, text=True)
        check("analyze exits 0", out.returncode == 0, out.stderr.strip()[:300])
        try:
            whole = json.loads(out.stdout)
            report = whole["report"]
        except (ValueError, KeyError, TypeError) as e:
            check("analyze prints JSON", False, str(e))
            finish()
        check("analyze: as_of is the latest event day", report.get("as_of") == max_day.isoformat(),
              f"{report.get('as_of')} vs {max_day}")
        start = max_day - dt.timedelta(days=WINDOW - 1)
        expected = defaultdict(int)
        assigned = defaultdict(int)
        for (t, _), p in ref.items():
            assigned[t] += 1
            expected[t] += p["last"] >= start
        tools = {t["tool"].lower(): t for t in report.get("tools", [])}
        missing = sorted(set(expected) - set(tools))
        check("analyze: every tool of the rollup is in the report", not missing, ", ".join(missing))
        wrong = [f"{t}: {tools[t].get('active')} vs {n}" for t, n in sorted(expected.items())
                 if t in tools and tools[t].get("active") != n]
        check(f"analyze: per-tool active (window {WINDOW} days to {max_day}) matches Python", not wrong,
              "; ".join(wrong[:5]))
        wrong = [f"{t}: {tools[t].get('assigned')} vs {n}" for t, n in sorted(assigned.items())
                 if t in tools and tools[t].get("assigned") != n]
        check("analyze: per-tool assigned = distinct users", not wrong, "; ".join(wrong[:5]))
        check("analyze: no diagnostics", not whole.get("diagnostics"), json.dumps(whole.get("diagnostics"))[:300])
        check("analyze: some accounts are inactive (the data has churned users)",
              sum(assigned.values()) > sum(expected.values()) > 0)

        # A warehouse export split into parts (BigQuery EXPORT DATA, Spark part files), each part with its
        # header: loading all the parts together gives the same per-tool figures as the single file.
        header, rows = read_rollup(rollup)
        parts = []
        for i in range(3):
            part = tmp / f"rollup-00000000000{i}.csv"
            with open(part, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(header)
                w.writerows(rows[i::3])
            parts.append(str(part))
        out = subprocess.run([str(exe), "analyze", *parts, str(licences), "--as-of", max_day.isoformat(),
                              "--window", str(WINDOW), "--json"], capture_output=True, text=True)
        try:
            split = {t["tool"].lower(): (t.get("active"), t.get("assigned"))
                     for t in json.loads(out.stdout)["report"]["tools"]}
        except (ValueError, KeyError, TypeError) as e:
            split = {"error": str(e)}
        whole_tools = {t: (v.get("active"), v.get("assigned")) for t, v in tools.items()}
        check("analyze: the rollup split in 3 part files gives the same active/assigned per tool",
              out.returncode == 0 and split == whole_tools,
              f"exit {out.returncode}; " + "; ".join(f"{t}: {split.get(t)} vs {whole_tools.get(t)}"
                                                     for t in sorted(set(split) | set(whole_tools))
                                                     if split.get(t) != whole_tools.get(t))[:300])

        # Nothing is lost: on a log Stackscope can read as it is (plain UTC dates, clean e-mails), analysing the
        # raw events and analysing their rollup give the same tools and summary.
        plain = tmp / "plain_events.csv"
        with open(events, newline="", encoding="utf-8") as f, open(plain, "w", newline="", encoding="utf-8") as g:
            w = csv.writer(g, lineterminator="\n")
            w.writerow(["date", "user_email", "tool", "events", "feature"])
            for row in csv.DictReader(f):
                day = parse_day(row["date"], dt.timezone.utc)
                email = row["user_email"].strip().lower()
                if day is not None and email:
                    w.writerow([day.isoformat(), email, row["tool"].strip(), row["events"], row["feature"]])
        plain_rollup = tmp / "plain_rollup.csv"
        run_rollup(duckdb, plain, plain_rollup)
        reports = []
        for f in (plain, plain_rollup):
            out = subprocess.run([str(exe), "analyze", str(f), str(licences), "--as-of", max_day.isoformat(),
                                  "--window", str(WINDOW), "--json"], capture_output=True, text=True)
            try:
                r = json.loads(out.stdout)["report"]
                keys = ("active", "assigned", "inactive", "never_active", "activity_unknown", "seat_utilisation")
                reports.append(({t["tool"]: [t.get(k) for k in keys] for t in r["tools"]}, r["summary"]))
            except (ValueError, KeyError, TypeError) as e:
                reports.append(str(e))
        check("analyze: raw event log and its rollup give the same per-tool figures",
              isinstance(reports[0], tuple) and reports[0][0] == reports[1][0] and len(reports[0][0]) == len(TOOLS),
              str(reports)[:300])
        check("analyze: raw event log and its rollup give the same summary",
              isinstance(reports[0], tuple) and reports[0][1] == reports[1][1], str(reports)[:300])
    finish()


if __name__ == "__main__":
    main()
