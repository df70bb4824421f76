// Schedule checker page: user interface only. Every check, parse and message comes
// from campaign-core through the wasm module; this file keeps the table and the page in sync.
// Checking, reading and writing files run in a Web Worker (worker.js), so typing and
// large calendars never freeze the page; the main thread keeps the small module only for
// the county list and the built-in campaign.
import init, * as core from './node_modules/campaign-core-wasm/pkg/campaign_core_wasm.js';

// The checker: one request at a time. An edit made while a check runs is not queued
// one by one: the latest calendar is checked as soon as the running check ends.
const checker = {
  worker: null, nextId: 0, waiting: new Map(),
  start() {
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.worker.onmessage = ({ data }) => {
      const w = this.waiting.get(data.id);
      this.waiting.delete(data.id);
      if (data.ok) w?.resolve(data); else w?.reject(Object.assign(new Error(data.error.message), data.error));
    };
    this.worker.onerror = (e) => {
      for (const w of this.waiting.values()) w.reject(Object.assign(new Error(e.message ?? 'checker failed'), { code: 'WORKER' }));
      this.waiting.clear();
    };
  },
  ask(message) {
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...message });
    });
  },
};


const UI = {
  en: {
    title: 'Campaign schedule checker', privacy: 'Everything runs in this browser; the plan never leaves it.',
    calendar: 'Calendar', county: 'County', first: 'First day', last: 'Last day', team: 'Team', actions: 'Actions',
    add: 'Add visit', reset: 'Back to the 2017 campaign', remove: 'Remove', findings: 'Findings', io: 'Load and save',
    pasteLabel: 'Paste a campaign (JSON) or a calendar (CSV: county,first_day,last_day,team)',
    load: 'Load pasted text', upload: 'Upload a file', downloadJson: 'Download JSON', downloadCsv: 'Download CSV',
    timeline: 'Timeline', allocation: 'Leaflet allocation by population', quantity: 'Quantity', why: 'Why',
    downloadIcs: 'Download calendar (.ics)', downloadXlsx: 'Download workbook (.xlsx)',
    footer: 'campaign-core', error: 'Errors', warning: 'Warnings', info: 'Notes', none: 'No problems found.',
    summary: (c) => `${c.visits} visits, ${c.sessions} sessions: ${c.counts.error} errors, ${c.counts.warning} warnings, ${c.counts.info} notes.`,
    more: (n) => `Show ${n} more`,
    moreVisits: (n) => `Show more visits (${n} not shown)`,
    invalid: 'The calendar cannot be checked:', loadFailed: 'Could not load the file; the calendar was kept as it was.',
    visitRow: (n) => `visit ${n}`,
    programme: 'Visit programme', programmeVisit: 'Visit', programmeShow: 'Show the programme', programmePrint: 'Print',
    allVisits: 'All visits',
    whyHere: 'Why this date', plannerTitle: 'Suggest dates for the counties left', planFrom: 'From', planTo: 'To',
    planTeams: 'Teams (comma-separated)', planWeekdays: 'Weekdays', suggest: 'Suggest dates for the counties left',
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    planSummary: (p) => `${p.visits.length} visits proposed, ${p.unplaced.length} counties not placed; finish ${p.finish ?? '–'}`
      + (p.optimal ? ' (the earliest possible).' : `, lower bound ${p.lower_bound ?? '–'} (${p.gap_days ?? '?'} days apart).`),
    notEarlier: 'Not earlier: ', whyTitle: 'Why these dates',
    reasons: { WINDOW_START: 'window start', PREVIOUS_VISIT: 'previous visit + travel', HOLIDAY: 'holiday',
      NEXT_TO_HOLIDAY: 'next to a holiday', WEEKDAY: 'weekday', BLACKOUT: 'blackout', SCHOOL_CALENDAR: 'school calendar',
      PERSON_UNAVAILABLE: 'person away', TEAM_BUSY: 'team busy', WEEKLY_LIMIT: 'weekly limit', NEXT_VISIT: 'next visit',
      PERIOD: 'period', NO_DAYS: 'no days', NO_TIME: 'no time', MATERIAL_STOCK: 'stock' },
  },
  sq: {
    title: 'Kontrolli i kalendarit të fushatës', privacy: 'Gjithçka ndodh në këtë shfletues; plani nuk largohet prej tij.',
    calendar: 'Kalendari', county: 'Qarku', first: 'Dita e parë', last: 'Dita e fundit', team: 'Ekipi', actions: 'Veprime',
    add: 'Shto vizitë', reset: 'Kthehu te fushata e 2017', remove: 'Hiq', findings: 'Gjetjet', io: 'Ngarko dhe ruaj',
    pasteLabel: 'Ngjit një fushatë (JSON) ose një kalendar (CSV: county,first_day,last_day,team)',
    load: 'Ngarko tekstin', upload: 'Ngarko skedar', downloadJson: 'Shkarko JSON', downloadCsv: 'Shkarko CSV',
    timeline: 'Kalendari në kohë', allocation: 'Shpërndarja e fletëpalosjeve sipas popullsisë', quantity: 'Sasia', why: 'Pse',
    downloadIcs: 'Shkarko kalendarin (.ics)', downloadXlsx: 'Shkarko librin (.xlsx)',
    footer: 'campaign-core', error: 'Gabime', warning: 'Paralajmërime', info: 'Njoftime', none: 'Asnjë problem.',
    summary: (c) => `${c.visits} vizita, ${c.sessions} seanca: ${c.counts.error} gabime, ${c.counts.warning} paralajmërime, ${c.counts.info} njoftime.`,
    more: (n) => `Shfaq edhe ${n}`,
    moreVisits: (n) => `Shfaq më shumë vizita (${n} të pashfaqura)`,
    invalid: 'Kalendari nuk mund të kontrollohet:', loadFailed: 'Skedari nuk u ngarkua; kalendari mbeti siç ishte.',
    visitRow: (n) => `vizita ${n}`,
    programme: 'Programi i vizitës', programmeVisit: 'Vizita', programmeShow: 'Shfaq programin', programmePrint: 'Printo',
    allVisits: 'Të gjitha vizitat',
    whyHere: 'Pse kjo datë', plannerTitle: 'Sugjero data për qarqet që mbeten', planFrom: 'Nga', planTo: 'Deri',
    planTeams: 'Ekipet (të ndara me presje)', planWeekdays: 'Ditët e javës', suggest: 'Sugjero data për qarqet që mbeten',
    weekdays: ['Hën', 'Mar', 'Mër', 'Enj', 'Pre', 'Sht', 'Die'],
    planSummary: (p) => `${p.visits.length} vizita të propozuara, ${p.unplaced.length} qarqe pa vendosur; përfundimi ${p.finish ?? '–'}`
      + (p.optimal ? ' (më i hershmi i mundshëm).' : `, kufiri i poshtëm ${p.lower_bound ?? '–'} (${p.gap_days ?? '?'} ditë larg).`),
    notEarlier: 'Jo më herët: ', whyTitle: 'Pse këto data',
    reasons: { WINDOW_START: 'fillimi i periudhës', PREVIOUS_VISIT: 'vizita e mëparshme + udhëtimi', HOLIDAY: 'festë',
      NEXT_TO_HOLIDAY: 'pranë një feste', WEEKDAY: 'dita e javës', BLACKOUT: 'periudhë e ndaluar',
      SCHOOL_CALENDAR: 'kalendari shkollor', PERSON_UNAVAILABLE: 'person në mungesë', TEAM_BUSY: 'ekipi i zënë',
      WEEKLY_LIMIT: 'kufiri javor', NEXT_VISIT: 'vizita pasardhëse', PERIOD: 'periudha', NO_DAYS: 'asnjë ditë',
      NO_TIME: 'pa kohë', MATERIAL_STOCK: 'gjendja e materialeve' },
  },
};

