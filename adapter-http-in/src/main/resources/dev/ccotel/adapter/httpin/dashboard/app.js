// ccotel's dashboard: the local record as pictures. Every figure comes from the daemon's JSON API, which
// is the report use cases' own output (the same as `ccotel report --json`). No build step, no CDN: uPlot
// comes from its WebJar in the jar. Text is always set with textContent: prompt text may hold markup.
'use strict';

const $ = (s) => document.querySelector(s);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
};
const money = (usd) => '$' + (usd > 0 && usd < 0.1 ? usd.toFixed(3) : usd.toFixed(2));
const count = (n) => Number(n).toLocaleString('en-US');
const plural = (n, word) => count(n) + ' ' + word + (Number(n) === 1 ? '' : 's');
const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const palette = () => ['--s1', '--s2', '--s3', '--s4', '--s5', '--s6'].map(css);

async function get(path) {
  const r = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!r.ok) throw new Error(path + ': ' + r.status + ' ' + (await r.text()));
  return r.json();
}

/** YYYY-MM-DD, `days` before the day `iso`. */
function daysBefore(iso, days) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
/** The days from `since` to `until`, both included. */
function dayRange(since, until) {
  const out = [];
  for (let d = since; d <= until; d = daysBefore(d, -1)) out.push(d);
  return out;
}
/** Local midnight of a YYYY-MM-DD day, in seconds, for uPlot's time axis. */
const dayTime = (iso) => { const [y, m, d] = iso.split('-').map(Number); return new Date(y, m - 1, d).getTime() / 1000; };

const charts = {};
function draw(id, opts, data) {
  const box = document.getElementById(id);
  if (charts[id]) charts[id].destroy();
  box.textContent = '';
  const fg = css('--fg'), grid = css('--line');
  const axis = (extra) => Object.assign({ stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid } }, extra);
  opts.width = Math.max(280, box.clientWidth);
  opts.height = 220;
  opts.axes = (opts.axes || [{}, {}]).map(axis);
  charts[id] = new uPlot(opts, data, box);
}

/** Series drawn as stacked bars: each series' values are added to those before it; the tallest is drawn first. */
function stacked(id, days, layers, format) {
  const x = days.map(dayTime);
  const sums = [];
  let running = days.map(() => 0);
  for (const layer of layers) {
    running = running.map((v, i) => v + (layer.values[i] || 0));
    sums.push(running);
  }
  const colours = palette();
  const series = [{}];
  const data = [x];
  for (let i = layers.length - 1; i >= 0; i--) {
    series.push({
      label: layers[i].label, stroke: colours[i % colours.length], fill: colours[i % colours.length],
      paths: uPlot.paths.bars({ size: [0.7, 60] }), points: { show: false },
      value: (u, v, s, idx) => (idx == null ? '' : format(layers[i].values[idx] || 0)),
    });
    data.push(sums[i]);
  }
  draw(id, { series, scales: { x: { time: true } }, axes: [{}, { values: (u, vals) => vals.map(format), size: 70 }] },
    data);
}

function card(title, big, ...small) {
  return el('div', { class: 'card' }, el('h3', { text: title }), el('div', { class: 'big', text: big }),
    ...small.map((s) => el('div', { class: 'small', text: s })));
}

function usageCard(title, u) {
  const t = u.tokens;
  return card(title, money(u.costUsd), plural(u.sessions, 'session') + ' · ' + plural(u.prompts, 'prompt'),
    count(t.input) + ' in · ' + count(t.output) + ' out · ' + count(t.cacheRead) + ' cache read · '
      + count(t.cacheCreation) + ' cache write');
}

