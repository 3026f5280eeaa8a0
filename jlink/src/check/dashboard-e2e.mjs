// The dashboard in headless Chromium (run by scripts/dashboard-e2e.sh, which starts loombusd and
// sets the environment): the page, opened with its token, must list a connected client, draw a
// graph that moves when traffic flows, refuse a tail the rules do not allow, and show a tail's
// MessagePack payload as JSON and its text payload as text. Exits non-zero on the first failure.
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const require = createRequire(env('E2E_NODE_MODULES') + '/');
const { chromium } = require('playwright-core');
const LOOMBUS = env('LOOMBUS');
const SOCK = env('SOCK');
const STEP_MS = 15000;

function publish(topic, payload) {
  execFileSync(LOOMBUS, [SOCK, '-n', 'e2e.pub', 'publish', topic], { input: payload });
}

// {"temp": 21.5, "unit": "C"} in MessagePack, written out byte by byte
const PACKED = Buffer.from([
  0x82, 0xa4, ...Buffer.from('temp'), 0xcb, 0x40, 0x35, 0x80, 0, 0, 0, 0, 0,
  0xa4, ...Buffer.from('unit'), 0xa1, ...Buffer.from('C'),
]);

let passed = 0;
async function check(name, body) {
  await body();
  passed++;
  console.log(`dashboard e2e: ok - ${name}`);
}

const listener = spawn(LOOMBUS, [SOCK, '-n', 'e2e.listener', 'listen', '-t', 'e2e/#'],
  { stdio: ['ignore', 'ignore', 'inherit'] });
const browser = await chromium.launch({ executablePath: env('CHROMIUM'), headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1300, height: 1100 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${env('URL')}?token=${encodeURIComponent(env('TOKEN'))}`);

  await check('the client list shows a connected client with its kind and user', async () => {
    const row = page.locator('#clients tbody tr[data-name="e2e.listener"]');
    await row.waitFor({ timeout: STEP_MS });
    const cells = await row.locator('td').allTextContents();
    assert.equal(cells[1], 'local_ipc');
    assert.equal(cells[2], SOCK);
    assert.match(cells[3], /^\S+ \/ \S+$/);
  });

  await check('the frames graph updates and rises with traffic', async () => {
    const graph = page.locator('#graph-frames');
    const samples = async () => Number(await graph.getAttribute('data-samples'));
    await page.waitForFunction(() =>
      Number(document.getElementById('graph-frames').dataset.samples) >= 2, null,
    { timeout: STEP_MS });
    const before = await samples();
    const pointsBefore = await graph.locator('polyline.in').getAttribute('points');
    for (let i = 0; i < 3; i++) publish('e2e/load', `load ${i}`);
    // some sample of the "in" line above the baseline (y = 100) means a non-zero rate was drawn
    await page.waitForFunction(() => {
      const line = document.querySelector('#graph-frames polyline.in');
      return line.getAttribute('points').split(' ').some((p) => Number(p.split(',')[1]) < 99);
    }, null, { timeout: STEP_MS });
    assert.ok(await samples() > before);
    assert.notEqual(await graph.locator('polyline.in').getAttribute('points'), pointsBefore);
  });

  await check('the rules are shown, and a tail beyond them is refused', async () => {
    await page.locator('#rules tbody tr[data-name="loombus.dashboard"]').waitFor({ timeout: STEP_MS });
    assert.match(await page.locator('#rules-summary').textContent(), /may follow: e2e\/#/);
    await page.fill('#tail-mask', '#');
    await page.click('#tail-toggle');
    await page.waitForFunction(() =>
      document.getElementById('tail-state').textContent.startsWith('403'), null,
    { timeout: STEP_MS });
    assert.match(await page.locator('#tail-state').textContent(),
      /403: tail refused: mask '#' is not covered by the subscribe rule of 'loombus.dashboard'/);
  });

  await check('the tail shows MessagePack as JSON and text as text', async () => {
    await page.fill('#tail-mask', 'e2e/#');
    await page.click('#tail-toggle');
    await page.waitForFunction(() =>
      document.getElementById('tail-state').textContent.startsWith('tailing e2e/# as'), null,
    { timeout: STEP_MS });
    publish('e2e/text', 'hello from the e2e test');
    publish('e2e/packed', PACKED);
    const text = page.locator('#tail-list li[data-topic="e2e/text"] .payload');
    const packed = page.locator('#tail-list li[data-topic="e2e/packed"] .payload');
    await text.waitFor({ timeout: STEP_MS });
    await packed.waitFor({ timeout: STEP_MS });
    assert.equal(await text.getAttribute('data-form'), 'text');
    assert.equal(await text.textContent(), 'hello from the e2e test');
    assert.equal(await packed.getAttribute('data-form'), 'msgpack');
    assert.equal(await packed.textContent(), '{"temp":21.5,"unit":"C"}');
  });

  await page.screenshot({ path: env('SHOT'), fullPage: true });
  assert.deepEqual(errors, [], 'no script errors on the page');
  console.log(`dashboard e2e: ${passed} passed, 0 failed (screenshot ${env('SHOT')})`);
} finally {
  await browser.close();
  listener.kill();
}
