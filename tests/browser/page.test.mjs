// The schedule checker page in headless Chromium (Debian's chromium, driven by playwright-core).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../examples/web');
const artifacts = path.join(here, 'artifacts');
let server, origin, context, page, profile;
const requests = [];

before(async () => {
  ({ server, origin } = await serve(root));
  profile = mkdtempSync(path.join(tmpdir(), 'campaign-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  context.on('request', (r) => requests.push(r.url()));
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 15000 });
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// The page checks in a Web Worker: after an edit, `body[data-pending=false]` says the
// answer for the latest calendar is drawn.
const settled = () => page.waitForSelector('body[data-pending=false]', { timeout: 20000 });
const codes = async () => { await settled(); return page.$$eval('#findings li', (lis) => lis.map((li) => li.dataset.code)); };
const rowClass = async (i) => { await settled(); return page.getAttribute(`#visits tbody tr[data-index="${i}"]`, 'class'); };

test('opens on the 2017 campaign and shows its findings', async () => {
  assert.equal(await page.locator('#visits tbody tr').count(), 6);
  assert.match(await page.textContent('#campaign-name'), /Choose opportunities/);
  const got = await codes();
  assert.deepEqual([...got].sort(), ['COUNTY_NOT_COVERED', 'HOLIDAY_NEAR_VISIT', 'WINDOW_LONGER', 'WINDOW_LONGER', 'WINDOW_LONGER']);
  assert.match(await page.textContent('#summary'), /6 visits, 60 sessions: 0 errors/);
});

test('moving a visit onto another shows the overlap and highlights both rows; moving it back clears it', async () => {
  const first = page.locator('#visits tbody tr[data-index="1"] input[data-field=first_day]');
  const last = page.locator('#visits tbody tr[data-index="1"] input[data-field=last_day]');
  // Dibër onto Durrës's days (16–17 Oct 2017).
  await first.fill('2017-10-17');
  await last.fill('2017-10-18');
  assert.ok((await codes()).includes('TEAM_OVERLAP'));
  assert.match(await rowClass(0), /flag-error/);
  assert.match(await rowClass(1), /flag-error/);
  assert.doesNotMatch(await rowClass(2) ?? '', /flag-error/);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'page-overlap.png'), fullPage: true });
  await first.fill('2017-11-15');
  await last.fill('2017-11-16');
  assert.ok(!(await codes()).includes('TEAM_OVERLAP'));
  assert.doesNotMatch(await rowClass(0) ?? '', /flag-error/);
});

test('a visit on 28 November shows the holiday finding, in Albanian after switching language', async () => {
  const first = page.locator('#visits tbody tr[data-index="2"] input[data-field=first_day]');
  const last = page.locator('#visits tbody tr[data-index="2"] input[data-field=last_day]');
  await first.fill('2017-11-28');
  await last.fill('2017-11-29');
  assert.ok((await codes()).includes('PUBLIC_HOLIDAY'));
  await page.click('#lang-sq');
  await settled();
  const text = await page.textContent('#findings li[data-code=PUBLIC_HOLIDAY]');
  assert.match(text, /Dita e Flamurit dhe e Pavarësisë/);
  assert.equal(await page.getAttribute('html', 'lang'), 'sq');
  await page.click('#lang-en');
  await first.fill('2017-11-22');
  await last.fill('2017-11-23');
  assert.ok(!(await codes()).includes('PUBLIC_HOLIDAY'));
});

