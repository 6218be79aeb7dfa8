// The page: collects files, hands them to the worker, and shows what the Rust core found and computed.
// Data from files is only ever inserted as text (textContent), never as HTML. Charts are SVG made by the core;
// they are parsed as XML and stripped of anything active before being shown.

const $ = (id) => document.getElementById(id);
// Reading large files in two parts on two cores: `?parts=1` always, `?parts=0` never; otherwise whenever the
// browser reports two cores or more (see engine.js).
const PARTS = new URLSearchParams(location.search).get('parts');
const state = {
  files: new Map(), // id → { file, card, findings, mapping }
  report: null,
  charts: [],
  diagnostics: [],
  nextId: 1,
  pending: 0,
  selfTested: false, // the #self-test-panic check has run
  pseudonymKey: randomKey(),
  sort: { key: 'annual_cost', dir: -1 },
  selectedTool: null,
  people: [], // rows of the people table, in the current sort order
  peopleSort: { key: 'name', dir: 1 },
  peopleLimit: 200,
};
let worker = startWorker();

function randomKey() {
  const a = new Uint32Array(2);
  crypto.getRandomValues(a);
  return a[0] * 2 ** 21 + (a[1] >>> 11); // a safe integer
}

// ---------- the worker ----------
function startWorker() {
  // The single-file build (opened from disk) runs the engine on the page; so does a browser without workers.
  if (window.STACKSCOPE_INLINE || typeof Worker === 'undefined') return startOnPage();
  try {
    const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    w.onmessage = (event) => onWorkerMessage(event.data);
    w.onerror = (event) => showCrash(event.message || 'the analysis engine stopped');
    return w;
  } catch (_) {
    return startOnPage();
  }
}

/** The engine on the page's own thread, behind the same message interface as the worker. */
function startOnPage() {
  const inline = window.STACKSCOPE_INLINE || {};
  const handler = import(inline.engineUrl || './engine.js').then(({ startEngine }) =>
    startEngine((msg) => setTimeout(() => onWorkerMessage(msg), 0), inline.wasm));
  document.body.dataset.engine = 'page';
  return {
    postMessage: (msg) => { handler.then((handle) => handle(msg)); },
    terminate: () => {},
  };
}

function showCrash(message) {
  $('crash').hidden = false;
  $('crash-message').textContent = `Something went wrong inside Stackscope: ${message}`;
  $('crash').dataset.details = `Stackscope ${$('version').textContent}\n${message}\n${navigator.userAgent}`;
  worker.terminate();
  worker = startWorker();
  for (const entry of state.files.values()) {
    if (entry.card.dataset.state === 'reading') markFailed(entry, 'Reading stopped because of the error above.');
  }
  state.pending = 0;
  // The restarted engine holds no file: no figure stays on screen that it could not recompute.
  $('dashboard').hidden = true;
  state.report = null;
  $('crash-reread').hidden = state.files.size === 0;
  setBusy();
}

$('crash-reread').addEventListener('click', () => {
  $('crash').hidden = true;
  const entries = [...state.files.values()];
  if (entries.some((e) => e.demo)) {
    worker.postMessage({ type: 'demo' });
    return;
  }
  for (const entry of entries) readAgain(entry, 'Reading again…');
});
$('crash-dismiss').addEventListener('click', () => { $('crash').hidden = true; });

// A support check anyone can run: `#self-test-panic` at the end of the address makes the core panic once, on
// purpose, to show what a crash looks like and that the page recovers (docs/reliability.md).
function selfTestPanic() {
  if (location.hash !== '#self-test-panic' || state.selfTested) return;
  state.selfTested = true;
  worker.postMessage({ type: 'self-test-panic' });
}
window.addEventListener('hashchange', () => {
  state.selfTested = false;
  selfTestPanic();
});

function onWorkerMessage(msg) {
  switch (msg.type) {
    case 'ready':
      $('version').textContent = `v${msg.version}`;
      selfTestPanic();
      break;
    case 'crash': showCrash(msg.message); break;
    case 'progress': showProgress(msg); break;
    case 'part': {
      // A large file's second half was read on another core: merged, or refused and read in order.
      const entry = state.files.get(msg.id);
      if (entry) entry.card.dataset.parts = msg.merged ? 'merged' : 'refused';
      break;
    }
    case 'file': {
      const entry = state.files.get(msg.id);
      if (entry) {
        entry.findings = msg.findings;
        showFindings(entry);
      }
      done();
      break;
    }
    case 'cancelled': {
      const entry = state.files.get(msg.id);
      if (entry) {
        entry.card.remove();
        state.files.delete(msg.id);
      }
      done();
      break;
    }
    case 'error': {
      const entry = state.files.get(msg.id);
      if (entry) markFailed(entry, `${entry.file.name} could not be read: ${msg.message}`);
      done();
      break;
    }
    case 'demo': showDemoFiles(msg.files); analyze(); break;
    case 'report': showReport(msg); break;
    case 'export': finishExport(msg); break;
  }
}

function done() {
  state.pending = Math.max(0, state.pending - 1);
  setBusy();
  if (state.pending === 0) analyze();
}

