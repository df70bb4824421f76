// Schedule checker page: user interface only. Every check, parse and message comes
// from campaign-core through the wasm module; this file keeps the table and the page in sync.
import init, * as core from './pkg/campaign_core_wasm.js';

// The second module (CSV import and export, iCalendar) is fetched on first use, so the
// page starts with only what checking needs. Same origin, so the CSP allows it.
let toolsModule;
async function tools() {
  if (!toolsModule) {
    const m = await import('./pkg/campaign_core_tools.js');
    await m.default({ module_or_path: new URL('./pkg/campaign_core_tools_bg.wasm', import.meta.url) });
    toolsModule = m;
  }
  return toolsModule;
}

const UI = {
  en: {
    title: 'Campaign schedule checker', privacy: 'Everything runs in this browser; the plan never leaves it.',
    calendar: 'Calendar', county: 'County', first: 'First day', last: 'Last day', team: 'Team', actions: 'Actions',
    add: 'Add visit', reset: 'Back to the 2017 campaign', remove: 'Remove', findings: 'Findings', io: 'Load and save',
    pasteLabel: 'Paste a campaign (JSON) or a calendar (CSV: county,first_day,last_day,team)',
    load: 'Load pasted text', upload: 'Upload a file', downloadJson: 'Download JSON', downloadCsv: 'Download CSV',
    timeline: 'Timeline', allocation: 'Leaflet allocation by population', quantity: 'Quantity', why: 'Why',
    downloadIcs: 'Download calendar (.ics)',
    footer: 'campaign-core', error: 'Errors', warning: 'Warnings', info: 'Notes', none: 'No problems found.',
    summary: (c) => `${c.visits} visits, ${c.sessions} sessions: ${c.counts.error} errors, ${c.counts.warning} warnings, ${c.counts.info} notes.`,
    more: (n) => `Show ${n} more`,
    moreVisits: (n) => `Show more visits (${n} not shown)`,
    invalid: 'The calendar cannot be checked:', loadFailed: 'Could not load the file; the calendar was kept as it was.',
    visitRow: (n) => `visit ${n}`,
  },
  sq: {
    title: 'Kontrolli i kalendarit të fushatës', privacy: 'Gjithçka ndodh në këtë shfletues; plani nuk largohet prej tij.',
    calendar: 'Kalendari', county: 'Qarku', first: 'Dita e parë', last: 'Dita e fundit', team: 'Ekipi', actions: 'Veprime',
    add: 'Shto vizitë', reset: 'Kthehu te fushata e 2017', remove: 'Hiq', findings: 'Gjetjet', io: 'Ngarko dhe ruaj',
    pasteLabel: 'Ngjit një fushatë (JSON) ose një kalendar (CSV: county,first_day,last_day,team)',
    load: 'Ngarko tekstin', upload: 'Ngarko skedar', downloadJson: 'Shkarko JSON', downloadCsv: 'Shkarko CSV',
    timeline: 'Kalendari në kohë', allocation: 'Shpërndarja e fletëpalosjeve sipas popullsisë', quantity: 'Sasia', why: 'Pse',
    downloadIcs: 'Shkarko kalendarin (.ics)',
    footer: 'campaign-core', error: 'Gabime', warning: 'Paralajmërime', info: 'Njoftime', none: 'Asnjë problem.',
    summary: (c) => `${c.visits} vizita, ${c.sessions} seanca: ${c.counts.error} gabime, ${c.counts.warning} paralajmërime, ${c.counts.info} njoftime.`,
    more: (n) => `Shfaq edhe ${n}`,
    moreVisits: (n) => `Shfaq më shumë vizita (${n} të pashfaqura)`,
    invalid: 'Kalendari nuk mund të kontrollohet:', loadFailed: 'Skedari nuk u ngarkua; kalendari mbeti siç ishte.',
    visitRow: (n) => `vizita ${n}`,
  },
};

// The calendar shows its first rows and the rest on request, so a file of 10,000
// visits opens at once; a row asked for (by a finding, or a new visit) is shown.
const ROWS = 200;