test('a malformed upload shows a clear error and keeps the calendar', async () => {
  const before = await page.locator('#visits tbody tr').count();
  const bad = path.join(mkdtempSync(path.join(tmpdir(), 'upload-')), 'bad.json');
  writeFileSync(bad, '{"format_version": 1, "name": {"sq": "x", "en": "x"}, "visits": [{"county": "Atlantis"');
  await page.setInputFiles('#upload', bad);
  await page.waitForSelector('#io-error:not([hidden])');
  assert.equal(await page.getAttribute('#io-error', 'data-code'), 'INVALID_JSON');
  assert.match(await page.textContent('#io-error'), /kept as it was/);
  assert.equal(await page.locator('#visits tbody tr').count(), before);
  // A CSV with an unknown county is refused with the closest name.
  await page.fill('#paste', 'county,first_day,last_day\nKorcha,2018-03-05,2018-03-06\n');
  await page.click('#load-paste');
  // CSV is read by the tools module, fetched on first use: wait for it.
  await page.waitForSelector('#io-error[data-code="UNKNOWN_COUNTY"]:not([hidden])');
  assert.match(await page.textContent('#io-error'), /Korçë/);
  assert.equal(await page.locator('#visits tbody tr').count(), before);
  // A good CSV replaces the calendar.
  await page.fill('#paste', 'county,first_day,last_day,team\nDurrës,2018-03-05,2018-03-06,a\nTiranë,2018-03-06,2018-03-07,a\n');
  await page.click('#load-paste');
  await page.waitForFunction(() => document.querySelectorAll('#visits tbody tr').length === 2);
  assert.deepEqual((await codes()).sort(), ['COUNTY_NOT_COVERED', 'TEAM_OVERLAP']);
});

test('uploading the shared cases gives the same codes as Rust and Python', async () => {
  const shared = JSON.parse(readFileSync(path.join(here, '../cases/cases.json'), 'utf8'));
  for (const c of shared.cases.filter((c) => c.options === null && c.document !== 'builtin:2017')) {
    await page.setInputFiles('#upload', path.join(here, '../cases', c.document));
    await page.waitForFunction((n) => document.querySelector('#campaign-name').textContent !== n, 'Choose opportunities, not irregular migration!');
    assert.deepEqual((await codes()).sort(), c.codes, c.name);
    await page.click('#reset');
  }
});

test('the timeline shows one bar per visit and follows the findings', async () => {
  await page.click('#reset');
  await settled();
  assert.equal(await page.locator('#timeline g.visit').count(), 6);
  // The allocation table comes from the tools module, fetched in the background.
  await page.waitForFunction(() => document.querySelectorAll('#allocation tbody tr').length === 12);
  // It says which population figures it used (the 2017 campaign: INSTAT's 1 January 2016 estimates).
  assert.match(await page.textContent('#allocation tbody tr td:last-child'), /INSTAT estimate 1 Jan 2016/);
  await page.locator('#visits tbody tr[data-index="1"] input[data-field=first_day]').fill('2017-10-17');
  await page.locator('#visits tbody tr[data-index="1"] input[data-field=last_day]').fill('2017-10-18');
  await settled();
  const fill = await page.getAttribute('#timeline g.visit[data-visit-index="1"] rect', 'fill');
  assert.equal(fill, '#d93025');
  // Keyboard: Enter on the finding focuses the first row involved and selects the bars.
  await page.focus('#findings li[data-code=TEAM_OVERLAP]');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr')?.dataset.index), '0');
  assert.equal(await page.locator('#timeline g.visit.selected').count(), 2);
  await page.click('#reset');
});

test('downloads JSON, CSV and iCalendar without any network request', async () => {
  const [ics] = await Promise.all([page.waitForEvent('download'), page.click('#download-ics')]);
  const text = (await import('node:fs')).readFileSync(await ics.path(), 'utf8');
  assert.equal(ics.suggestedFilename(), 'calendar.ics');
  assert.equal((text.match(/BEGIN:VEVENT/g) ?? []).length, 6);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  assert.match((await import('node:fs')).readFileSync(await csv.path(), 'utf8'), /^id,county,first_day,last_day,team,round\n/);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  assert.equal(JSON.parse((await import('node:fs')).readFileSync(await json.path(), 'utf8')).visits.length, 6);
});

