/**
 * The dashboard: one self-contained HTML page (no CDN, no build step) that polls
 * `{base}/api/status` and draws every worker's state, runs, last and next run, duration, last
 * error and recent runs, with trigger / pause / resume buttons when the status says the viewer may
 * act. Every name and message reaches the page as data and is put in with `textContent`, never as
 * markup; the Content-Security-Policy lets only the page's own nonce-tagged script run, so even a
 * mistake there would run no injected script.
 * @module
 */

/** What the page needs from the server, put in as JSON (with `<` escaped, so it cannot close its tag). */
export interface PageConfig {
  readonly base: string;
  readonly title: string;
  readonly refreshMs: number;
}

/** Text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const STYLE = `
:root { color-scheme: light dark; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #6e7781; --line: #d0d7de; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; }
h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
#summary { margin: 0 0 1rem; }
#summary.ok { color: var(--ok); } #summary.failing, #summary.stopped, #summary.offline { color: var(--bad); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.state { font-weight: 600; } .state.running { color: var(--ok); } .state.paused { color: var(--warn); }
.state.stopped, .state.disabled { color: var(--muted); }
tr.unhealthy td:first-child { border-left: 4px solid var(--bad); }
.problem { color: var(--bad); display: block; }
.error { color: var(--bad); font-family: ui-monospace, monospace; white-space: pre-wrap; word-break: break-word; }
.runs { display: flex; gap: 2px; align-items: flex-end; height: 18px; }
.runs span { width: 6px; height: 100%; background: var(--ok); display: inline-block; }
.runs span.failure, .runs span.timeout, .runs span.lease-lost { background: var(--bad); }
.runs span.aborted, .runs span.cancelled { background: var(--muted); }
button { margin-right: .25rem; }
td[data-field=actions], td[data-field=lastRunAt], td[data-field=nextRunAt] { white-space: nowrap; }
footer { margin-top: 1rem; color: var(--muted); }
`;

// Plain browser JavaScript, run as it is: no framework, no build step.
const SCRIPT = `
const config = JSON.parse(document.getElementById("config").textContent);
const rows = new Map();
const body = document.querySelector("#workers tbody");
const summary = document.getElementById("summary");
const updated = document.getElementById("updated");
const span = (s) => s < 60 ? s + " s" : s < 3600 ? Math.round(s / 60) + " min" : Math.floor(s / 3600) + " h " + Math.round((s % 3600) / 60) + " min";
const ago = (iso) => {
  if (iso === null) return "–";
  const s = Math.round((Date.parse(iso) - Date.now()) / 1000);
  return s === 0 ? "now" : s < 0 ? span(-s) + " ago" : "in " + span(s);
};
const ms = (n) => n === null ? "–" : n < 1000 ? n.toFixed(1) + " ms" : (n / 1000).toFixed(2) + " s";
function cell(row, field, cls) {
  const td = document.createElement("td");
  td.dataset.field = field;
  if (cls) td.className = cls;
  row.appendChild(td);
  return td;
}
async function act(name, action, button) {
  button.disabled = true;
  try {
    const response = await fetch(config.base + "/api/workers/" + encodeURIComponent(name) + "/" + action, { method: "POST" });
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      summary.textContent = action + " " + name + ": " + response.status + " " + (answer.error || "");
    }
  } finally {
    button.disabled = false;
    refresh();
  }
}
function rowOf(name) {
  let row = rows.get(name);
  if (row) return row;
  const tr = document.createElement("tr");
  tr.dataset.worker = name;
  row = { tr, cells: {} };
  for (const [field, cls] of [["name"], ["state", "state"], ["runs", "num"], ["failures", "num"], ["lastRunAt"], ["duration", "num"], ["nextRunAt"], ["recent"], ["lastError"], ["actions"]]) {
    row.cells[field] = cell(tr, field, cls);
  }
  row.bars = document.createElement("div");
  row.bars.className = "runs";
  row.cells.recent.appendChild(row.bars);
  body.appendChild(tr);
  rows.set(name, row);
  return row;
}
function render(status) {
  summary.className = status.status;
  summary.textContent = status.status === "ok" ? "All workers healthy" : status.status === "stopped" ? "The manager is not running" : "Unhealthy: " +
    status.workers.filter((w) => !w.healthy).map((w) => w.name + " (" + w.problem + ")").join(", ");
  const seen = new Set();
  for (const w of status.workers) {
    seen.add(w.name);
    const row = rowOf(w.name);
    const c = row.cells;
    row.tr.className = w.healthy ? "" : "unhealthy";
    c.name.textContent = w.name;
    if (w.problem !== null) {
      const p = document.createElement("span");
      p.className = "problem";
      p.textContent = w.problem;
      c.name.appendChild(p);
    }
    c.state.textContent = w.state;
    c.state.className = "state " + w.state;
    c.runs.textContent = String(w.runs);
    c.failures.textContent = String(w.failures);
    c.lastRunAt.textContent = ago(w.lastRunAt);
    c.lastRunAt.title = w.lastRunAt || "";
    c.duration.textContent = ms(w.lastDurationMs);
    c.nextRunAt.textContent = ago(w.nextRunAt);
    c.nextRunAt.title = w.nextRunAt || "";
    c.lastError.textContent = w.lastError === null ? "" : w.lastError.name + ": " + w.lastError.message;
    c.lastError.className = "error";
    row.bars.replaceChildren(...w.recent.map((r) => {
      const bar = document.createElement("span");
      bar.className = r.outcome;
      bar.title = "#" + r.run + " " + r.outcome + " " + ms(r.durationMs) + (r.error ? " " + r.error.name + ": " + r.error.message : "");
      return bar;
    }));
    if (status.actions) {
      if (c.actions.childElementCount === 0) {
        for (const action of ["trigger", "pause", "resume"]) {
          const button = document.createElement("button");
          button.type = "button";
          button.dataset.action = action;
          button.textContent = action;
          button.addEventListener("click", () => act(w.name, action, button));
          c.actions.appendChild(button);
        }
      }
      // A paused worker refuses a trigger: resume it first.
      c.actions.querySelector("[data-action=trigger]").hidden = w.state === "paused";
      c.actions.querySelector("[data-action=pause]").hidden = w.state === "paused";
      c.actions.querySelector("[data-action=resume]").hidden = w.state !== "paused";
    } else {
      c.actions.replaceChildren();
    }
  }
  for (const [name, row] of rows) if (!seen.has(name)) (row.tr.remove(), rows.delete(name));
  document.getElementById("actions-head").hidden = !status.actions;
  for (const row of rows.values()) row.cells.actions.hidden = !status.actions;
  updated.textContent = "updated " + new Date(status.checkedAt).toLocaleTimeString();
}
let timer;
async function refresh() {
  clearTimeout(timer);
  try {
    const response = await fetch(config.base + "/api/status", { cache: "no-store" });
    render(await response.json());
  } catch (error) {
    summary.className = "offline";
    summary.textContent = "Cannot reach the server: " + error;
  }
  timer = setTimeout(refresh, config.refreshMs);
}
refresh();
`;

/** The page, with the script and style tagged by `nonce`. */
export function dashboardPage(config: PageConfig, nonce: string): string {
  const data = JSON.stringify(config).replace(/</g, "\\u003c");
  const title = escapeHtml(config.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<h1>${title}</h1>
<p id="summary">Loading…</p>
<table id="workers">
<thead><tr><th>Worker</th><th>State</th><th>Runs</th><th>Failures</th><th>Last run</th><th>Duration</th><th>Next run</th><th>Recent runs</th><th>Last error</th><th id="actions-head" hidden>Actions</th></tr></thead>
<tbody></tbody>
</table>
<footer id="updated"></footer>
<script type="application/json" id="config">${data}</script>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

/** The Content-Security-Policy of the page: its own script and style, requests to its own origin. */
export function dashboardPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