async function overview() {
  const o = await get('/api/overview');
  state.today = o.today;
  const cards = $('#cards');
  cards.replaceChildren(usageCard('Today', o.periods.today), usageCard('This week', o.periods.week),
    usageCard('This month', o.periods.month));
  const extras = $('#extras');
  extras.replaceChildren();
  if (o.budget) {
    const b = o.budget;
    const lines = [];
    if (b.dailyUsd != null) lines.push('today ' + money(b.todayUsd) + ' of ' + money(b.dailyUsd));
    if (b.monthlyUsd != null) lines.push('month ' + money(b.monthUsd) + ' of ' + money(b.monthlyUsd));
    const c = card('Budget', b.monthlyUsd != null ? money(b.forecastMonthUsd) : money(b.todayUsd), ...lines);
    c.querySelector('.big').className = 'big level-' + b.level;
    if (b.monthlyUsd != null) c.querySelector('h3').textContent = 'Month-end forecast';
    extras.append(c);
  }
  for (const l of o.limits) {
    const c = card(l.window === 'five_hour' ? '5-hour limit' : '7-day limit', Math.round(l.usedPercent) + ' %',
      'starts anew ' + new Date(l.resetsAt).toLocaleString());
    c.querySelector('.big').className = 'big level-' + (l.usedPercent >= 95 ? 'over' : l.usedPercent >= 80 ? 'near' : 'under');
    extras.append(c);
  }
  const sources = Object.entries(o.costSources || {});
  if (sources.length) {
    const words = { telemetry: 'from telemetry', transcript: "Claude Code's own (transcript)", estimate: 'estimated' };
    extras.append(card('Where cost comes from', plural(sources.reduce((a, [, v]) => a + v, 0), 'session'),
      ...sources.map(([k, v]) => count(v) + ' ' + (words[k] || k) + (k === 'estimate' ? ' from a price list' : ''))));
  }
  $('#footer').textContent = 'ccotel · the store as of ' + new Date(o.generatedAt).toLocaleString()
    + ' · days in ' + o.timezone;
}

async function daily() {
  const since = daysBefore(state.today, 29);
  const r = await get('/api/report?kind=daily&breakdown=1&since=' + since + '&until=' + state.today);
  const days = dayRange(since, state.today);
  const byDay = Object.fromEntries(r.rows.map((row) => [row.key, row]));
  const models = [...new Set(r.rows.flatMap((row) => (row.models || []).map((m) => m.model)))];
  stacked('chart-cost', days, models.map((m) => ({
    label: m, values: days.map((d) => ((byDay[d] && byDay[d].models) || []).filter((x) => x.model === m)
      .reduce((a, x) => a + x.costUsd, 0)),
  })), money);
  const tokenTypes = [['input', 'input'], ['output', 'output'], ['cacheCreation', 'cache write'], ['cacheRead', 'cache read']];
  stacked('chart-tokens', days, tokenTypes.map(([k, label]) => ({
    label, values: days.map((d) => (byDay[d] ? byDay[d].tokens[k] : 0)),
  })), (v) => (v >= 1e6 ? (v / 1e6).toFixed(1) + 'M' : v >= 1e3 ? (v / 1e3).toFixed(0) + 'k' : String(v)));
  const colours = palette();
  draw('chart-activity', {
    scales: { x: { time: true }, lines: {} },
    series: [{},
      { label: 'tool calls', stroke: colours[0], width: 2 },
      { label: 'API errors', stroke: css('--bad'), width: 2 },
      { label: 'lines changed', stroke: colours[2], width: 2, scale: 'lines' }],
    axes: [{}, {}, { scale: 'lines', side: 1, grid: { show: false } }],
  }, [days.map(dayTime), days.map((d) => (byDay[d] ? byDay[d].toolCalls : 0)),
    days.map((d) => (byDay[d] ? byDay[d].apiErrors : 0)),
    days.map((d) => (byDay[d] ? byDay[d].linesAdded + byDay[d].linesRemoved : 0))]);
  // every figure of the charts, as text: one row per day with anything in it
  const heads = ['Day', 'Cost $', 'Input', 'Output', 'Cache write', 'Cache read', 'Tool calls', 'Lines +/-', 'API errors'];
  const table = el('table', {}, el('thead', {}, el('tr', {}, ...heads.map((h, i) => el('th', { class: i ? 'num' : '', text: h })))));
  const body = el('tbody');
  for (const row of r.rows) {
    const t = row.tokens;
    body.append(el('tr', {}, el('td', { text: row.key }), ...[money(row.costUsd), count(t.input), count(t.output),
      count(t.cacheCreation), count(t.cacheRead), count(row.toolCalls), '+' + count(row.linesAdded) + ' / −'
      + count(row.linesRemoved), count(row.apiErrors)].map((v) => el('td', { class: 'num', text: v }))));
  }
  table.append(body);
  $('#table-cost').replaceChildren(table);
}