function setBusy() {
  document.body.dataset.busy = state.pending > 0 ? 'true' : 'false';
  $('status').textContent = state.pending > 0 ? `Reading ${state.pending} file(s)…` : (state.files.size ? 'All files read.' : '');
  $('no-files').hidden = state.files.size > 0;
  $('diagnostics-csv').hidden = state.files.size === 0;
}

// ---------- files ----------
function addFiles(list) {
  const files = Array.from(list || []);
  for (const file of files) {
    // The same name again replaces the earlier file.
    for (const [id, entry] of state.files) {
      if (entry.file.name === file.name) {
        entry.card.remove();
        state.files.delete(id);
      }
    }
    const id = state.nextId++;
    const entry = { id, file, card: null, findings: null, mapping: null };
    entry.card = makeCard(entry);
    state.files.set(id, entry);
    state.pending += 1;
    worker.postMessage({ type: 'add', id, file, options: optionsFor(entry), parts: PARTS });
  }
  setBusy();
}

function optionsFor(entry) {
  const o = {};
  // Limits from the settings: a file past them stops with a clear message.
  const f = $('settings').elements;
  const mb = parseFloat(f.max_mb.value);
  if (Number.isFinite(mb) && mb > 0) o.max_bytes = Math.round(mb * 1024 * 1024);
  const rows = parseInt(f.max_rows.value, 10);
  if (Number.isFinite(rows) && rows > 0) o.max_rows = rows;
  if (entry.mapping) o.mapping = entry.mapping;
  if (entry.encoding) o.encoding = entry.encoding;
  if (entry.delimiter) o.delimiter = entry.delimiter;
  return Object.keys(o).length ? o : null;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function makeCard(entry) {
  const { file, id } = entry;
  const progress = el('progress', { max: '100', value: '0', 'aria-label': `Reading ${file.name}` });
  const card = el('li', { class: 'file-card', 'data-file': file.name, 'data-state': 'reading' },
    el('h4', {}, file.name),
    el('p', { class: 'muted progress-text' }, `Reading ${formatBytes(file.size)}…`),
    el('div', { class: 'progress-row' }, progress,
      el('button', { type: 'button', class: 'cancel', onclick: () => worker.postMessage({ type: 'cancel', id }) }, 'Cancel')));
  $('files').append(card);
  entry.progress = progress;
  return card;
}

function showProgress({ id, phase, bytes, rows, total }) {
  const entry = state.files.get(id);
  if (!entry || !entry.progress) return;
  const share = total > 0 ? bytes / total : 1;
  // Each reading fills the bar: a plain usage log (the large files) is read once, and a second reading, when a
  // file needs one, says so.
  entry.progress.value = String(Math.round(share * 100));
  const what = phase === 1 ? 'Reading' : 'Second reading: extracting';
  entry.card.querySelector('.progress-text').textContent =
    `${what}… ${formatBytes(bytes)} of ${formatBytes(total)}, ${rows.toLocaleString('en')} rows`;
}

function markFailed(entry, message) {
  entry.card.replaceChildren(el('h4', {}, entry.file.name), el('p', { class: 'file-error', role: 'alert' }, message),
    el('div', { class: 'card-actions' }, removeButton(entry)));
  entry.card.classList.add('failed');
  entry.card.dataset.state = 'failed';
}

function removeButton(entry) {
  return el('button', { type: 'button', onclick: () => {
    worker.postMessage({ type: 'remove', name: entry.file.name });
    entry.card.remove();
    state.files.delete(entry.id);
    setBusy();
    analyze();
  } }, 'Remove');
}

const KIND_LABEL = { spend: 'Spend', licences: 'Licences / contracts', usage: 'Usage', people: 'People', exchange_rates: 'Exchange rates', values: 'Values', unknown: 'Unknown kind' };
const ROLES = ['tool', 'vendor', 'amount', 'currency', 'date', 'seats', 'price', 'contract_value', 'term_start', 'term_end', 'renewal_date', 'notice_period', 'auto_renew', 'billing_period', 'user_email', 'username', 'display_name', 'last_activity', 'events', 'status', 'ended_on', 'department', 'category', 'description', 'feature', 'rate', 'value'];

function showFindings(entry) {
  const f = entry.findings;
  if (f.error) {
    markFailed(entry, `${entry.file.name} cannot be read: ${f.error.message}`);
    return;
  }
  entry.card.classList.remove('failed');
  const facts = el('ul', { class: 'facts' },
    fact('Format', f.format === 'generic' ? 'generic' : f.format, 'format'),
    fact('Encoding', `${f.encoding}${f.bom ? ' + BOM' : ''}`, 'encoding'),
    fact('Delimiter', delimiterLabel(f.delimiter), 'delimiter'),
    fact('Header row', `line ${f.header_line}`, 'header_line'),
    fact('Rows', f.rows.toLocaleString('en'), 'rows'),
    fact('Used', f.rows_used.toLocaleString('en'), 'rows_used'),
    fact('Skipped', f.rows_skipped.toLocaleString('en'), 'rows_skipped'));
  const columns = el('table', { class: 'columns' },
    el('caption', { class: 'visually-hidden' }, `Columns of ${f.file}`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Column'), el('th', { scope: 'col' }, 'Type'), el('th', { scope: 'col' }, 'Meaning'))),
    el('tbody', {}, f.columns.map((c) => el('tr', {}, el('td', {}, c.name), el('td', { class: 'type' }, c.type), el('td', {}, c.role ? c.role.replaceAll('_', ' ') : '—')))));
  const notes = f.diagnostics.map((d) => el('li', { class: d.severity }, diagnosticText(d)));
  const details = el('details', {}, el('summary', {}, `Columns and ${f.diagnostics.length} note(s)`), columns,
    notes.length ? el('ul', { class: 'diagnostics' }, notes) : null);
  // Demo files live inside the engine; only real files can be read again with another mapping.
  const mappingButton = entry.demo ? null : el('button', { type: 'button', onclick: () => openMapping(entry, details) }, 'Change kind or columns');
  entry.card.replaceChildren(
    el('h4', {}, f.file, el('span', { class: 'kind-badge', 'data-kind': f.kind }, KIND_LABEL[f.kind] || f.kind)),
    facts, details, el('div', { class: 'card-actions' }, mappingButton, removeButton(entry)));
  entry.card.dataset.state = 'read';
  entry.progress = null;
}

function openMapping(entry, details) {
  details.open = true;
  if (details.querySelector('form.mapping')) return;
  const form = $('mapping-template').content.firstElementChild.cloneNode(true);
  const f = entry.findings;
  form.elements.kind.value = entry.mapping?.kind || '';
  form.elements.encoding.value = entry.encoding || '';
  form.elements.delimiter.value = entry.delimiter || '';
  const cols = form.querySelector('.mapping-columns');
  for (const c of f.columns) {
    const select = el('select', { name: `role:${c.name}`, 'aria-label': `Meaning of column ${c.name}` },
      el('option', { value: '' }, c.role ? `detected: ${c.role.replaceAll('_', ' ')}` : 'detected: none'),
      el('option', { value: 'ignored' }, 'ignore this column'),
      ROLES.map((r) => el('option', { value: r }, r.replaceAll('_', ' '))));
    select.value = entry.mapping?.roles?.[c.name] || '';
    cols.append(el('span', {}, c.name), select);
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const roles = {};
    for (const c of f.columns) {
      const v = form.elements[`role:${c.name}`].value;
      if (v) roles[c.name] = v;
    }
    const kind = form.elements.kind.value || null;
    entry.mapping = { kind, roles };
    entry.encoding = form.elements.encoding.value || null;
    entry.delimiter = form.elements.delimiter.value || null;
    readAgain(entry, 'Reading again with your mapping…');
  });
  details.append(form);
}

/** Reads a file of the list again (same card, same mapping and options). */
function readAgain(entry, text) {
  entry.card.dataset.state = 'reading';
  entry.card.classList.remove('failed');
  const progress = el('progress', { max: '100', value: '0', 'aria-label': `Reading ${entry.file.name}` });
  entry.progress = progress;
  entry.card.replaceChildren(el('h4', {}, entry.file.name), el('p', { class: 'muted progress-text' }, text),
    el('div', { class: 'progress-row' }, progress,
      el('button', { type: 'button', class: 'cancel', onclick: () => worker.postMessage({ type: 'cancel', id: entry.id }) }, 'Cancel')));
  state.pending += 1;
  setBusy();
  worker.postMessage({ type: 'add', id: entry.id, file: entry.file, options: optionsFor(entry), parts: PARTS });
}

function showDemoFiles(list) {
  for (const entry of state.files.values()) entry.card.remove();
  state.files.clear();
  for (const f of list) {
    const id = state.nextId++;
    const file = new File([], f.file);
    const entry = { id, file, card: null, findings: f, mapping: null, demo: true };
    entry.card = el('li', { class: 'file-card', 'data-file': f.file });
    $('files').append(entry.card);
    state.files.set(id, entry);
    showFindings(entry);
  }
  setBusy();
}

function fact(label, value, key) {
  return el('li', { 'data-fact': key }, `${label}: `, el('b', {}, value));
}

function diagnosticText(d) {
  const where = d.line ? (d.column ? `Line ${d.line}, column ${d.column}: ` : `Line ${d.line}: `) : '';
  // In pseudonymised mode raw cell values (names, emails) are not shown.
  const raw = d.raw && !$('pseudonymise').checked ? ` — “${d.raw}”` : '';
  return `${where}${d.message}${raw}`;
}

function delimiterLabel(d) {
  return { ',': 'comma', ';': 'semicolon', tab: 'tab', '|': 'pipe' }[d] || String(d);
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

// ---------- settings and analysis ----------
function parseLines(text, fn) {
  return (text || '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').map((x) => x.trim())).map(fn).filter(Boolean);
}

function analysisOptions() {
  const form = $('settings').elements;
  const num = (name, scale = 1) => {
    const v = parseFloat(form[name].value);
    return Number.isFinite(v) ? v / scale : undefined;
  };
  const settings = {
    as_of: form.as_of.value || null,
    window_days: Math.max(1, Math.round(num('window_days') ?? 30)),
    low_utilisation: num('low_utilisation', 100) ?? 0.2,
    overlap_threshold: num('overlap_threshold', 100) ?? 0.5,
    rightsizing_buffer: num('rightsizing_buffer') ?? 1.1,
    window_overrides: Object.fromEntries(parseLines(form.window_overrides.value, ([t, d]) => (t && Number.isFinite(+d) ? [t, Math.round(+d)] : null))),
    values: parseLines(form.values.value, ([tool, value, period]) => (tool && Number.isFinite(+value)
      ? { tool, value: +value, period: /month/i.test(period || '') ? 'monthly' : /one|once/i.test(period || '') ? 'one_off' : 'annual' } : null)),
  };
  const rates = Object.fromEntries(parseLines(form.rates.value, ([c, r]) => (c && Number.isFinite(+r) && +r > 0 ? [c.toUpperCase(), +r] : null)));
  const options = {
    settings,
    rates,
    currency: form.currency.value.trim() ? form.currency.value.trim().toUpperCase() : null,
    alias_rules: form.alias_rules.value.trim() ? form.alias_rules.value : null,
    charts: { theme: document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light', width: 900, height: 540 },
  };
  if ($('pseudonymise').checked) {
    const scale = num('scale_amounts') ?? 1;
    options.pseudonymise = { key: state.pseudonymKey, mask_vendors: form.mask_vendors.checked, scale_amounts: scale !== 1 ? scale : null };
  }
  return options;
}

let analyzeTimer = null;
function analyze() {
  clearTimeout(analyzeTimer);
  analyzeTimer = setTimeout(() => {
    if (state.files.size === 0) {
      $('dashboard').hidden = true;
      return;
    }
    worker.postMessage({ type: 'analyze', options: analysisOptions() });
  }, 150);
}

// ---------- the dashboard ----------
const fmtMoney = (v, c) => (v === null || v === undefined ? null : `${v.toLocaleString('en', { minimumFractionDigits: 0, maximumFractionDigits: 0 })} ${c}`);
const fmtPct = (v) => (v === null || v === undefined ? null : `${(v * 100).toFixed(1)} %`);
const orUnknown = (s) => (s === null || s === undefined ? el('span', { class: 'unknown' }, 'unknown') : s);

function showReport({ report, diagnostics, charts }) {
  state.report = report;
  state.charts = charts;
  state.diagnostics = diagnostics;
  $('dashboard').hidden = false;
  // A detail box opened on the previous report would show stale (and perhaps unmasked) names.
  $('tool-detail').hidden = true;
  $('tool-detail').replaceChildren();
  const c = report.currency;
  $('as-of-line').textContent = `As of ${report.as_of ?? 'unknown'} · activity window ${report.window_days} days · amounts in ${c}${$('pseudonymise').checked ? ' · pseudonymised' : ''}`;
  const s = report.summary;
  const e = report.explain || {};
  const tiles = [
    ['software_spend', 'Software spend', fmtMoney(s.software_spend, c), s.annualised_run_rate !== null ? `annualised ${fmtMoney(s.annualised_run_rate, c)}` : 'annualised: unknown'],
    ['wasted_spend', 'Wasted spend a year', fmtMoney(s.wasted_spend, c), 'idle, unassigned and orphaned seats'],
    ['seat_utilisation', 'Seat utilisation', fmtPct(s.seat_utilisation), `usage data covers ${fmtPct(s.usage_coverage) ?? 'unknown'} of paid seats`],
    ['tools', 'Tools', String(s.tools), `annual cost ${fmtMoney(s.annual_cost, c) ?? 'unknown'}`],
    ['overlap_groups', 'Overlapping groups', String(s.overlap_groups), 'tools doing the same job'],
    ['renewals_next_90_days', 'Renewals in 90 days', String(s.renewals_next_90_days), 'need a decision'],
    ['unmatched_spend', 'Unmatched spend', fmtMoney(s.unmatched_spend, c), 'vendors not yet mapped to a tool'],
    ['non_software_spend', 'Not software', fmtMoney(s.non_software_spend, c), 'advertising and other media'],
  ];
  $('tiles').replaceChildren(...tiles.map(([key, label, value, sub]) => el('div', { class: 'tile', 'data-tile': key },
    el('div', { class: 'label' }, label), el('div', { class: 'value' }, orUnknown(value)), el('div', { class: 'sub' }, sub),
    e[key] ? el('details', {}, el('summary', {}, 'How is this computed?'), el('p', {}, e[key])) : null)));

  $('recommendations').replaceChildren(...report.recommendations.slice(0, 12).map((r) => el('li', {},
    r.title, r.evidence ? el('details', {}, el('summary', {}, 'Evidence'), el('p', {}, typeof r.evidence === 'string' ? r.evidence : JSON.stringify(r.evidence))) : null)));
  if (report.recommendations.length === 0) $('recommendations').replaceChildren(el('li', { class: 'muted' }, 'Nothing to recommend from these files.'));

  showCharts(charts);
  showToolFilters(report);
  showToolsTable();
  showRenewals(report);
  showOverlaps(report);
  showSpend(report);
  const p = report.people || {};
  $('people-line').textContent = `${p.count ?? 0} people (${p.service_accounts ?? 0} service accounts and shared mailboxes not counted); joined by email ${p.joined_by_email ?? 0}, by username ${p.joined_by_username ?? 0}, by display name only ${p.joined_by_display_name ?? 0}; ${p.leavers_with_accounts ?? 0} leavers still hold accounts.`;
  preparePeople(report);
  showPeopleTable();
  table('leavers-table', [['Leaver', (x) => x.person], ['Status', (x) => x.status], ['Still holds', (x) => x.tools.join(', ')]], p.leavers || []);
  $('analysis-notes').replaceChildren(...diagnostics.map((d) => el('li', { class: d.severity }, diagnosticText(d))));
}

function sanitizeSvg(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  if (!svg || svg.nodeName !== 'svg') return null;
  for (const bad of svg.querySelectorAll('script, foreignObject, iframe, a')) bad.remove();
  for (const node of [svg, ...svg.querySelectorAll('*')]) {
    for (const attr of [...node.attributes]) {
      if (/^on/i.test(attr.name) || /javascript:/i.test(attr.value) || attr.name === 'style') node.removeAttribute(attr.name);
    }
  }
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  return document.importNode(svg, true);
}

const CHART_TITLES = { spend_by_tool: 'Spend by tool', seat_utilisation: 'Seat utilisation', spend_over_time: 'Spend over time', overlap_matrix: 'Overlap', cost_vs_utilisation: 'Cost vs utilisation', renewal_timeline: 'Renewals', roi: 'ROI', spend_by_category: 'Spend by category' };

function showCharts(charts) {
  $('charts').replaceChildren(...charts.map(([name, svgText]) => {
    const svg = sanitizeSvg(svgText);
    return el('figure', { class: 'chart', 'data-chart': name },
      svg || el('p', { class: 'muted' }, 'This chart could not be drawn.'),
      el('figcaption', {},
        el('button', { type: 'button', onclick: () => download(`${name}.svg`, 'image/svg+xml', svgText) }, `${CHART_TITLES[name] || name}: SVG`),
        el('button', { type: 'button', onclick: () => downloadPng(name, svgText) }, 'PNG')));
  }));
}

function showToolFilters(report) {
  const select = $('filter-category');
  const current = select.value;
  const cats = [...new Set(report.tools.map((t) => t.category).filter(Boolean))].sort();
  select.replaceChildren(el('option', { value: '' }, 'All'), ...cats.map((c) => el('option', { value: c }, c)));
  select.value = cats.includes(current) ? current : '';

  // Departments of the people holding each tool's accounts (docs/metrics.md); unknown is its own choice.
  const depts = $('filter-department');
  const was = depts.value;
  const names = new Set();
  let unknown = false;
  for (const t of report.tools) {
    for (const d of t.departments || []) {
      if (d.department === null) unknown = true;
      else names.add(d.department);
    }
  }
  const sorted = [...names].sort((a, b) => collator.compare(a, b));
  const options = [el('option', { value: '' }, 'All'), ...sorted.map((d) => el('option', { value: deptValue(d) }, d))];
  if (unknown) options.push(el('option', { value: deptValue(null) }, 'Department unknown'));
  depts.replaceChildren(...options);
  depts.value = options.some((o) => o.value === was) ? was : '';
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
/** The department filter's value for a department name (`null`: unknown), never equal for two departments. */
const deptValue = (d) => (d === null ? 'unknown' : `d:${d}`);
/** The tool's accounts held in the department chosen in the filter, or undefined. */
const inDepartment = (t, value) => (t.departments || []).find((d) => deptValue(d.department) === value);

const TOOL_COLUMNS = [
  ['tool', 'Tool', (t) => t.tool],
  ['category', 'Category', (t) => t.subcategory || t.category || ''],
  ['seats', 'Seats', (t) => t.seats, true],
  ['active', 'Active', (t) => t.active, true],
  ['seat_utilisation', 'Utilisation', (t) => (t.has_usage_data ? t.seat_utilisation : null), true, (v, t) => (t.has_usage_data ? fmtPct(v) : 'no usage data')],
  ['annual_cost', 'Annual cost', (t) => t.annual_cost, true, (v) => fmtMoney(v, state.report.currency)],
  ['wasted_spend', 'Wasted', (t) => t.wasted_spend, true, (v) => fmtMoney(v, state.report.currency)],
  ['cost_per_active_user', 'Per active user', (t) => t.cost_per_active_user, true, (v) => fmtMoney(v, state.report.currency)],
  ['cancel_by', 'Cancel by', (t) => t.cancel_by],
  ['roi', 'ROI', (t) => t.roi, true, (v) => fmtPct(v)],
];

/** The tools table's columns; with a department chosen, how many of each tool's accounts it holds. */
function toolColumns(dept) {
  if (!dept) return TOOL_COLUMNS;
  const label = $('filter-department').selectedOptions[0]?.textContent || 'department';
  return [...TOOL_COLUMNS.slice(0, 2),
    ['department_accounts', `Accounts in ${label}`, (t) => inDepartment(t, dept)?.accounts ?? null, true, (v, t) => {
      const d = inDepartment(t, dept);
      if (!d) return null;
      return d.active === null ? `${d.accounts} (activity unknown)` : `${d.accounts} (${d.active} active)`;
    }],
    ...TOOL_COLUMNS.slice(2)];
}

function showToolsTable() {
  const r = state.report;
  if (!r) return;
  const dept = $('filter-department').value;
  const columns = toolColumns(dept);
  const cat = $('filter-category').value;
  const st = $('filter-state').value;
  const text = $('filter-text').value.trim().toLowerCase();
  const horizon = r.as_of ? new Date(r.as_of) : null;
  let tools = r.tools.filter((t) => (!cat || t.category === cat) && (!dept || inDepartment(t, dept)) && (!text || t.tool.toLowerCase().includes(text)));
  if (st === 'idle') tools = tools.filter((t) => t.has_usage_data && t.seat_utilisation !== null && t.seat_utilisation < 0.5);
  if (st === 'no-usage') tools = tools.filter((t) => !t.has_usage_data);
  if (st === 'renewing' && horizon) tools = tools.filter((t) => t.renewal_date && (new Date(t.renewal_date) - horizon) / 864e5 <= 90);
  const col = columns.find((c) => c[0] === state.sort.key) || columns[0];
  tools.sort((a, b) => {
    const x = col[2](a);
    const y = col[2](b);
    if (x === y) return a.tool.localeCompare(b.tool);
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return (x < y ? -1 : 1) * state.sort.dir;
  });
  const head = el('tr', {}, columns.map(([key, label, , numeric]) => el('th', {
    scope: 'col', class: numeric ? 'n' : null,
    'aria-sort': state.sort.key === key ? (state.sort.dir > 0 ? 'ascending' : 'descending') : null,
  }, el('button', { type: 'button', onclick: () => {
    state.sort = { key, dir: state.sort.key === key ? -state.sort.dir : (numeric ? -1 : 1) };
    showToolsTable();
  } }, label))));
  const rows = tools.map((t) => el('tr', { class: 'selectable', tabindex: '0', 'data-tool': t.tool,
    onclick: () => showToolDetail(t), onkeydown: (e) => { if (e.key === 'Enter') showToolDetail(t); } },
  columns.map(([, , get, numeric, fmt]) => {
    const v = get(t);
    const shown = fmt ? fmt(v, t) : v;
    return el('td', { class: numeric ? 'n' : null }, orUnknown(shown === '' ? '' : shown));
  })));
  $('tools-table').replaceChildren(el('thead', {}, head), el('tbody', {}, rows.length ? rows
    : el('tr', {}, el('td', { colspan: String(columns.length), class: 'muted' }, 'No tool matches these filters.'))));
}

function showToolDetail(t) {
  const box = $('tool-detail');
  box.hidden = false;
  const explain = Object.entries(t.explain || {});
  box.replaceChildren(el('h4', {}, `${t.tool}: how each figure is computed`),
    el('dl', {}, explain.map(([k, v]) => [el('dt', {}, k.replaceAll('_', ' ')), el('dd', {}, v)])),
    el('button', { type: 'button', onclick: () => { box.hidden = true; } }, 'Close'));
  box.scrollIntoView({ block: 'nearest' });
}

// ---------- people ----------
// Tens of thousands of people: rows are prepared and sorted once per report (or sort change); filtering is one
// pass over prepared search text, and only the first `peopleLimit` matches are put in the page.
const PEOPLE_PAGE = 200;
const ACCOUNT_STATES = [['active', 'Active'], ['inactive', 'Inactive'], ['never_active', 'Never signed in'],
  ['activity_unknown', 'Activity unknown'], ['orphaned', 'Orphaned'], ['removed', 'Removed']];

const PEOPLE_COLUMNS = [
  ['name', 'Name', (r) => r.name],
  ['email', 'Email or username', (r) => r.email],
  ['department', 'Department', (r) => r.p.department],
  ['left', 'Left', (r) => r.left],
  ['files', 'Files', (r) => r.files],
  ['tools', 'Tools (account state)', (r) => r.held, true], // sorted as a number: most accounts first
];

function preparePeople(report) {
  const list = (report.people && report.people.list) || [];
  state.people = list.map((p) => {
    const a = p.accounts || {};
    const count = (k) => (a[k] ? a[k].length : 0);
    const name = p.display_name || p.person;
    const email = p.email || p.username || '';
    const left = p.leaver ? `left (${p.status})` : (p.service_account ? 'service account' : '');
    const files = (p.sources || []).join(', ');
    const tools = ACCOUNT_STATES.flatMap(([k]) => a[k] || []);
    return {
      p, name, email, left, files,
      held: tools.length - count('removed'),
      idle: count('inactive') + count('never_active') + count('orphaned') > 0,
      search: [name, p.person, email, p.department || '', files, left, tools.join(' ')].join('\n').toLowerCase(),
    };
  });
  sortPeople();
}

function sortPeople() {
  const col = PEOPLE_COLUMNS.find((c) => c[0] === state.peopleSort.key) || PEOPLE_COLUMNS[0];
  const get = col[2];
  const { dir } = state.peopleSort;
  state.people.sort((a, b) => {
    const x = get(a);
    const y = get(b);
    const blank = (v) => v === null || v === undefined || v === '';
    if (blank(x) || blank(y)) {
      if (blank(x) && blank(y)) return collator.compare(a.name, b.name);
      return blank(x) ? 1 : -1; // unknown last, whichever the direction
    }
    const c = typeof x === 'number' ? x - y : collator.compare(x, y);
    return c * dir || collator.compare(a.name, b.name);
  });
}

function matchingPeople() {
  const words = $('people-filter').value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const show = $('people-show').value;
  return state.people.filter((r) => (show === '' || (show === 'leavers' && r.p.leaver) || (show === 'idle' && r.idle)
    || (show === 'service' && r.p.service_account)) && words.every((w) => r.search.includes(w)));
}

function accountsCell(p) {
  const a = p.accounts || {};
  const parts = ACCOUNT_STATES.filter(([k]) => a[k] && a[k].length)
    .map(([k, label]) => el('span', { class: 'acct', 'data-state': k }, el('b', {}, `${label}:\u00a0`), a[k].join(', ')));
  return parts.length ? parts : el('span', { class: 'muted' }, 'no account');
}

function showPeopleTable() {
  const rows = matchingPeople();
  const shown = rows.slice(0, state.peopleLimit);
  const total = state.people.length;
  const n = (x) => x.toLocaleString('en');
  $('people-count').textContent = `${rows.length === total ? `All ${n(total)} listed (service accounts included)` : `${n(rows.length)} of ${n(total)} match`}`
    + `${shown.length < rows.length ? `; showing the first ${n(shown.length)}` : ''}.`;
  const head = el('tr', {}, PEOPLE_COLUMNS.map(([key, label, , numeric]) => el('th', {
    scope: 'col',
    'aria-sort': state.peopleSort.key === key ? (state.peopleSort.dir > 0 ? 'ascending' : 'descending') : null,
  }, el('button', { type: 'button', onclick: () => {
    state.peopleSort = { key, dir: state.peopleSort.key === key ? -state.peopleSort.dir : (numeric ? -1 : 1) };
    sortPeople();
    showPeopleTable();
  } }, label))));
  const body = shown.map((r) => el('tr', { 'data-person': r.p.person },
    el('td', {}, r.name),
    el('td', {}, r.email || el('span', { class: 'unknown' }, 'unknown')),
    el('td', {}, orUnknown(r.p.department)),
    el('td', {}, r.left),
    el('td', { class: 'in-files' }, r.files),
    el('td', { class: 'accounts' }, accountsCell(r.p))));
  $('people-table').replaceChildren(el('thead', {}, head), el('tbody', {}, body.length ? body
    : el('tr', {}, el('td', { colspan: String(PEOPLE_COLUMNS.length), class: 'muted' }, total ? 'No one matches.' : 'No people in these files.'))));
  const more = $('people-more');
  more.hidden = shown.length >= rows.length;
  more.textContent = `Show ${n(Math.min(PEOPLE_PAGE, rows.length - shown.length))} more`;
}

function table(id, columns, rows) {
  $(id).replaceChildren(
    el('thead', {}, el('tr', {}, columns.map(([label, , numeric]) => el('th', { scope: 'col', class: numeric ? 'n' : null }, label)))),
    el('tbody', {}, rows.length ? rows.map((r) => el('tr', {}, columns.map(([, get, numeric]) => el('td', { class: numeric ? 'n' : null }, orUnknown(get(r))))))
      : el('tr', {}, el('td', { colspan: String(columns.length), class: 'muted' }, 'None.'))));
}

function showRenewals(r) {
  const c = r.currency;
  table('renewals-table', [
    ['Tool', (x) => x.tool], ['Renews', (x) => x.renewal_date], ['Cancel by', (x) => x.cancel_by],
    ['Days left', (x) => (x.days_until_cancel_by ?? null), true], ['Auto-renew', (x) => (x.auto_renew === null ? null : x.auto_renew ? 'yes' : 'no')],
    ['Annual cost', (x) => fmtMoney(x.annual_cost, c), true], ['Suggested', (x) => x.explain],
  ], r.renewals);
}

function showOverlaps(r) {
  const c = r.currency;
  const rows = [...r.overlap.consolidation.map((x) => ({ ...x, kind: 'consolidate' }))];
  table('overlap-table', [
    ['Move', (x) => `${x.from} → ${x.into}`], ['Category', (x) => x.subcategory], ['People moving', (x) => x.users_moving, true],
    ['Overlap', (x) => fmtPct(x.overlap_coefficient), true], ['Saving a year', (x) => fmtMoney(x.saving, c), true], ['Why', (x) => x.explain],
  ], rows);
}

function showSpend(r) {
  const c = r.currency;
  table('spend-table', [['Tool', (x) => x.key ?? 'unknown'], ['Amount', (x) => fmtMoney(x.amount, c), true], ['Lines', (x) => x.lines, true]], r.spend.by_tool);
  table('unmatched-table', [['Vendor', (x) => x.vendor], ['Amount', (x) => fmtMoney(x.amount, c), true], ['Lines', (x) => x.lines, true],
    ['Could be', (x) => (x.ambiguous_between.length ? x.ambiguous_between.join(', ') : x.suggestions.join(', '))]], r.spend.unmatched);
  table('nonsoftware-table', [['Payee', (x) => x.vendor], ['Kind', (x) => x.class], ['Amount', (x) => fmtMoney(x.amount, c), true], ['Lines', (x) => x.lines, true]], r.spend.non_software);
}

// ---------- exports ----------
function download(name, mime, text) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function downloadPng(name, svgText) {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  img.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth * 2;
    canvas.height = img.naturalHeight * 2;
    const ctx = canvas.getContext('2d');
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0);
    URL.revokeObjectURL(url);
    canvas.toBlob((blob) => {
      const u = URL.createObjectURL(blob);
      const a = el('a', { href: u, download: `${name}.png` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(u), 10000);
    }, 'image/png');
  };
  img.src = url;
}

function finishExport({ format, table: t, text }) {
  if (format === 'html') download('stackscope-report.html', 'text/html', text);
  else if (format === 'json') download('stackscope-report.json', 'application/json', text);
  else if (format === 'diagnostics') download('stackscope-notes.csv', 'text/csv', text);
  else download(`stackscope-${t}.csv`, 'text/csv', text);
}

// ---------- wiring ----------
const dropzone = $('dropzone');
const input = $('file-input');
dropzone.addEventListener('click', () => input.click());
dropzone.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    input.click();
  }
});
$('folder-button').addEventListener('click', () => $('folder-input').click());
$('folder-input').addEventListener('change', () => {
  // Only the CSV-like files of the folder.
  addFiles(Array.from($('folder-input').files).filter((f) => /\.(csv|txt|tsv)$/i.test(f.name)));
  $('folder-input').value = '';
});
input.addEventListener('change', () => {
  addFiles(input.files);
  input.value = '';
});
for (const type of ['dragenter', 'dragover']) dropzone.addEventListener(type, (e) => { e.preventDefault(); dropzone.classList.add('dragover'); });
for (const type of ['dragleave', 'drop']) dropzone.addEventListener(type, () => dropzone.classList.remove('dragover'));
dropzone.addEventListener('drop', (e) => {
  e.preventDefault();
  addFiles(e.dataTransfer && e.dataTransfer.files);
});
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