// `campaign` is the validated document (one wasm `Campaign` per edit); `report` its check.
const state = { doc: null, lang: 'en', counties: [], campaign: null, report: null, error: null, rowsShown: ROWS };
const $ = (sel) => document.querySelector(sel);
const t = (key) => UI[state.lang][key];

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

// The county a cell names, forgiving spelling exactly as the core does (null if none).
const countyCache = new Map();
function countyOf(name) {
  if (!countyCache.has(name)) {
    let found = null;
    try {
      const code = core.findCounty(name).code;
      found = state.counties.find((c) => c.code === code) ?? null;
    } catch { found = null; }
    countyCache.set(name, found);
  }
  return countyCache.get(name);
}

function showRow(i) {
  if (i >= state.rowsShown) {
    state.rowsShown = Math.ceil((i + 1) / ROWS) * ROWS;
    renderTable();
    renderFindings();
  }
}

function renderTable() {
  const body = $('#visits tbody');
  body.replaceChildren();
  const shown = state.doc.visits.slice(0, state.rowsShown);
  shown.forEach((v, i) => {
    const select = el('select', { 'aria-label': `${t('county')} ${i + 1}`, dataset: { field: 'county' } });
    const current = countyOf(v.county);
    for (const c of state.counties) {
      select.append(el('option', { value: c.code, textContent: `${c.name_sq} (${c.code})`, selected: current === c }));
    }
    if (!current) select.prepend(el('option', { value: v.county, textContent: v.county, selected: true }));
    const first = el('input', { type: 'date', value: v.first_day, 'aria-label': `${t('first')} ${i + 1}`, dataset: { field: 'first_day' } });
    const last = el('input', { type: 'date', value: v.last_day, 'aria-label': `${t('last')} ${i + 1}`, dataset: { field: 'last_day' } });
    const team = el('input', { type: 'text', value: v.team ?? '', 'aria-label': `${t('team')} ${i + 1}`, dataset: { field: 'team' } });
    const remove = el('button', { type: 'button', textContent: '×', title: t('remove'), 'aria-label': `${t('remove')} ${i + 1}`, dataset: { action: 'remove' } });
    const tr = el('tr', { dataset: { index: String(i) } },
      el('td', {}, String(i + 1)), el('td', {}, select), el('td', {}, first), el('td', {}, last), el('td', {}, team), el('td', {}, remove));
    body.append(tr);
  });
  const left = state.doc.visits.length - shown.length;
  const more = $('#more-visits');
  more.hidden = left <= 0;
  more.textContent = t('moreVisits')(left);
}

function onTableInput(ev) {
  const input = ev.target;
  const tr = input.closest('tr');
  if (!tr || !input.dataset.field) return;
  const v = state.doc.visits[Number(tr.dataset.index)];
  const value = input.value.trim();
  if (input.dataset.field === 'team') {
    if (value) {
      v.team = value;
      state.doc.teams ??= [];
      if (!state.doc.teams.some((x) => x.id === value)) state.doc.teams.push({ id: value });
    } else delete v.team;
  } else {
    v[input.dataset.field] = value;
  }
  recheck();
}

function recheck() {
  state.report?.free();
  state.campaign?.free();
  state.campaign = null;
  state.report = null;
  try {
    state.campaign = new core.Campaign(state.doc);
    state.report = state.campaign.report(null);
    state.error = null;
  } catch (e) {
    state.error = e;
  }
  renderFindings();
  // The timeline and the allocation follow in the next frame: the findings come first.
  const ticket = ++redrawTicket;
  requestAnimationFrame(() => {
    if (ticket !== redrawTicket) return;
    renderTimeline();
    renderAllocation();
  });
}
let redrawTicket = 0;

// The calendar row an error is about: its path starts with `visits`, then the index.
function rowOfError(e) {
  const [field, index] = e.pathSegments ?? [];
  return field === 'visits' && typeof index === 'number' ? index : null;
}

// Findings listed at first in each severity group; the rest come on request, so a
// calendar with 100,000 findings renders as fast as one with a few.
const PAGE = 100;
const SEVERITIES = ['info', 'warning', 'error']; // rank 1, 2, 3 in the compact report