test('readable at phone width: nothing overflows the page', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  // The timeline keeps its natural size (legible 12px text) and scrolls sideways.
  const scale = await page.evaluate(() => {
    const svg = document.querySelector('.timeline svg');
    return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  });
  assert.ok(scale >= 0.99, `timeline drawn at ${scale.toFixed(2)} of its size`);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'page-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('checking a generated 10,000-session campaign in the browser (timing)', async () => {
  const timing = await page.evaluate(async () => {
    const m = await import('/node_modules/campaign-core-wasm/pkg/campaign_core_wasm.js');
    const t = await import('/node_modules/campaign-core-wasm/pkg/campaign_core_tools.js');
    await t.default({ module_or_path: '/node_modules/campaign-core-wasm/pkg/campaign_core_tools_bg.wasm' });
    const doc = t.generateCampaign(10000, 42);
    const runs = [];
    let report;
    for (let i = 0; i < 7; i += 1) {
      const t0 = performance.now();
      report = m.check(doc, null);
      runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);
    return { sessions: report.sessions, findings: report.findings.length, median_ms: runs[3], min_ms: runs[0], max_ms: runs[6] };
  });
  assert.ok(timing.sessions >= 10000);
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(path.join(artifacts, 'timing.json'), JSON.stringify(timing, null, 2));
  console.log(`browser check of ${timing.sessions} sessions: median ${timing.median_ms.toFixed(1)} ms (min ${timing.min_ms.toFixed(1)}, max ${timing.max_ms.toFixed(1)})`);
});

