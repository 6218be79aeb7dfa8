// The page: collects files, hands them to the worker, and shows what the Rust core found.
// Data from files is only ever inserted as text (textContent), never as HTML.

const $ = (id) => document.getElementById(id);
const dropzone = $('dropzone');
const input = $('file-input');
const list = $('files');
const status = $('status');

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const cards = new Map();
let nextId = 1;
let pending = 0;

worker.onmessage = (event) => {
  const msg = event.data;
  switch (msg.type) {
    case 'ready':
      $('version').textContent = `v${msg.version}`;
      break;
    case 'fatal':
      status.textContent = msg.message;
      break;
    case 'progress':
      showProgress(msg);
      break;
    case 'result':
      showFindings(msg.id, msg.findings);
      done();
      break;
    case 'error':
      showFailure(msg.id, `This file could not be read: ${msg.message}`);
      done();
      break;
  }
};
worker.onerror = (event) => {
  status.textContent = `The analysis engine stopped: ${event.message || 'unknown error'}. Reload the page to try again.`;
};

function done() {
  pending -= 1;
  status.textContent = pending > 0 ? `Reading ${pending} file(s)…` : 'All files read.';
  document.body.dataset.busy = pending > 0 ? 'true' : 'false';
}

function addFiles(files) {
  const arr = Array.from(files || []);
  if (arr.length === 0) return;
  $('no-files').hidden = true;
  for (const file of arr) {
    const id = nextId++;
    cards.set(id, makeCard(file));
    pending += 1;
    worker.postMessage({ type: 'inspect', id, file, options: null });
  }
  document.body.dataset.busy = 'true';
  status.textContent = `Reading ${pending} file(s)…`;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function makeCard(file) {
  const progress = el('progress', { max: String(Math.max(file.size, 1)), value: '0', 'aria-label': `Reading ${file.name}` });
  const card = el('li', { class: 'file-card', 'data-file': file.name },
    el('h3', {}, file.name),
    el('p', { class: 'muted progress-text' }, `Reading ${formatBytes(file.size)}…`),
    progress);
  list.append(card);
  return { card, progress, file };
}

function showProgress({ id, bytes, rows, total }) {
  const c = cards.get(id);
  if (!c) return;
  c.progress.value = bytes;
  c.card.querySelector('.progress-text').textContent =
    `Reading… ${formatBytes(bytes)} of ${formatBytes(total)}, ${rows.toLocaleString('en')} rows`;
}

function showFailure(id, message) {
  const c = cards.get(id);
  if (!c) return;
  c.card.replaceChildren(el('h3', {}, c.file.name), el('p', { class: 'file-error', role: 'alert' }, message));
  c.card.classList.add('failed');
  c.card.dataset.state = 'failed';
}

function showFindings(id, f) {
  const c = cards.get(id);
  if (!c) return;
  if (f.error) {
    showFailure(id, `${c.file.name} cannot be read: ${f.error.message}`);
    return;
  }
  const heading = el('h3', {}, f.file, el('span', { class: 'kind-badge', 'data-kind': f.kind }, kindLabel(f.kind)));
  const facts = el('ul', { class: 'facts' },
    fact('Encoding', `${f.encoding}${f.bom ? ' (with BOM)' : ''}`, 'encoding'),
    fact('Delimiter', delimiterLabel(f.delimiter), 'delimiter'),
    fact('Header row', `line ${f.header_line}`, 'header_line'),
    fact('Data rows', f.rows.toLocaleString('en'), 'rows'),
    fact('Used', f.rows_used.toLocaleString('en'), 'rows_used'),
    fact('Skipped', f.rows_skipped.toLocaleString('en'), 'rows_skipped'),
    fact('Format', f.format === 'generic' ? 'not a known export (read generically)' : f.format, 'format'));
  const table = el('table', { class: 'columns' },
    el('caption', { class: 'visually-hidden' }, `Columns of ${f.file}`),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Column'), el('th', { scope: 'col' }, 'Type'), el('th', { scope: 'col' }, 'Meaning'), el('th', { scope: 'col' }, 'Filled'))),
    el('tbody', {}, ...f.columns.map((col) => el('tr', {},
      el('td', { class: 'col-name' }, col.name),
      el('td', { class: 'type' }, col.type),
      el('td', {}, col.role ? col.role.replaceAll('_', ' ') : '—'),
      el('td', {}, `${col.filled.toLocaleString('en')} of ${(col.filled + col.blank).toLocaleString('en')}`)))));
  const parts = [heading, facts, table];
  if (f.diagnostics.length > 0) {
    const items = f.diagnostics.map((d) => el('li', { class: d.severity }, diagnosticText(d)));
    parts.push(el('details', { open: '' }, el('summary', {}, `${f.diagnostics.length} note(s) about this file`), el('ul', { class: 'diagnostics' }, ...items)));
  }
  c.card.replaceChildren(...parts);
  c.card.dataset.state = 'read';
}

function fact(label, value, key) {
  return el('li', { 'data-fact': key }, `${label}: `, el('b', {}, value));
}

function diagnosticText(d) {
  const where = d.line ? (d.column ? `Line ${d.line}, column ${d.column}: ` : `Line ${d.line}: `) : '';
  return `${where}${d.message}${d.raw ? ` — “${d.raw}”` : ''}`;
}

function kindLabel(kind) {
  return { spend: 'Spend', licences: 'Licences / contracts', usage: 'Usage', people: 'People', unknown: 'Unknown kind' }[kind] || kind;
}

function delimiterLabel(d) {
  return { ',': 'comma ( , )', ';': 'semicolon ( ; )', tab: 'tab', '|': 'pipe ( | )' }[d] || String(d);
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

// Drop, pick, keyboard.
dropzone.addEventListener('click', () => input.click());
dropzone.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    input.click();
  }
});
input.addEventListener('change', () => {
  addFiles(input.files);
  input.value = '';
});
for (const type of ['dragenter', 'dragover']) {
  dropzone.addEventListener(type, (e) => {
    e.preventDefault();
    dropzone.classList.add('dragover');
  });
}
for (const type of ['dragleave', 'drop']) {
  dropzone.addEventListener(type, () => dropzone.classList.remove('dragover'));
}
dropzone.addEventListener('drop', (e) => {
  e.preventDefault();
  addFiles(e.dataTransfer && e.dataTransfer.files);
});
// A file dropped outside the zone must not navigate away from the page.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());
