#!/usr/bin/env python3
"""Builds the committed seed corpora fuzz/corpus/<target>/seed-* from tests/corpus/, tests/cases/*/input.*,
tests/fixtures/ and the demo company's exports (`cargo run -- demo --out DIR`, passed as the first argument).
Seeds are small (files over 16 KiB are cut to their first 60 lines) so the committed set stays well under 1 MB."""
import glob, os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
demo = sys.argv[1] if len(sys.argv) > 1 else None
SEP = b"\n@@FILE@@\n"

def small(path):
    data = open(path, "rb").read()
    if len(data) > 16384:
        data = b"\n".join(data.split(b"\n")[:60]) + b"\n"
    return data

def name(path):
    parts = os.path.relpath(path, root).replace(os.sep, "_")
    return parts.replace("tests_", "").replace("input.", "")

inputs = sorted(glob.glob(os.path.join(root, "tests/corpus/*")) + glob.glob(os.path.join(root, "tests/cases/*/input.*"))
                + glob.glob(os.path.join(root, "tests/fixtures/*.csv")))
inputs = [p for p in inputs if not p.endswith(".md")]
demos = sorted(glob.glob(os.path.join(demo, "*.csv"))) if demo else []

for target in ("ingest", "analysis"):
    os.makedirs(os.path.join(root, "fuzz/corpus", target), exist_ok=True)

for i, p in enumerate(inputs + demos):
    data = small(p)
    n = "demo_" + os.path.basename(p) if p in demos else name(p)
    # ingest: [flags, split_hi, split_lo] + bytes; no override, cut in the middle.
    cut = len(data) // 2
    open(os.path.join(root, "fuzz/corpus/ingest", "seed-" + n), "wb").write(bytes([0, cut >> 8 & 255, cut & 255]) + data)
    # analysis: [key] + one file.
    open(os.path.join(root, "fuzz/corpus/analysis", "seed-" + n), "wb").write(bytes([i & 255]) + data)

# A few overrides for ingest.
for flags, n in ((1, "tests/cases/utf8_bom_crlf"), (2 | 2 << 3, "tests/cases/windows1252_semicolon_comma_decimal"),
                 (4 | 4 << 3, "tests/cases/pipe_delimited_blank_lines")):
    p = glob.glob(os.path.join(root, n, "input.*"))[0]
    data = small(p)
    open(os.path.join(root, "fuzz/corpus/ingest", "seed-override%d-%s" % (flags, os.path.basename(n))), "wb").write(bytes([flags, 0, 7]) + data)

# Multi-file analysis seeds: contracts with usage, spend and values, as a real analysis gets them.
if demo:
    combos = [("contracts.csv", "slack_members.csv", "values.csv"),
              ("contracts.csv", "okta_current_assignments.csv", "ramp_transactions.csv"),
              ("quickbooks_transaction_detail.csv", "google_workspace_users.csv", "fx.csv"),
              ("contracts.csv", "google_workspace_users.csv", "ramp_transactions.csv")]
    for k, combo in enumerate(combos):
        data = SEP.join(small(os.path.join(demo, f)) for f in combo)
        open(os.path.join(root, "fuzz/corpus/analysis", "seed-combo%d" % k), "wb").write(bytes([k * 37 + 1]) + data)