function renderFindings() {
  const box = $('#findings');
  box.replaceChildren();
  const rows = $('#visits tbody').children;
  const worst = state.report ? state.report.worstByVisit() : new Uint8Array(0);
  for (let i = 0; i < rows.length; i += 1) {
    const sev = SEVERITIES[worst[i] - 1];
    rows[i].classList.remove('flag-error', 'flag-warning', 'flag-info');
    rows[i].removeAttribute('aria-invalid');
    if (sev) rows[i].classList.add(`flag-${sev}`);
    if (sev === 'error') rows[i].setAttribute('aria-invalid', 'true');
  }
  if (state.error) {
    $('#summary').textContent = t('invalid');
    box.append(el('p', { className: 'group error', dataset: { code: state.error.code ?? 'ERROR' } },
      el('code', {}, state.error.code ?? 'ERROR'), ' ', state.error.message));
    const row = rowOfError(state.error);
    if (row !== null && rows[row]) {
      rows[row].classList.add('flag-error');
      rows[row].setAttribute('aria-invalid', 'true');
    }
    return;
  }
  const r = state.report;
  const summary = { visits: r.visits, sessions: r.sessions, counts: r.counts };
  $('#summary').textContent = r.length ? t('summary')(summary) : `${t('summary')(summary)} ${t('none')}`;
  const ranks = r.severities();
  for (const rank of [3, 2, 1]) {
    const sev = SEVERITIES[rank - 1];
    const indices = [];
    for (let i = 0; i < ranks.length; i += 1) if (ranks[i] === rank) indices.push(i);
    if (!indices.length) continue;
    const ul = el('ul');
    const group = el('div', { className: `group ${sev}`, dataset: { severity: sev } }, el('h3', {}, `${t(sev)} (${indices.length})`), ul);
    const show = (from) => {
      for (const f of r.findingsAt(Uint32Array.from(indices.slice(from, from + PAGE)))) {
        ul.append(el('li', { tabIndex: 0, dataset: { code: f.code, visits: f.visit_indices.join(',') } },
          el('code', {}, f.code), ' ', f.message[state.lang]));
      }
      group.querySelector('button.more')?.remove();
      const left = indices.length - from - PAGE;
      if (left > 0) {
        const more = el('button', { type: 'button', className: 'more', textContent: t('more')(left) });
        more.addEventListener('click', () => show(from + PAGE));
        group.append(more);
      }
    };
    show(0);
    box.append(group);
  }
}

function renderTimeline() {
  const box = $('#timeline');
  if (state.error) { box.replaceChildren(); return; }
  // The SVG is drawn by campaign-core, which escapes every text it writes.
  box.innerHTML = state.report.timelineSvg(state.lang);
}

// The allocation table is secondary: it comes from the tools module, fetched in the
// background, and is drawn when that arrives. The request (population of the first
// visit's year, minimum and pack) is the core's suggestion.
let allocationTicket = 0;
async function renderAllocation() {
  const ticket = ++allocationTicket;
  const body = $('#allocation tbody');
  if (state.error) { body.replaceChildren(); return; }
  const doc = state.doc;
  let alloc = null;
  try {
    const m = await tools();
    const request = m.suggestedAllocation(doc);
    alloc = request && m.allocate(doc, request);
  } catch { alloc = null; }
  if (ticket !== allocationTicket) return; // an edit came first
  body.replaceChildren();
  for (const s of alloc?.shares ?? []) {
    body.append(el('tr', {}, el('td', {}, `${s.name} (${s.county})`), el('td', {}, s.quantity.toLocaleString()), el('td', {}, s.explanation[state.lang])));
  }
}

function focusRows(ev) {
  const li = ev.target.closest('li[data-visits]');
  if (!li || (ev.type === 'keydown' && ev.key !== 'Enter')) return;
  const involved = li.dataset.visits.split(',').filter(Boolean);
  if (involved.length) showRow(Number(involved[0]));
  for (const g of document.querySelectorAll('#timeline g.visit')) g.classList.toggle('selected', involved.includes(g.dataset.visitIndex));
  const first = involved[0];
  if (first !== undefined) document.querySelector(`#visits tbody tr[data-index="${first}"] select`)?.focus();
}

