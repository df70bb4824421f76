// Type-checked with `tsc --noEmit --strict`: the exports as a page author uses them.
import init, {
  Campaign, builtinCampaign, check, counties, findCounty, validate,
} from '../../examples/web/pkg/campaign_core_wasm.js';
import initTools, { allocate, calendarToIcs, documentFromCsv, suggestedAllocation } from '../../examples/web/pkg/campaign_core_tools.js';
import type { Brief, CampaignDocument, CampaignError, Finding, Report, RuleCode } from '../../examples/web/pkg/campaign_core_wasm.js';

export async function demo(): Promise<number> {
  await init();
  await initTools();
  const doc: CampaignDocument = builtinCampaign();
  doc.visits.push({ county: 'AL-11', first_day: '2018-03-05', last_day: '2018-03-06', team: 'north' });
  const report: Report = check(doc, { disabled: ['WINDOW_LONGER'], severities: { TRAVEL_TIME: 'error' } });
  const codes: RuleCode[] = report.findings.map((f: Finding) => f.code);
  const names: string[] = counties().map((c) => c.name_sq);
  const campaign = new Campaign(doc);
  const request = suggestedAllocation(doc) ?? { stock: 50_000, strategy: { population: { year: 2017 } } };
  const alloc = allocate(doc, request);
  const compact = campaign.report(null);
  const svg: string = compact.timelineSvg('sq');
  const first: Finding[] = compact.findings(0, 10);
  const briefs: Brief[] = compact.briefsAt([0, 1]);
  const errors: number = compact.counts.error + first.length + briefs[0].visit_indices.length;
  compact.free();
  campaign.free();
  const code: string = findCounty('korca').code;
  const ics: string = calendarToIcs(validate(doc), '20171001T000000Z', 'sq');
  try {
    documentFromCsv('county,first_day,last_day\nKorcha,2018-03-05,2018-03-06\n');
  } catch (e) {
    const err = e as CampaignError;
    if (err.code === 'UNKNOWN_COUNTY') return (err.suggestion?.length ?? 0) + (err.pathSegments?.length ?? 0);
  }
  return codes.length + names.length + alloc.shares.length + svg.length + ics.length + code.length + errors;
}