test('a 10,000-visit calendar with thousands of findings shows its first findings at once (timing)', async () => {
  const timing = await page.evaluate(async () => {
    // Ten teams, 10,000 two-day visits over 1,000 days: thousands of overlaps, weekends, holidays.
    const visits = [];
    let seed = 7;
    const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const base = Date.UTC(2012, 0, 2);
    const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
    for (let i = 0; i < 10000; i += 1) {
      const start = base + rand(1000) * 86400000;
      visits.push({ id: `v${i}`, county: ['AL-02', 'korca', 'Tirana', 'AL-09'][rand(4)], first_day: iso(start), last_day: iso(start + 86400000), team: `t${rand(10)}` });
    }
    const teams = Array.from({ length: 10 }, (_, k) => ({ id: `t${k}` }));
    const text = JSON.stringify({ format_version: 1, name: { sq: 'Provë', en: 'Large' }, teams, visits });
    // Uploaded as a file (pasting a megabyte into the text box costs the browser more
    // than the whole check).
    const files = new DataTransfer();
    files.items.add(new File([text], 'large.json', { type: 'application/json' }));
    const upload = document.querySelector('#upload');
    const t0 = performance.now();
    upload.files = files.files;
    upload.dispatchEvent(new Event('change'));
    await new Promise((resolve, reject) => {
      const check = () => {
        if (document.querySelector('#campaign-name').textContent === 'Large' && document.querySelector('#findings').dataset.state === 'drawn' && document.querySelector('#findings li')) resolve();
        else if (performance.now() - t0 > 20000) reject(new Error(`not shown: ${document.querySelector('#io-error').textContent}`));
        else requestAnimationFrame(check);
      };
      check();
    });
    const shown = performance.now() - t0;
    // An edit (the first visit moves by a day): checked again in the worker, first
    // findings shown. `blocked` is how long the input event held the main thread.
    const input = document.querySelector('#visits tbody tr[data-index="0"] input[data-field=first_day]');
    const before = document.querySelector('#summary').textContent;
    const runs = [];
    const blocked = [];
    // When the page marks the findings drawn (a mutation observer's callback runs right
    // after the page's task): an edit's time splits into the page's part and the wait
    // for the next frame.
    let drawnAt = 0;
    const marks = new MutationObserver(() => {
      if (document.querySelector('#findings').dataset.state === 'drawn') drawnAt = performance.now();
    });
    marks.observe(document.querySelector('#findings'), { attributes: true, attributeFilter: ['data-state'] });
    const splits = [];
    for (let k = 0; k < 5; k += 1) {
      const day = new Date(Date.parse(input.value) + (k % 2 ? -1 : 1) * 86400000).toISOString().slice(0, 10);
      const t1 = performance.now();
      input.value = day;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      blocked.push(performance.now() - t1);
      await new Promise((resolve) => {
        const done = () => (document.querySelector('#findings').dataset.state === 'drawn' ? resolve() : requestAnimationFrame(done));
        done();
      });
      runs.push(performance.now() - t1);
      const timing = JSON.parse(document.querySelector('#findings').dataset.timing);
      splits.push({ drawn_ms: drawnAt - t1, frame_wait_ms: performance.now() - drawnAt, answer_ms: timing.answer_ms });
    }
    marks.disconnect();
    runs.sort((a, b) => a - b);
    blocked.sort((a, b) => a - b);
    // The first findings of each group come with the check; "more" asks for the next page.
    const warnings = document.querySelector('#findings .group.warning');
    const more = { before: warnings.querySelectorAll('li').length };
    warnings.querySelector('button.more').click();
    await new Promise((resolve) => {
      const grown = () => (warnings.querySelectorAll('li').length > more.before ? resolve() : requestAnimationFrame(grown));
      grown();
    });
    more.after = warnings.querySelectorAll('li').length;
    more.label = warnings.querySelector('button.more')?.textContent;
    more.group = Number(warnings.querySelector('h3').textContent.match(/\((\d+)\)/)[1]);
    // Where an edit's time goes.
    const wasm = await import('/node_modules/campaign-core-wasm/pkg/campaign_core_wasm.js');
    const doc = JSON.parse(text);
    const p0 = performance.now();
    const c = new wasm.Campaign(doc);
    const p1 = performance.now();
    const r = c.report(null);
    const p2 = performance.now();
    const ranks = r.severities();
    const first = r.findingsAt(Uint32Array.from({ length: 100 }, (_, k) => k));
    const p3 = performance.now();
    const parts = { validate_ms: p1 - p0, check_ms: p2 - p1, first_findings_ms: p3 - p2, listed: ranks.length, first: first.length };
    r.free(); c.free();
    const worker = JSON.parse(document.querySelector('#findings').dataset.timing);
    return { more, parts, worker, splits, load_ms: shown, edit_median_ms: runs[2], edit_max_ms: runs[4], blocked_max_ms: blocked[4], findings: before, rows: document.querySelectorAll('#visits tbody tr').length, items: document.querySelectorAll('#findings li').length };
  });
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(path.join(artifacts, 'timing-large.json'), JSON.stringify(timing, null, 2));
  console.log(`10,000 visits (${timing.findings}): loaded and first findings shown after ${timing.load_ms.toFixed(0)} ms; an edit checked and shown in ${timing.edit_median_ms.toFixed(0)} ms (median of 5, max ${timing.edit_max_ms.toFixed(0)}; main thread held at most ${timing.blocked_max_ms.toFixed(1)} ms); in the worker ${JSON.stringify(timing.worker)}; on the main thread, warm ${JSON.stringify(timing.parts)}`);
  const round = (x) => Math.round(x * 10) / 10;
  console.log(`each edit: ${timing.splits.map((s) => `answered ${round(s.answer_ms)}, drawn ${round(s.drawn_ms)}, next frame +${round(s.frame_wait_ms)} ms`).join('; ')}`);
  assert.ok(timing.load_ms < 1000, `first findings after ${timing.load_ms} ms`);
  assert.ok(timing.rows <= 200, `${timing.rows} rows rendered`);
  assert.ok(timing.items > 0 && timing.items <= 300, `${timing.items} findings rendered`);
  assert.equal(timing.more.before, 25, 'the first 25 warnings come with the check');
  assert.equal(timing.more.after, 125, 'then 100 more on request');
  assert.match(timing.more.label, new RegExp(`\\b${timing.more.group - 125}\\b`), `the button counts the warnings left: ${timing.more.label}`);
  assert.match(timing.findings, /10000 visits/);
  await page.click('#reset');
});