function setLang(lang) {
  state.lang = lang;
  document.documentElement.lang = lang;
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  for (const b of document.querySelectorAll('.lang button')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  $('#campaign-name').textContent = state.doc?.name?.[lang] ?? '';
  renderTable();
  renderFindings();
  renderTimeline();
  renderAllocation();
}

function setDocument(doc) {
  state.doc = doc;
  state.rowsShown = ROWS;
  $('#campaign-name').textContent = doc.name[state.lang];
  renderTable();
  recheck();
}

async function loadText(text, fileName = '') {
  const io = $('#io-error');
  try {
    const trimmed = text.trim();
    const isJson = fileName.toLowerCase().endsWith('.json') || trimmed.startsWith('{');
    const doc = isJson ? core.validate(trimmed) : (await tools()).documentFromCsv(trimmed);
    io.hidden = true;
    io.textContent = '';
    setDocument(doc);
  } catch (e) {
    io.hidden = false;
    io.dataset.code = e.code ?? 'ERROR';
    io.textContent = `${t('loadFailed')} ${e.message}`;
  }
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

async function main() {
  await init({ module_or_path: new URL('./pkg/campaign_core_wasm_bg.wasm', import.meta.url) });
  state.counties = core.counties();
  $('#version').textContent = `v${core.version()}`;
  $('#visits tbody').addEventListener('input', onTableInput);
  $('#visits tbody').addEventListener('click', (ev) => {
    const b = ev.target.closest('button[data-action=remove]');
    if (!b) return;
    state.doc.visits.splice(Number(b.closest('tr').dataset.index), 1);
    renderTable();
    recheck();
  });
  $('#add-visit').addEventListener('click', () => {
    const last = state.doc.visits.at(-1);
    const day = last ? last.last_day : new Date().toISOString().slice(0, 10);
    state.doc.visits.push({ county: state.counties[0].code, first_day: day, last_day: day });
    state.rowsShown = Math.max(state.rowsShown, state.doc.visits.length);
    renderTable();
    recheck();
    document.querySelector('#visits tbody tr:last-child select')?.focus();
  });
  $('#reset').addEventListener('click', () => setDocument(core.builtinCampaign()));
  $('#more-visits').addEventListener('click', () => showRow(state.rowsShown + ROWS - 1));
  $('#findings').addEventListener('click', focusRows);
  $('#findings').addEventListener('keydown', focusRows);
  for (const b of document.querySelectorAll('.lang button')) b.addEventListener('click', () => setLang(b.dataset.lang));
  $('#load-paste').addEventListener('click', () => loadText($('#paste').value));
  $('#upload').addEventListener('change', async (ev) => {
    const file = ev.target.files[0];
    if (file) await loadText(await file.text(), file.name);
    ev.target.value = '';
  });
  $('#download-json').addEventListener('click', () => download('campaign.json', 'application/json', JSON.stringify(state.doc, null, 2)));
  const safely = (fn) => async () => {
    try { await fn(); $('#io-error').hidden = true; } catch (e) { $('#io-error').hidden = false; $('#io-error').dataset.code = e.code ?? 'ERROR'; $('#io-error').textContent = e.message; }
  };
  $('#download-csv').addEventListener('click', safely(async () => download('calendar.csv', 'text/csv', (await tools()).calendarToCsv(state.doc))));
  $('#download-ics').addEventListener('click', safely(async () => {
    download('calendar.ics', 'text/calendar', (await tools()).calendarToIcs(state.doc, new Date().toISOString(), state.lang));
  }));
  $('#timeline').addEventListener('click', (ev) => {
    const g = ev.target.closest('g.visit');
    if (g) document.querySelector(`#visits tbody tr[data-index="${g.dataset.visitIndex}"] select`)?.focus();
  });
  setDocument(core.builtinCampaign());
  setLang(state.lang);
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  document.body.dataset.ready = 'error';
  $('#summary').textContent = `Failed to start: ${e.message}`;
});