// The calendar shows its first rows and the rest on request, so a file of 10,000
// visits opens at once; a row asked for (by a finding, or a new visit) is shown.
const ROWS = 50;

// `result` is the worker's answer for the calendar as it was last sent (`generation`);
// `error` the typed error instead, when the calendar cannot be checked.
const state = { doc: null, lang: 'en', counties: [], result: null, error: null, rowsShown: ROWS, generation: 0, reasons: new Map(), plan: null };
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
    // A planned visit keeps the planner's reason beside it (the row stays editable).
    // (a short label here; the whole reason as its tooltip and in the planner's list)
    const reason = v.id ? state.reasons.get(v.id) : undefined;
    const why = el('td', { className: 'why', dataset: { code: reason?.code ?? '' } },
      reason ? `${t('reasons')[reason.code] ?? reason.code}` : '');
    if (reason) why.title = `${t('notEarlier')}${reason.message[state.lang]}`;
    const tr = el('tr', { dataset: { index: String(i) } },
      el('td', {}, String(i + 1)), el('td', {}, select), el('td', {}, first), el('td', {}, last), el('td', {}, team), el('td', {}, remove), why);
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

// Asks the worker to check the calendar. `#findings[data-state]` is "drawn" once the
// findings of the latest edit are shown; `body[data-pending]` is "false" once the
// timeline is drawn too (the allocation table follows on its own). Resolves then.
let running = null;
let again = false;
// How long the calendar must stay unchanged before the timeline and the allocation are
// drawn; an edit ends the wait at once (`wake`) and is checked first.
const IDLE_MS = 250;
let wake = null;
function recheck() {
  document.body.dataset.pending = 'true';
  $('#findings').dataset.state = 'pending';
  if (running) { again = true; wake?.(); return running; }
  running = (async () => {
    do {
      again = false;
      const generation = (state.generation += 1);
      let result = null;
      let error = null;
      try {
        // As JSON text: the worker reads text anyway, and a string crosses threads in
        // one copy where an object of 10,000 visits is cloned member by member.
        const sent = performance.timeOrigin + performance.now();
        result = await checker.ask({ type: 'check', doc: JSON.stringify(state.doc), page: FIRST_PAGE, sent });
        if (result) result.timing.answer_ms = performance.timeOrigin + performance.now() - sent;
      } catch (e) {
        error = e;
      }
      if (again) continue; // the calendar changed meanwhile: check it first
      state.result = result;
      state.error = error;
      const drawing = performance.now();
      renderFindings();
      if (result) result.timing.render_ms = performance.now() - drawing;
      $('#findings').dataset.state = 'drawn';
      if (result) $('#findings').dataset.timing = JSON.stringify(result.timing); // for the timing tests
      // The timeline and the allocation once the findings are on screen and the
      // calendar has stayed unchanged for IDLE_MS: for a large calendar they are the
      // slowest parts, and the worker answers one request at a time, so drawing them
      // after every keystroke would delay the next edit's findings.
      await new Promise((resolve) => {
        wake = resolve;
        requestAnimationFrame(() => setTimeout(resolve, IDLE_MS));
      });
      wake = null;
      if (again) continue;
      await renderTimeline(generation);
      renderAllocation(generation);
    } while (again);
    running = null;
    document.body.dataset.pending = 'false';
  })();
  return running;
}