test('typing a year digit by digit into a date field never breaks the page, and the check follows', async () => {
  await page.click('#reset');
  await settled();
  const before = { codes: (await codes()).sort(), summary: await page.textContent('#summary') };
  const input = page.locator('#visits tbody tr[data-index="0"] input[data-field=first_day]');
  // Chromium's date field: month, day, year segments; the year is typed over, and the
  // value passes through years 0002, 0020 and 0201 on the way to 2017.
  await input.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const seen = [];
  for (const digit of '2017') {
    await page.keyboard.press(digit);
    await settled();
    seen.push({ value: await input.inputValue(), code: await page.evaluate(() => document.querySelector('#findings p.group.error')?.dataset.code ?? null) });
  }
  assert.deepEqual(seen.map((s) => s.value), ['0002-10-16', '0020-10-16', '0201-10-16', '2017-10-16']);
  // Each year before 1900 is a typed, located error, shown beside the row; never a crash.
  for (const s of seen.slice(0, 3)) assert.equal(s.code, 'LIMIT_EXCEEDED', JSON.stringify(seen));
  assert.equal(seen[3].code, null);
  assert.deepEqual((await codes()).sort(), before.codes);
  assert.equal(await page.textContent('#summary'), before.summary);
  // The same again a hundred times (the wasm module once broke for good after ~100 panics).
  for (let k = 0; k < 50; k += 1) {
    await input.fill('0002-10-16');
    await input.fill('2017-10-16');
  }
  assert.deepEqual((await codes()).sort(), before.codes);
});

test('the page gets the catalogue\'s typed error or outcome for the hostile cases marked "page"', async () => {
  const hostile = JSON.parse(readFileSync(path.join(here, '../cases/hostile.json'), 'utf8'));
  const textOf = (c) => (typeof c.input === 'string' ? c.input
    : c.input.before + Array.from({ length: c.input.count }, (_, i) => c.input.repeat.replaceAll('{i}', String(i))).join(c.input.join) + c.input.after);
  const cases = hostile.cases.filter((c) => c.page);
  assert.ok(cases.length >= 10, `${cases.length} cases`);
  for (const c of cases) {
    await page.click('#reset');
    await settled();
    const name = c.kind === 'document_csv' ? 'case.csv' : 'case.json';
    await page.setInputFiles('#upload', { name, mimeType: 'text/plain', buffer: Buffer.from(textOf(c), 'utf8') });
    const e = c.expect;
    if (e.code) {
      await page.waitForSelector('#io-error:not([hidden])');
      assert.equal(await page.getAttribute('#io-error', 'data-code'), e.code, c.name);
      const text = await page.textContent('#io-error');
      assert.match(text, /kept as it was/, c.name);
      if (e.path) assert.ok(text.includes(`at ${e.path}`), `${c.name}: ${text}`);
      if (e.line) assert.ok(text.includes(`line ${e.line}, column ${e.column}`), `${c.name}: ${text}`);
      if (e.suggestion) assert.ok(text.includes(e.suggestion), `${c.name}: ${text}`);
      assert.equal(await page.locator('#visits tbody tr').count(), 6, c.name);
    } else {
      await page.waitForFunction(() => document.querySelector('#campaign-name').textContent !== 'Choose opportunities, not irregular migration!');
      await settled();
      assert.equal(await page.isHidden('#io-error'), true, c.name);
      if (e.codes) assert.deepEqual([...new Set(await codes())].sort(), e.codes, c.name);
      if (e.visits) assert.equal(await page.locator('#visits tbody tr').count(), e.visits, c.name);
      if (e.counts) {
        const summary = await page.textContent('#summary');
        assert.ok(summary.includes(`${e.counts.error} errors, ${e.counts.warning} warnings, ${e.counts.info} notes`), `${c.name}: ${summary}`);
        assert.ok(await page.locator('#findings li').count() <= 300, c.name);
      }
    }
  }
  await page.click('#reset');
});