async function decisions() {
  const since = daysBefore(state.today, 29);
  const r = await get('/api/decisions?since=' + since + '&until=' + state.today);
  const days = dayRange(since, state.today);
  const byDay = Object.fromEntries(r.rows.map((row) => [row.day, row]));
  const total = (k) => r.rows.reduce((a, row) => a + (row[k] || 0), 0);
  $('#decisions-note').textContent = count(total('accept')) + ' accepted · ' + count(total('reject'))
    + ' rejected in the last 30 days';
  stacked('chart-decisions', days, [
    { label: 'accepted', values: days.map((d) => (byDay[d] ? byDay[d].accept || 0 : 0)) },
    { label: 'rejected', values: days.map((d) => (byDay[d] ? byDay[d].reject || 0 : 0)) },
  ], (v) => String(Math.round(v)));
}

async function limits() {
  const since = daysBefore(state.today, 29);
  const r = await get('/api/limits?since=' + since);
  const points = r.rows.flatMap((w) => w.uses.map((u) => ({ t: Date.parse(u.at) / 1000, w: w.window, v: u.usedPercent })));
  if (!points.length) {
    $('#chart-limits').textContent = '';
    $('#limits-note').textContent = 'No limit use recorded: Claude Code reports it to its statusline for Pro and Max'
      + ' plans; "ccotel cc install" sets ccotel\'s statusline up.';
    return;
  }
  $('#limits-note').textContent = r.rows.map((w) => (w.window === 'five_hour' ? '5h' : '7d') + ' window from '
    + new Date(w.start).toLocaleString() + ': peak ' + Math.round(w.peakUsedPercent) + ' %, ' + money(w.costUsd)
    + ' spent in it').join('; ');
  const xs = [...new Set(points.map((p) => p.t))].sort((a, b) => a - b);
  const at = (win) => xs.map((t) => { const p = points.find((q) => q.t === t && q.w === win); return p ? p.v : null; });
  const colours = palette();
  // from the first window's start to the latest snapshot (or now): a single snapshot is no span to scale to
  const from = Math.min(...r.rows.map((w) => Date.parse(w.start) / 1000));
  const to = Math.max(xs[xs.length - 1], Date.now() / 1000);
  draw('chart-limits', {
    scales: { x: { time: true, range: () => [from, to] }, y: { range: [0, 100] } },
    series: [{}, { label: '5-hour', stroke: colours[1], width: 2, spanGaps: true },
      { label: '7-day', stroke: colours[0], width: 2, spanGaps: true }],
    axes: [{}, { values: (u, vals) => vals.map((v) => v + ' %') }],
  }, [xs, at('five_hour'), at('seven_day')]);
}

async function bars(kind, id) {
  const since = daysBefore(state.today, 29);
  const r = await get('/api/report?kind=' + kind + '&since=' + since);
  const rows = r.rows.slice(0, 8);
  const top = Math.max(...rows.map((x) => x.costUsd), 1e-9);
  const box = document.getElementById(id);
  box.replaceChildren(...rows.map((row) => {
    const bar = el('i');
    bar.style.width = Math.max(1, (100 * row.costUsd) / top) + '%';
    return el('div', { class: 'bar', title: row.key }, el('span', { text: row.key }),
      el('span', { class: 'num', text: money(row.costUsd) }), bar);
  }));
  if (!rows.length) box.textContent = 'Nothing in the last 30 days.';
}

const state = { today: null, sessions: [], sort: { key: 'start', desc: true } };

