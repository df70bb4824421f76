// The page's checker, off the main thread: it reads files, validates and checks the
// calendar with campaign-core (wasm) and answers with a compact result, so typing and
// large files never freeze the page. It keeps the last report, from which the page asks
// for more findings. The tools module (CSV, iCalendar, allocation) is fetched on first use.
//
// Messages in:  {id, type: 'check', doc, page, sent}   a calendar to check (doc: object or JSON text;
//                                                      sent: when, for timing)
//               {id, type: 'findings', indices}         briefs of findings of the last report
//               {id, type: 'timeline', lang}            the last report's timeline (SVG)
//               {id, type: 'allocation', doc}           the suggested leaflet allocation
//               {id, type: 'read', text, csv}           a campaign (JSON) or calendar (CSV)
//               {id, type: 'programme', doc, visit}     the printable programme (HTML)
//               {id, type: 'export', format, doc, stamp, lang}   CSV or iCalendar text
//               {id, type: 'plan', doc, request}        dates for the counties left
//               {id, type: 'readXlsx', bytes}           a calendar sheet of a workbook
//               {id, type: 'workbook', doc, lang}       the campaign as one .xlsx workbook
// Messages out: {id, ok: true, ...} or {id, ok: false, error: {code, message, pathSegments}}
import init, * as core from './node_modules/campaign-core-wasm/pkg/campaign_core_wasm.js';

const ready = init({ module_or_path: new URL('./node_modules/campaign-core-wasm/pkg/campaign_core_wasm_bg.wasm', import.meta.url) });
// The tools module (CSV, iCalendar, the planner, allocation) and the spreadsheet module
// (.xlsx in and out) are fetched the first time they are needed.
const modules = new Map();
function lazy(name) {
  if (!modules.has(name)) {
    modules.set(name, (async () => {
      const m = await import(`./node_modules/campaign-core-wasm/pkg/${name}.js`);
      await m.default({ module_or_path: new URL(`./node_modules/campaign-core-wasm/pkg/${name}_bg.wasm`, import.meta.url) });
      return m;
    })().catch((e) => { modules.delete(name); throw e; })); // a failed fetch is tried again
  }
  return modules.get(name);
}
const tools = () => lazy('campaign_core_tools');
const sheets = () => lazy('campaign_core_sheets');

let campaign = null;
let report = null;
// The previous check's campaign and report, freed once the new answer is sent: freeing
// 10,000 visits and their findings need not delay it.
let retired = [];

function check({ doc, page, sent }) {
  // From the page's request to here: the calendar copied across threads, any request before.
  const waited = performance.timeOrigin + performance.now() - (sent ?? NaN);
  retired.push(report, campaign);
  report = null;
  campaign = null;
  const t0 = performance.now();
  campaign = new core.Campaign(doc);
  const t1 = performance.now();
  report = campaign.report(null);
  const t2 = performance.now();
  const severities = report.severities();
  // Indices of the findings in each severity rank (1 info, 2 warning, 3 error), and the
  // briefs of the first `page` findings of each (code, severity, message, visits: what
  // the list shows), so the page draws at once without asking again.
  const lists = {};
  for (let i = 0; i < severities.length; i += 1) (lists[severities[i]] ??= []).push(i);
  const groups = {};
  const first = {};
  for (const [rank, indices] of Object.entries(lists)) {
    groups[rank] = Uint32Array.from(indices);
    first[rank] = report.briefsAt(groups[rank].subarray(0, page));
  }
  const worst = report.worstByVisit();
  const t3 = performance.now();
  return {
    result: {
      visits: report.visits, sessions: report.sessions, counts: report.counts, length: report.length,
      groups, first, worst, timing: { wait_ms: waited, validate_ms: t1 - t0, check_ms: t2 - t1, list_ms: t3 - t2 },
    },
    transfer: [worst.buffer, ...Object.values(groups).map((g) => g.buffer)],
  };
}

self.onmessage = async ({ data }) => {
  try {
    await ready;
    let answer;
    if (data.type === 'check') answer = check(data);
    else if (data.type === 'findings') {
      if (!report) throw Object.assign(new Error('no report yet'), { code: 'NO_REPORT' });
      answer = { result: { findings: report.briefsAt(Uint32Array.from(data.indices)) }, transfer: [] };
    } else if (data.type === 'timeline') {
      answer = { result: { svg: report ? report.timelineSvg(data.lang) : '' }, transfer: [] };
    } else if (data.type === 'read') {
      const doc = data.csv ? (await tools()).documentFromCsv(data.text) : core.validate(data.text);
      answer = { result: { doc }, transfer: [] };
    } else if (data.type === 'export') {
      const m = await tools();
      const text = data.format === 'csv' ? m.calendarToCsv(data.doc) : m.calendarToIcs(data.doc, data.stamp, data.lang);
      answer = { result: { text }, transfer: [] };
    } else if (data.type === 'programme') {
      const html = (await tools()).programme(data.doc, data.visit, data.lang ?? null, 'html');
      answer = { result: { html }, transfer: [] };
    } else if (data.type === 'readXlsx') {
      answer = { result: { doc: (await sheets()).documentFromXlsx(new Uint8Array(data.bytes), null) }, transfer: [] };
    } else if (data.type === 'workbook') {
      const bytes = (await sheets()).campaignWorkbook(data.doc, null, data.lang);
      answer = { result: { bytes }, transfer: [bytes.buffer] };
    } else if (data.type === 'plan') {
      answer = { result: { plan: (await tools()).plan(data.doc, data.request) }, transfer: [] };
    } else if (data.type === 'allocation') {
      const m = await tools();
      const request = m.suggestedAllocation(data.doc);
      answer = { result: { allocation: request ? m.allocate(data.doc, request) : null }, transfer: [] };
    } else throw Object.assign(new Error(`unknown request ${data.type}`), { code: 'BAD_REQUEST' });
    self.postMessage({ id: data.id, ok: true, ...answer.result }, answer.transfer);
  } catch (e) {
    // A CampaignError's code and path do not survive structured cloning: copy them.
    self.postMessage({ id: data.id, ok: false, error: { code: e.code ?? 'ERROR', message: String(e.message ?? e), pathSegments: e.pathSegments ?? [] } });
  } finally {
    for (const old of retired.splice(0)) old?.free();
  }
};
