// Chart rendering in wasm, timed through the page's own API: a company with N tools (default 300, the most a
// chart draws) is generated as CSV exports, each file is read with two FileSessions as the page reads it, the
// Workspace analyses them, and each chart is drawn again and again with `Workspace.chart`. Also times the
// full analysis (reconcile, metrics, every chart) of the built-in demo company once its files are read.
// usage: node bench/charts.mjs [--tools 300] [--runs 15] [--out DIR (only write the generated files)]
// Prints one JSON line: { tools, runs, analysis_ms, charts: [{ name, median_ms, max_ms, bytes }], demo: {...} }
import fs from 'node:fs';
import { initSync, FileSession, Workspace } from '../pkg/stackscope.js';

initSync({ module: fs.readFileSync(new URL('../pkg/stackscope_bg.wasm', import.meta.url)) });

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const TOOLS = opt('--tools', 300);
const RUNS = opt('--runs', 15);
const AS_OF = '2026-11-20';
const CHARTS = ['spend_by_tool', 'seat_utilisation', 'spend_over_time', 'overlap_matrix',
  'cost_vs_utilisation', 'renewal_timeline', 'roi', 'spend_by_category'];

// A small deterministic generator (the same company every run).
let seed = 0x2545f491;
const rand = () => {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
};
const pick = (n) => Math.floor(rand() * n);

/** Rows of a CSV text (quoted fields, no embedded newlines needed here). */
function csvRows(text) {
  const rows = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const out = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; }
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { out.push(cell); cell = ''; }
      else cell += c;
    }
    out.push(cell);
    rows.push(out);
  }
  return rows;
}
const q = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const line = (cells) => cells.map(q).join(',') + '\n';
const iso = (days) => new Date(Date.UTC(2026, 10, 20) + days * 86400000).toISOString().slice(0, 10);

/** The company: real product names from the catalogue (so categories, vendors and overlaps are real). */
function company(n) {
  const catalogue = csvRows(fs.readFileSync(new URL('../data/catalogue.csv', import.meta.url), 'utf8'));
  const header = catalogue.shift();
  const col = (name) => header.indexOf(name);
  const tools = catalogue
    .filter((r) => r[col('spend_type')] === 'software')
    .slice(0, n)
    .map((r) => ({ tool: r[col('tool')], vendor: r[col('vendor')] }));
  if (tools.length < n) throw new Error(`the catalogue has only ${tools.length} software tools`);
  const people = Array.from({ length: 2000 }, (_, i) => `person${String(i).padStart(4, '0')}@bench.example`);

  let contracts = line(['Tool', 'Vendor', 'Seats', 'Annual cost', 'Currency', 'Start date', 'Renewal date',
    'Notice period (days)', 'Auto-renew', 'Owner']);
  let okta = line(['User', 'Login', 'Application name', 'Application instance', 'Application login',
    'Assigned on', 'Unassigned on', 'Last login']);
  let ramp = line(['Transaction Date', 'Clearing Date', 'Amount', 'User', 'Merchant Description', 'Merchant Name',
    'Ramp Category', 'Ramp Department', 'Card Last 4', 'Memo']);
  let values = line(['tool', 'value', 'period', 'note']);
  tools.forEach((t, i) => {
    const seats = 5 + pick(300);
    const annual = (seats * (60 + pick(900))).toFixed(2);
    const renewal = iso(-30 + pick(420));
    contracts += line([t.tool, t.vendor, seats, annual, 'USD', iso(-300 + pick(200)), renewal, [0, 30, 60, 90][pick(4)],
      rand() < 0.6 ? 'Yes' : 'No', 'Bench Owner']);
    // Accounts: a share of the seats, some never used, some idle, some active.
    const accounts = Math.max(1, Math.round(seats * (0.4 + rand() * 0.8)));
    for (let a = 0; a < accounts; a++) {
      const who = people[(i * 37 + a * 11) % people.length];
      const r = rand();
      const last = r < 0.15 ? '' : `${iso(-(r < 0.6 ? pick(25) : 30 + pick(200)))}T09:00:00.000Z`;
      okta += line([who.split('@')[0], who, t.tool.toLowerCase(), t.tool, who, `${iso(-400)}T10:00:00.000Z`, '', last]);
    }
    // Twelve monthly charges, paid by card.
    for (let m = 0; m < 12; m++) {
      const d = new Date(Date.UTC(2025, 11 + m, 3 + (i % 20))).toISOString().slice(0, 10);
      const us = `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;
      ramp += line([us, us, (Number(annual) / 12).toFixed(2), 'Bench Buyer', t.tool.toUpperCase(), t.tool,
        'SaaS / Software', 'Operations', '4242', `${t.tool} ${m + 1}`]);
    }
    if (i % 3 === 0) values += line([t.tool, Math.round(Number(annual) * (0.5 + rand() * 3)), 'annual', 'bench']);
  });
  return [
    ['contracts.csv', contracts],
    ['okta_current_assignments.csv', okta],
    ['ramp_transactions.csv', ramp],
    ['values.csv', values],
  ];
}

/** Reads one file the way the page does: a first reading decides the plan, a second extracts with it. */
function read(workspace, name, text) {
  const bytes = new TextEncoder().encode(text);
  const first = new FileSession(name, undefined);
  first.push(bytes);
  const plan = first.finishPlan();
  first.free();
  if (!plan) throw new Error(`${name}: unreadable`);
  const second = new FileSession(name, { plan });
  second.push(bytes);
  workspace.add(second);
  second.free();
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timeAnalysis(workspace, options) {
  const times = [];
  let result;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    result = workspace.analyze(options);
    times.push(performance.now() - t0);
  }
  return { result, median_ms: median(times), max_ms: Math.max(...times) };
}

const outIndex = args.indexOf('--out');
if (outIndex >= 0) {
  const dir = args[outIndex + 1];
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of company(TOOLS)) fs.writeFileSync(`${dir}/${name}`, text);
  process.exit(0);
}

// The generated company.
const workspace = new Workspace();
for (const [name, text] of company(TOOLS)) read(workspace, name, text);
const look = { width: 900, height: 560, top_n: TOOLS };
const options = { settings: { as_of: AS_OF }, charts: look };
const analysis = timeAnalysis(workspace, options);
const report = analysis.result.report;
const charts = CHARTS.map((name) => {
  const times = [];
  let svg = '';
  workspace.chart(name, look); // warm-up
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    svg = workspace.chart(name, look);
    times.push(performance.now() - t0);
  }
  const same = analysis.result.charts.find(([n]) => n === name)?.[1] === svg;
  return { name, median_ms: median(times), max_ms: Math.max(...times), bytes: svg.length, same_as_analysis: same };
});

// The demo company: its files read once, then the whole analysis (with every chart) timed.
const demo = new Workspace();
demo.load_demo();
const demoAnalysis = timeAnalysis(demo, { charts: {} });

process.stdout.write(JSON.stringify({
  tools: TOOLS,
  tools_in_report: report.tools.length,
  runs: RUNS,
  analysis_ms: analysis.median_ms,
  charts,
  demo: { tools: demoAnalysis.result.report.tools.length, median_ms: demoAnalysis.median_ms, max_ms: demoAnalysis.max_ms },
}) + '\n');