// The calendar row an error is about: its path starts with `visits`, then the index.
function rowOfError(e) {
  const [field, index] = e.pathSegments ?? [];
  return field === 'visits' && typeof index === 'number' ? index : null;
}

// Findings listed at first in each severity group (FIRST_PAGE), then PAGE more per
// click; the rest come on request, so a calendar with 100,000 findings renders as fast
// as one with a few.
const PAGE = 100;
// Shown with the check's answer, per group: each costs the worker its messages (a
// weekend or holiday finding lists its sessions), so the first answer stays small.
const FIRST_PAGE = 25;
const SEVERITIES = ['info', 'warning', 'error']; // rank 1, 2, 3 in the compact report

function renderFindings() {
  const box = $('#findings');
  box.replaceChildren();
  const rows = $('#visits tbody').children;
  const worst = state.result?.worst ?? new Uint8Array(0);
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
  const r = state.result;
  const summary = { visits: r.visits, sessions: r.sessions, counts: r.counts };
  $('#summary').textContent = r.length ? t('summary')(summary) : `${t('summary')(summary)} ${t('none')}`;
  const generation = state.generation;
  for (const rank of [3, 2, 1]) {
    const sev = SEVERITIES[rank - 1];
    const indices = r.groups[rank];
    if (!indices?.length) continue;
    const ul = el('ul');
    const group = el('div', { className: `group ${sev}`, dataset: { severity: sev } }, el('h3', {}, `${t(sev)} (${indices.length})`), ul);
    const show = (findings, from) => {
      for (const f of findings) {
        ul.append(el('li', { tabIndex: 0, dataset: { code: f.code, visits: f.visit_indices.join(',') } },
          el('code', {}, f.code), ' ', f.message[state.lang]));
      }
      group.querySelector('button.more')?.remove();
      const next = from + findings.length;
      const left = indices.length - next;
      if (left > 0) {
        const more = el('button', { type: 'button', className: 'more', textContent: t('more')(left) });
        more.addEventListener('click', async () => {
          more.disabled = true;
          const { findings: page } = await checker.ask({ type: 'findings', indices: Array.from(indices.subarray(next, next + PAGE)) });
          if (generation === state.generation) show(page, next); // else the list was redrawn
        });
        group.append(more);
      }
    };
    show(r.first[rank], 0);
    box.append(group);
  }
}

