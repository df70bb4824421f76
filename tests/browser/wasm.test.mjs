// The wasm module under Node: the shared cross-language cases and the error contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const pkg = path.join(root, 'examples/web/pkg');
const wasm = await import(path.join(pkg, 'campaign_core_wasm.js'));
wasm.initSync({ module: readFileSync(path.join(pkg, 'campaign_core_wasm_bg.wasm')) });

const casesDir = path.join(root, 'tests/cases');
const shared = JSON.parse(readFileSync(path.join(casesDir, 'cases.json'), 'utf8'));
const load = (doc) => doc === 'builtin:2017'
  ? wasm.builtinCampaign()
  : JSON.parse(readFileSync(path.join(casesDir, doc), 'utf8'));

for (const c of shared.cases) {
  test(`shared case: ${c.name}`, () => {
    const report = wasm.check(load(c.document), c.options);
    assert.deepEqual(report.findings.map((f) => f.code).sort(), c.codes);
  });
}

for (const c of shared.errors) {
  test(`shared error: ${c.name}`, () => {
    assert.throws(() => wasm.check(c.json), (e) => {
      assert.ok(e instanceof Error);
      assert.equal(e.name, 'CampaignError');
      assert.equal(e.code, c.code);
      assert.equal(e.path, c.path);
      return true;
    });
  });
}

test('documents are accepted as objects and as JSON text alike', () => {
  const doc = wasm.builtinCampaign();
  assert.deepEqual(wasm.check(doc), wasm.check(JSON.stringify(doc)));
  assert.equal(doc.visits.length, 6);
});

test('non-documents throw typed errors, never panic', () => {
  for (const bad of [undefined, null, 42, true, '', '[]', '{"format_version":2}']) {
    assert.throws(() => wasm.check(bad), (e) => e instanceof Error && typeof e.code === 'string');
  }
  // The module still works after errors.
  assert.equal(wasm.check(wasm.builtinCampaign()).counts.error, 0);
});

test('CSV errors carry line and column', () => {
  assert.throws(() => wasm.documentFromCsv('county,first_day,last_day\nDurrës,2017-10-16,x\n'), (e) => {
    assert.equal(e.code, 'INVALID_CSV');
    assert.equal(e.line, 2);
    assert.equal(e.column, 3);
    return true;
  });
  const doc = wasm.documentFromCsv(wasm.calendarToCsv(wasm.builtinCampaign()));
  assert.equal(doc.visits.length, 6);
});

test('unknown county suggests the closest', () => {
  const doc = { format_version: 1, name: { sq: 'a', en: 'b' }, visits: [{ county: 'Shkodrra', first_day: '2018-03-05', last_day: '2018-03-06' }] };
  assert.throws(() => wasm.check(doc), (e) => e.code === 'UNKNOWN_COUNTY' && e.suggestion === 'Shkodër');
});

test('report text in both languages', () => {
  const doc = wasm.builtinCampaign();
  assert.match(wasm.reportText(doc, 'en'), /National Youth Day/);
  assert.match(wasm.reportText(doc, 'sq'), /Dita Kombëtare e Rinisë/);
  assert.throws(() => wasm.reportText(doc, 'fr'), (e) => e.code === 'INVALID_VALUE');
});