test('the programme of the Durrës visit shows in Albanian then English, assumptions marked, and prints alone', async () => {
  await page.click('#reset');
  await settled();
  await page.selectOption('#programme-visit', 'durres-2017');
  await page.click('#programme-show');
  await page.waitForSelector('#programme section.lang[lang=en]');
  const langs = await page.$$eval('#programme section.lang', (s) => s.map((x) => x.lang));
  assert.deepEqual(langs, ['sq', 'en']);
  const sq = await page.textContent('#programme section.lang[lang=sq]');
  const en = await page.textContent('#programme section.lang[lang=en]');
  assert.match(sq, /Durrës \(durres-2017\): 16 tetor 2017 – 17 tetor 2017/);
  assert.match(sq, /Punëtori/);
  assert.match(sq, /mbi 30/);
  assert.match(en, /Workshop with the Regional Committee/);
  assert.match(en, /more than 30/);
  assert.match(en, /Identifying victims of trafficking/);
  assert.match(en, /set by the Regional Education Directorate/);
  assert.match(en, /assumption: not stated by the source/);
  assert.match(en, /09:00–10:30\*/); // the start time is a planning default
  assert.equal(await page.isEnabled('#programme-print'), true);
  mkdirSync(artifacts, { recursive: true });
  await page.evaluate(() => document.body.classList.add('printing-programme'));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isHidden('#findings'), true); // only the programme prints
  await page.screenshot({ path: path.join(artifacts, 'programme-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.body.classList.remove('printing-programme'));
  // An unknown visit is a typed error, shown where the programme would be.
  await page.evaluate(() => { const o = document.createElement('option'); o.value = 'nowhere'; document.querySelector('#programme-visit').append(o); });
  await page.selectOption('#programme-visit', 'nowhere');
  await page.click('#programme-show');
  await page.waitForSelector('#programme p.io-error[data-code=INVALID_VALUE]');
});

test('"Suggest dates for the counties left" fills the calendar with the plan, reasons beside the rows, no error', async () => {
  await page.click('#reset');
  await settled();
  await page.fill('#plan-from', '2018-01-15');
  await page.fill('#plan-to', '2018-06-15');
  for (const day of ['monday', 'friday']) await page.uncheck(`#planner .weekdays input[value=${day}]`);
  await page.click('#suggest');
  await page.waitForSelector('#plan-summary[data-state=done]', { timeout: 20000 });
  await settled();
  assert.equal(await page.locator('#visits tbody tr').count(), 12);
  assert.match(await page.textContent('#plan-summary'), /6 visits proposed, 0 counties not placed; finish 2018-02-21 \(the earliest possible\)/);
  // Beside each planned row its reason (a label; the whole reason as the tooltip and in the list).
  const why = await page.$$eval('#visits tbody td.why', (tds) => tds.map((td) => [td.textContent, td.title]));
  assert.deepEqual(why.slice(0, 6).map((w) => w[0]), ['', '', '', '', '', '']);
  assert.deepEqual(why.slice(6).map((w) => w[0]), ['weekday', 'weekday', 'weekday', 'weekday', 'weekday', 'weekday']);
  assert.match(why[6][1], /^Not earlier: 2018-01-15 is a Monday, not one of the allowed weekdays$/);
  const list = await page.$$eval('#plan-why li', (lis) => lis.map((li) => li.textContent));
  assert.equal(list.length, 6);
  assert.match(list[0], /^Gjirokastër, 2018-01-16 – 2018-01-17 Not earlier: 2018-01-15 is a Monday/);
  assert.match(list[1], /previous visit \(Gjirokastër, until 2018-01-17\)/);
  const counties = await page.$$eval('#visits tbody tr select', (ss) => ss.map((s) => s.value));
  assert.deepEqual(counties.slice(6).sort(), ['AL-01', 'AL-04', 'AL-05', 'AL-08', 'AL-11', 'AL-12']);
  assert.match(await page.textContent('#summary'), /12 visits, 120 sessions: 0 errors/);
  const days = await page.$$eval('#visits tbody input[data-field=first_day]', (is) => is.slice(6).map((i) => i.value));
  for (const d of days) assert.ok(['Tue', 'Wed'].includes(new Date(`${d}T12:00:00Z`).toUTCString().slice(0, 3)), d);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'page-plan.png'), fullPage: true });
  // The proposal stays editable: a planned visit moved onto 14 March (Summer Day) is an error.
  const first = page.locator('#visits tbody tr[data-index="6"] input[data-field=first_day]');
  const last = page.locator('#visits tbody tr[data-index="6"] input[data-field=last_day]');
  await first.fill('2018-03-13');
  await last.fill('2018-03-14');
  assert.ok((await codes()).includes('PUBLIC_HOLIDAY'));
  // A window with no room: every county reported with its reason; a bad team list is a typed error.
  await page.click('#reset');
  await settled();
  await page.fill('#plan-from', '2018-01-16');
  await page.fill('#plan-to', '2018-01-19');
  await page.click('#suggest');
  await page.waitForSelector('#plan-summary[data-state=done]');
  assert.match(await page.textContent('#plan-summary'), /1 visits proposed, 5 counties not placed/);
  assert.equal(await page.locator('#plan-unplaced li[data-code=NO_TIME]').count(), 5);
  await page.fill('#plan-teams', 'a, a');
  await page.click('#suggest');
  await page.waitForSelector('#plan-summary[data-state=error][data-code=INVALID_VALUE]');
  await page.fill('#plan-teams', '');
  await page.click('#reset');
  await settled();
});