async function renderTimeline(generation) {
  const box = $('#timeline');
  if (state.error) { box.replaceChildren(); return; }
  const { svg } = await checker.ask({ type: 'timeline', lang: state.lang });
  if (generation !== state.generation || again) return; // an edit came first
  // The SVG is drawn by campaign-core, which escapes every text it writes.
  box.innerHTML = svg;
}

// The allocation table is secondary: the worker computes it with the tools module,
// fetched on first use, after the findings are drawn. The request (population of the
// first visit's year, minimum and pack) is the core's suggestion.
async function renderAllocation(generation) {
  const body = $('#allocation tbody');
  if (state.error) { body.replaceChildren(); return; }
  let alloc = null;
  try {
    ({ allocation: alloc } = await checker.ask({ type: 'allocation', doc: state.doc }));
  } catch { alloc = null; }
  if (generation !== state.generation) return; // an edit came first
  body.replaceChildren();
  for (const s of alloc?.shares ?? []) {
    body.append(el('tr', {}, el('td', {}, `${s.name} (${s.county})`), el('td', {}, s.quantity.toLocaleString()), el('td', {}, s.explanation[state.lang])));
  }
}

// The visit programme (Albanian, then English): HTML written by campaign-core in the
// worker; its sections are shown in the page, which prints only them.
function renderProgrammeChoices() {
  const select = $('#programme-visit');
  const current = select.value;
  select.replaceChildren(el('option', { value: '', textContent: t('allVisits') }));
  for (const [i, v] of state.doc.visits.slice(0, 1000).entries()) {
    const id = v.id ?? `v${i + 1}`;
    select.append(el('option', { value: id, textContent: `${id} (${v.first_day})`, selected: id === current }));
  }
}

async function showProgramme() {
  const box = $('#programme');
  try {
    const { html } = await checker.ask({ type: 'programme', doc: state.doc, visit: $('#programme-visit').value || null });
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    box.replaceChildren(...parsed.body.children);
    $('#programme-print').disabled = false;
  } catch (e) {
    box.replaceChildren(el('p', { className: 'io-error', dataset: { code: e.code ?? 'ERROR' } }, e.message));
    $('#programme-print').disabled = true;
  }
}

// The planner (tools module, in the worker): the campaign's counties left get dates and
// teams; the calendar is replaced by the planned one (fixed visits unchanged) and each
// planned row shows why it is not earlier. Empty fields leave the core's defaults.
const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function renderWeekdays() {
  const box = document.querySelector('#planner .weekdays');
  const checked = new Set([...box.querySelectorAll('input:checked')].map((i) => i.value));
  const fresh = !box.querySelector('input');
  box.querySelectorAll('label').forEach((l) => l.remove());
  WEEKDAY_NAMES.forEach((name, k) => {
    const on = fresh ? k < 5 : checked.has(name);
    box.append(el('label', {}, el('input', { type: 'checkbox', value: name, checked: on }), ` ${t('weekdays')[k]}`));
  });
}

async function suggestDates() {
  const request = { lang: state.lang };
  const from = $('#plan-from').value;
  const to = $('#plan-to').value;
  if (from && to) request.window = { start: from, end: to };
  const teams = $('#plan-teams').value.split(',').map((x) => x.trim()).filter(Boolean);
  if (teams.length) request.teams = teams.map((id) => ({ id }));
  request.weekdays = [...document.querySelectorAll('#planner .weekdays input:checked')].map((i) => i.value);
  const summary = $('#plan-summary');
  const list = $('#plan-unplaced');
  summary.dataset.state = 'pending';
  try {
    const { plan } = await checker.ask({ type: 'plan', doc: state.doc, request });
    state.plan = plan;
    const reasons = new Map(plan.visits.map((v) => [v.id, v.reason]));
    setDocument(plan.document);
    state.reasons = reasons;
    renderTable();
    renderPlanSummary();
    summary.dataset.state = 'done';
  } catch (e) {
    state.plan = null;
    list.replaceChildren();
    $('#plan-why-box').hidden = true;
    summary.dataset.state = 'error';
    summary.dataset.code = e.code ?? 'ERROR';
    summary.textContent = e.message;
  }
}