$('demo-button').addEventListener('click', () => worker.postMessage({ type: 'demo' }));
$('theme-button').addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme !== 'dark';
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  $('theme-button').setAttribute('aria-pressed', String(dark));
  $('theme-button').textContent = dark ? 'Light theme' : 'Dark theme';
  analyze();
});
$('pseudonymise').addEventListener('change', () => {
  for (const entry of state.files.values()) if (entry.findings && entry.card.dataset.state === 'read') showFindings(entry);
  analyze();
});
$('settings').addEventListener('input', () => {
  analyze();
  rememberSettings();
});
$('settings').addEventListener('submit', (e) => e.preventDefault());
for (const id of ['filter-category', 'filter-department', 'filter-state', 'filter-text']) $(id).addEventListener('input', showToolsTable);
let peopleTimer = null;
for (const id of ['people-filter', 'people-show']) {
  $(id).addEventListener('input', () => {
    clearTimeout(peopleTimer);
    peopleTimer = setTimeout(() => {
      state.peopleLimit = PEOPLE_PAGE;
      showPeopleTable();
    }, 120);
  });
}
$('people-more').addEventListener('click', () => {
  state.peopleLimit += PEOPLE_PAGE;
  showPeopleTable();
});
for (const b of document.querySelectorAll('[data-export]')) {
  b.addEventListener('click', () => worker.postMessage({ type: 'export', format: b.dataset.export, table: b.dataset.table }));
}
$('diagnostics-csv').addEventListener('click', () => worker.postMessage({ type: 'diagnostics' }));
$('download-aliases').addEventListener('click', () => download('stackscope-aliases.csv', 'text/csv', $('settings').elements.alias_rules.value || 'match,action,tool,category,subcategory\n'));
$('crash-copy').addEventListener('click', () => navigator.clipboard?.writeText($('crash').dataset.details || ''));

// Settings are remembered only when asked, and never the data.
const SETTINGS_KEY = 'stackscope.settings';
function rememberSettings() {
  if (!$('remember').checked) {
    localStorage.removeItem(SETTINGS_KEY);
    return;
  }
  const form = $('settings').elements;
  const saved = {};
  for (const name of ['window_days', 'low_utilisation', 'overlap_threshold', 'rightsizing_buffer', 'currency', 'window_overrides', 'rates', 'alias_rules']) saved[name] = form[name].value;
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(saved));
}
$('remember').addEventListener('change', rememberSettings);
try {
  const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) || 'null');
  if (saved) {
    $('remember').checked = true;
    for (const [k, v] of Object.entries(saved)) if ($('settings').elements[k]) $('settings').elements[k].value = v;
  }
} catch (_) { /* storage unavailable: nothing remembered */ }
if (matchMedia('(prefers-color-scheme: dark)').matches) $('theme-button').click();
setBusy();