async function sessions() {
  const since = daysBefore(state.today, 29);
  const r = await get('/api/report?kind=sessions&since=' + since);
  state.sessions = r.rows.map((row) => ({
    id: row.key, start: row.start || '', project: row.project || '', branch: row.branch || '',
    models: (row.modelNames || []).join(', '), cost: row.costUsd, seconds: row.seconds || 0,
    prompts: row.prompts, tools: row.toolCalls, errors: row.apiErrors,
  }));
  renderSessions();
}

function length(seconds) {
  return seconds < 60 ? Math.round(seconds) + ' s' : seconds < 3600 ? Math.round(seconds / 60) + ' min'
    : Math.floor(seconds / 3600) + ' h ' + Math.round((seconds % 3600) / 60) + ' min';
}

function renderSessions() {
  const filter = $('#filter').value.trim().toLowerCase();
  const { key, desc } = state.sort;
  const rows = state.sessions.filter((s) => !filter || [s.id, s.project, s.branch, s.models].join(' ').toLowerCase()
    .includes(filter));
  rows.sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0) * (desc ? -1 : 1));
  document.querySelectorAll('#sessions th').forEach((th) => {
    th.className = (th.classList.contains('num') ? 'num ' : '')
      + (th.dataset.key === key ? (desc ? 'sorted-desc' : 'sorted-asc') : '');
  });
  $('#sessions tbody').replaceChildren(...rows.map((s) => {
    const link = el('a', { href: '#/session/' + encodeURIComponent(s.id), text: s.start ? new Date(s.start).toLocaleString() : s.id });
    return el('tr', {}, el('td', {}, link), el('td', { text: s.project }), el('td', { text: s.branch }),
      el('td', { text: s.models }), el('td', { class: 'num', text: money(s.cost) }),
      el('td', { class: 'num', text: length(s.seconds) }), el('td', { class: 'num', text: count(s.prompts) }),
      el('td', { class: 'num', text: count(s.tools) }), el('td', { class: 'num', text: count(s.errors) }));
  }));
}

function describe(e) {
  switch (e.type) {
    case 'user_prompt': return e.prompt != null ? '“' + e.prompt + '”' : 'a prompt of ' + (e.promptLength || '?')
      + ' characters (its text is kept only with privacy.forward-prompts)';
    case 'api_request': return [e.model, money(e.costUsd || 0), e.tokens ? count(e.tokens.input) + ' in / '
      + count(e.tokens.output) + ' out' : '', e.durationMs != null ? e.durationMs + ' ms' : ''].filter(Boolean).join(' · ');
    case 'api_error': return [e.model, e.statusCode, e.error].filter(Boolean).join(' · ');
    case 'tool_decision': return [e.tool, e.decision, e.source].filter(Boolean).join(' · ');
    case 'tool_result': return [e.tool, e.success === false ? 'failed' : 'ok', e.durationMs != null ? e.durationMs + ' ms' : '',
      e.error].filter(Boolean).join(' · ');
    default: return [e.tool, e.model].filter(Boolean).join(' · ');
  }
}

async function session(id) {
  const s = await get('/api/session?id=' + encodeURIComponent(id));
  $('#session-title').textContent = 'Session ' + id;
  const u = s.totals;
  $('#session-cards').replaceChildren(
    u ? usageCard('Cost and tokens', u) : card('Cost and tokens', '—', 'no usage kept for this session'),
    card('Activity', plural(s.events.length, 'event'), u ? plural(u.toolCalls, 'tool call') + ' · '
      + plural(u.apiErrors, 'API error') : ''),
    card('Code', u ? '+' + count(u.linesAdded) + ' / −' + count(u.linesRemoved) : '—', s.project || ''));
  spans(s.spans || []);
  $('#timeline').replaceChildren(...s.events.map((e) => el('li', { class: 'kind-' + e.type },
    el('span', { text: new Date(e.at).toLocaleTimeString() }), el('span', { class: 'kind', text: e.type.replaceAll('_', ' ') }),
    el('span', { class: 'what', text: describe(e) }))));
  if (!s.events.length) $('#timeline').replaceChildren(el('li', { text: 'No events kept for this session.' }));
}

