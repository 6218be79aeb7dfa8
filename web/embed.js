// <stackscope-chart>: one Stackscope chart on any page of your intranet, drawn from CSV files on the same
// site, with nothing sent anywhere. Include this file from a copy of Stackscope's dist/ folder:
//
//   <script type="module" src="/stackscope/embed.js"></script>
//   <stackscope-chart chart="seat_utilisation" src="/exports/contracts.csv /exports/okta.csv"></stackscope-chart>
//   <stackscope-chart chart="spend_by_tool" demo></stackscope-chart>
//
// Attributes: chart (spend_by_tool, spend_by_category, seat_utilisation, spend_over_time, overlap_matrix,
// cost_vs_utilisation, renewal_timeline, roi), src (space-separated same-origin CSV URLs) or demo, theme
// (light|dark), width, height, window (activity window in days), as-of (YYYY-MM-DD). See docs/embedding.md.
import init, { FileSession, Workspace } from './pkg/stackscope.js';

let ready = null;
const engine = () => (ready ??= init());

async function readInto(workspace, name, bytes) {
  const first = new FileSession(name, undefined);
  first.push(bytes);
  first.finish();
  const plan = first.plan();
  first.free();
  if (!plan) return;
  const second = new FileSession(name, { plan });
  second.push(bytes);
  workspace.add(second);
  second.free();
}

function sanitize(svgText) {
  const svg = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
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

class StackscopeChart extends HTMLElement {
  static get observedAttributes() { return ['chart', 'src', 'demo', 'theme', 'width', 'height', 'window', 'as-of']; }

  connectedCallback() { this.render(); }

  attributeChangedCallback() { if (this.isConnected) this.render(); }

  async render() {
    const token = (this._token = {});
    this.setAttribute('aria-busy', 'true');
    try {
      await engine();
      const workspace = new Workspace();
      if (this.hasAttribute('demo')) {
        workspace.load_demo();
      } else {
        for (const url of (this.getAttribute('src') || '').split(/\s+/).filter(Boolean)) {
          const resolved = new URL(url, document.baseURI);
          if (resolved.origin !== location.origin) throw new Error(`${url} is not on this site; Stackscope only reads same-origin files`);
          const res = await fetch(resolved, { credentials: 'same-origin' });
          if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
          await readInto(workspace, resolved.pathname.split('/').pop() || 'file.csv', new Uint8Array(await res.arrayBuffer()));
        }
      }
      const settings = {};
      if (this.getAttribute('window')) settings.window_days = Number(this.getAttribute('window'));
      if (this.getAttribute('as-of')) settings.as_of = this.getAttribute('as-of');
      const result = workspace.analyze({
        settings,
        charts: {
          theme: this.getAttribute('theme') === 'dark' ? 'dark' : 'light',
          width: Number(this.getAttribute('width')) || 900,
          height: Number(this.getAttribute('height')) || 540,
        },
      });
      workspace.free();
      if (token !== this._token) return;
      const name = this.getAttribute('chart') || 'spend_by_tool';
      const found = result.charts.find(([n]) => n === name);
      if (!found) throw new Error(`no chart named ${name}`);
      const svg = sanitize(found[1]);
      this.replaceChildren(svg || document.createTextNode('This chart could not be drawn.'));
    } catch (err) {
      if (token !== this._token) return;
      const p = document.createElement('p');
      p.textContent = `Stackscope: ${err && err.message ? err.message : err}`;
      this.replaceChildren(p);
    } finally {
      if (token === this._token) this.removeAttribute('aria-busy');
    }
  }
}

customElements.define('stackscope-chart', StackscopeChart);