function renderPlanSummary() {
  const p = state.plan;
  if (!p) return;
  $('#plan-summary').textContent = t('planSummary')(p);
  $('#plan-unplaced').replaceChildren(...p.unplaced.map((u) => el('li', { dataset: { code: u.reason.code } },
    `${u.county_name}: ${u.reason.message[state.lang]}`)));
  const why = $('#plan-why');
  why.replaceChildren(...p.visits.map((v) => el('li', { dataset: { code: v.reason.code, visit: v.id } },
    el('strong', {}, `${v.county_name}${v.team ? ` [${v.team}]` : ''}, ${v.first_day} – ${v.last_day}`), ` ${t('notEarlier')}${v.reason.message[state.lang]}`)));
  $('#plan-why-box').hidden = p.visits.length === 0;
  $('#plan-why-title').textContent = t('whyTitle');
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
  renderProgrammeChoices();
  renderWeekdays();
  renderPlanSummary();
  return recheck(); // the timeline and the messages in the new language
}

function setDocument(doc) {
  state.doc = doc;
  state.reasons = new Map();
  state.rowsShown = ROWS;
  $('#programme').replaceChildren();
  $('#programme-print').disabled = true;
  renderProgrammeChoices();
  $('#campaign-name').textContent = doc.name[state.lang];
  renderTable();
  recheck();
}

// A spreadsheet (by its name): its calendar sheet is read by the core in the worker.
const WORKBOOK = /\.(xlsx|xlsm|xlsb|xls|ods)$/i;

async function loadText(text, fileName = '', bytes = null) {
  const io = $('#io-error');
  try {
    const trimmed = text.trim();
    const isJson = fileName.toLowerCase().endsWith('.json') || trimmed.startsWith('{');
    const { doc } = bytes
      ? await checker.ask({ type: 'readXlsx', bytes })
      : await checker.ask({ type: 'read', text: trimmed, csv: !isJson });
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
  await init({ module_or_path: new URL('./node_modules/campaign-core-wasm/pkg/campaign_core_wasm_bg.wasm', import.meta.url) });
  checker.start();
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
  $('#programme-show').addEventListener('click', showProgramme);
  $('#suggest').addEventListener('click', suggestDates);
  $('#programme-print').addEventListener('click', () => {
    document.body.classList.add('printing-programme');
    window.print();
    document.body.classList.remove('printing-programme');
  });
  $('#findings').addEventListener('keydown', focusRows);
  for (const b of document.querySelectorAll('.lang button')) b.addEventListener('click', () => setLang(b.dataset.lang));
  $('#load-paste').addEventListener('click', () => loadText($('#paste').value));
  $('#upload').addEventListener('change', async (ev) => {
    const file = ev.target.files[0];
    if (file && WORKBOOK.test(file.name)) await loadText('', file.name, await file.arrayBuffer());
    else if (file) await loadText(await file.text(), file.name);
    ev.target.value = '';
  });
  $('#download-json').addEventListener('click', () => download('campaign.json', 'application/json', JSON.stringify(state.doc, null, 2)));
  const safely = (fn) => async () => {
    try { await fn(); $('#io-error').hidden = true; } catch (e) { $('#io-error').hidden = false; $('#io-error').dataset.code = e.code ?? 'ERROR'; $('#io-error').textContent = e.message; }
  };
  $('#download-csv').addEventListener('click', safely(async () => download('calendar.csv', 'text/csv', (await checker.ask({ type: 'export', format: 'csv', doc: state.doc })).text)));
  $('#download-ics').addEventListener('click', safely(async () => {
    const stamp = new Date().toISOString();
    download('calendar.ics', 'text/calendar', (await checker.ask({ type: 'export', format: 'ics', doc: state.doc, stamp, lang: state.lang })).text);
  }));
  $('#download-xlsx').addEventListener('click', safely(async () => {
    const { bytes } = await checker.ask({ type: 'workbook', doc: state.doc, lang: state.lang });
    download('campaign.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes);
  }));
  $('#timeline').addEventListener('click', (ev) => {
    const g = ev.target.closest('g.visit');
    if (g) document.querySelector(`#visits tbody tr[data-index="${g.dataset.visitIndex}"] select`)?.focus();
  });
  setDocument(core.builtinCampaign());
  await setLang(state.lang);
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  document.body.dataset.ready = 'error';
  $('#summary').textContent = `Failed to start: ${e.message}`;
});