/** The trace's spans as a waterfall, and what they add up to: time to first token, tool run time, waits for permission. */
function spans(list) {
  $('#spans-panel').hidden = !list.length;
  if (!list.length) return;
  const start = Math.min(...list.map((sp) => Date.parse(sp.start)));
  const end = Math.max(...list.map((sp) => Date.parse(sp.start) + sp.durationMs));
  const total = Math.max(1, end - start);
  const depth = (sp) => { let d = 0; let p = sp.parent; while (p) { const q = list.find((x) => x.id === p); if (!q) break; d++; p = q.parent; } return d; };
  const sum = (kind, field) => list.filter((sp) => sp.kind === kind).map((sp) => sp[field] || 0);
  const ttft = sum('llm_request', 'ttftMs');
  const parts = [];
  if (ttft.length) parts.push('time to first token ' + ttft.map((t) => t + ' ms').join(', '));
  const ran = sum('tool.execution', 'durationMs').reduce((a, b) => a + b, 0);
  if (sum('tool.execution', 'durationMs').length) parts.push('tools ran ' + ran + ' ms');
  const waited = sum('tool.blocked_on_user', 'durationMs').reduce((a, b) => a + b, 0);
  if (sum('tool.blocked_on_user', 'durationMs').length) parts.push('waiting for permission ' + waited + ' ms');
  $('#spans-summary').textContent = parts.join(' · ');
  $('#spans').replaceChildren(...list.map((sp) => {
    const bar = el('i');
    bar.style.left = (100 * (Date.parse(sp.start) - start)) / total + '%';
    bar.style.width = (100 * sp.durationMs) / total + '%';
    const name = '\u00a0'.repeat(2 * depth(sp)) + sp.kind.replaceAll('_', ' ').replaceAll('.', ' · ')
      + (sp.tool ? ' ' + sp.tool : '') + (sp.decision ? ' (' + sp.decision + ')' : '');
    return el('div', { class: 'span kind-' + sp.kind.replaceAll('.', '-'), title: sp.requestId || sp.kind },
      el('span', { class: 'label', text: name }), el('span', { class: 'track' }, bar),
      el('span', { class: 'num', text: sp.durationMs + ' ms' + (sp.ttftMs != null ? ' (' + sp.ttftMs + ')' : '') }));
  }));
}

async function route() {
  const m = location.hash.match(/^#\/session\/(.+)$/);
  $('#overview-page').hidden = !!m;
  $('#session-page').hidden = !m;
  try {
    await overview();
    if (m) {
      await session(decodeURIComponent(m[1]));
    } else {
      await Promise.all([daily(), decisions(), limits(), bars('projects', 'bars-projects'), bars('repos', 'bars-repos'),
        bars('branches', 'bars-branches'), sessions()]);
    }
    document.body.dataset.ready = String(Date.now());
  } catch (e) {
    $('#footer').textContent = 'ccotel: ' + e.message;
  }
}

let pending = null;
function refreshSoon() {
  if (pending) return;
  pending = setTimeout(() => { pending = null; route(); }, 500);
}

function live() {
  const status = $('#live');
  const events = new EventSource('/api/live');
  events.addEventListener('open', () => { status.textContent = 'live'; status.classList.add('on'); });
  events.addEventListener('export', refreshSoon);
  events.addEventListener('error', () => { status.textContent = 'reconnecting…'; status.classList.remove('on'); });
}

$('#filter').addEventListener('input', renderSessions);
document.querySelectorAll('#sessions th').forEach((th) => th.addEventListener('click', () => {
  state.sort = { key: th.dataset.key, desc: state.sort.key === th.dataset.key ? !state.sort.desc : true };
  renderSessions();
}));
window.addEventListener('hashchange', route);
let resizing = null;
window.addEventListener('resize', () => { clearTimeout(resizing); resizing = setTimeout(route, 200); });
route();
live();
