// The npm package of the wasm bindings, as a third party gets it: `npm pack`, install the
// tarball into a scratch project, import both modules and run them under Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const pkgDir = path.join(root, 'bindings-wasm');

test('the package version is the Rust workspace version', () => {
  const cargo = readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  const version = /\[workspace\.package\][^[]*?\nversion\s*=\s*"([^"]+)"/.exec(cargo)[1];
  assert.equal(JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version, version);
});

test('npm pack, install the tarball, import and check under Node', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'campaign-npm-'));
  try {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: pkgDir, encoding: 'utf8' }));
    const files = packed.files.map((f) => f.path).sort();
    for (const f of ['package.json', 'README.md', 'types.d.ts', 'pkg/campaign_core_wasm.js', 'pkg/campaign_core_wasm_bg.wasm',
      'pkg/campaign_core_wasm.d.ts', 'pkg/campaign_core_tools.js', 'pkg/campaign_core_tools_bg.wasm', 'pkg/campaign_core_tools.d.ts',
      'pkg/campaign_core_sheets.js', 'pkg/campaign_core_sheets_bg.wasm', 'pkg/campaign_core_sheets.d.ts']) {
      assert.ok(files.includes(f), `${f} in ${files}`);
    }
    const project = path.join(scratch, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', path.join(scratch, packed.filename)], { cwd: project });
    // The README's Node example.
    writeFileSync(path.join(project, 'use.mjs'), `
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, check, builtinCampaign, version } from 'campaign-core-wasm';
import * as tools from 'campaign-core-wasm/tools';
const require = createRequire(import.meta.url);
initSync({ module: readFileSync(require.resolve('campaign-core-wasm/campaign_core_wasm_bg.wasm')) });
tools.initSync({ module: readFileSync(require.resolve('campaign-core-wasm/campaign_core_tools_bg.wasm')) });
const doc = builtinCampaign();
let error = null;
try { check('{"format_version": 1', null); } catch (e) { error = { name: e.name, code: e.code }; }
console.log(JSON.stringify({
  version: version(),
  counts: check(doc, { as_of: '2017-11-10' }).counts,
  programme: tools.programme(doc, 'durres-2017', 'en', 'text').split('\\n')[0],
  planned: tools.plan(doc, { window: { start: '2018-01-15', end: '2018-06-15' }, weekdays: ['tuesday', 'wednesday', 'thursday'], lang: 'en' })
    .visits.map((v) => v.first_day),
  error,
}));
`);
    const out = JSON.parse(execFileSync('node', ['use.mjs'], { cwd: project, encoding: 'utf8' }));
    assert.equal(out.version, JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version);
    assert.deepEqual(out.counts, { error: 0, warning: 2, info: 5 });
    assert.equal(out.programme, 'Choose opportunities, not irregular migration!');
    assert.deepEqual(out.planned, ['2018-01-16', '2018-01-23', '2018-01-30', '2018-02-06', '2018-02-13', '2018-02-20']);
    assert.deepEqual(out.error, { name: 'CampaignError', code: 'INVALID_JSON' });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