test('downloads a workbook (.xlsx) and reads it back; a hand-made one with a typo shows the cell', async () => {
  const fs = await import('node:fs');
  await page.click('#reset');
  await settled();
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#download-xlsx')]);
  assert.equal(xlsx.suggestedFilename(), 'campaign.xlsx');
  const file = path.join(artifacts, 'campaign.xlsx');
  mkdirSync(artifacts, { recursive: true });
  fs.copyFileSync(await xlsx.path(), file);
  assert.equal(fs.readFileSync(file).subarray(0, 2).toString(), 'PK');
  // Back in: the same six visits.
  await page.click('#visits tbody tr[data-index="0"] button[data-action=remove]');
  await settled();
  assert.equal(await page.locator('#visits tbody tr').count(), 5);
  await page.setInputFiles('#upload', file);
  await page.waitForFunction(() => document.querySelectorAll('#visits tbody tr').length === 6);
  await settled();
  const dates = await page.$$eval('#visits tbody input[data-field=first_day]', (is) => is.map((i) => i.value));
  assert.deepEqual(dates, ['2017-10-16', '2017-11-15', '2017-11-22', '2017-12-05', '2017-12-12', '2017-12-19']);
  // A hand-made workbook (tests/cases/make_workbooks.py) with a misspelt county.
  await page.setInputFiles('#upload', path.resolve(here, '../cases/calendar_typo.xlsx'));
  await page.waitForSelector('#io-error:not([hidden])');
  assert.equal(await page.getAttribute('#io-error', 'data-code'), 'UNKNOWN_COUNTY');
  assert.match(await page.textContent('#io-error'), /sheet "Plani", cell A3/);
  assert.equal(await page.locator('#visits tbody tr').count(), 6); // the calendar was kept
});

test('no request leaves 127.0.0.1, and a screenshot is written', async () => {
  await page.click('#reset');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'page.png'), fullPage: true });
  assert.ok(requests.length >= 4, `requests: ${requests}`);
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  // The page runs on the npm package as installed from its tarball (scripts/build-wasm.sh),
  // not on the build folder: the way another web tool would use it.
  const used = requests.map((u) => new URL(u).pathname).filter((p) => p.endsWith('.wasm'));
  assert.ok(used.includes('/node_modules/campaign-core-wasm/pkg/campaign_core_wasm_bg.wasm'), used.join(' '));
  assert.ok(used.every((p) => p.startsWith('/node_modules/campaign-core-wasm/pkg/')), used.join(' '));
});
