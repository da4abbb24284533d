// Browser checks of the admin model dashboard (issue 8), run by browser.test.mjs: the CLI adds
// a second scam version (forced to champion) and two drift checks to the demo database; an
// admin opens /admin/models, where uPlot draws the metrics and drift charts (canvases with a
// size), rolls the scam model back and promotes it again with "force", and the page shows
// each new champion. Anonymous visitors are sent to sign in.
// Screenshot: models-dashboard.png.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const PASSWORD = 'e2e-models-password-1';

function cli(binary, args, input) {
  return spawnSync(binary, args, { input, encoding: 'utf8' });
}

export async function runModelChecks({ browser, base, outDir, check, binary, db }) {
  // A second scam version (another seed: other bytes), champion whatever its metric.
  const trained = cli(binary, ['train', 'scam', '--seed', '7', '--force', '--no-rescreen', '--db', db, '--log-level', 'warn']);
  check(trained.status === 0 && /scam v2 registered/.test(trained.stdout),
    `a second scam version is trained and forced to champion${trained.status ? ': ' + trained.stderr : ''}`);
  // Two drift checks a second apart: two points per column on the drift charts.
  for (let i = 0; i < 2; i++) {
    if (i > 0) await new Promise((done) => setTimeout(done, 1100));
    const drift = cli(binary, ['models', 'drift', '--days', '3650', '--db', db, '--log-level', 'warn']);
    check(drift.status === 0, `drift check ${i + 1} runs${drift.status ? ': ' + drift.stderr : ''}`);
  }
  const adminEmail = `models-${Date.now()}@e2e.example`;
  const created = cli(binary, ['users', 'create', '--db', db, '--email', adminEmail, '--role', 'admin'], `${PASSWORD}\n`);
  check(created.status === 0, `an admin account is created with the CLI${created.status ? ': ' + created.stderr : ''}`);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });

  // Anonymous visitors are sent to sign in first.
  let r = await page.request.get(`${base}/admin/models`, { maxRedirects: 0 });
  check(r.status() === 303 && /^\/signin/.test(r.headers().location || ''), 'the dashboard asks anonymous visitors to sign in');

  await page.goto(`${base}/signin`);
  await page.fill('#email', adminEmail);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/signin')), page.click('form[action="/signin"] button[type="submit"]')]);
  await page.goto(`${base}/account`);
  check(await page.locator('#models-link').count() === 1, 'the account page links admins to the dashboard');
  await Promise.all([page.waitForURL('**/admin/models'), page.click('#models-link')]);

  const scam = page.locator('#model-scam');
  check(await scam.count() === 1, 'the dashboard has the scam model');
  check(await page.locator('.model-card').count() >= 3, 'and the salary and recommender models');
  check((await scam.locator('.champion').textContent()).trim() === 'v2', 'scam v2 is the champion');
  check((await scam.locator('.serving').textContent()).trim().startsWith('v'), 'it shows the version this server serves');
  check(await scam.locator('.versions-table tbody tr').count() === 2, 'both scam versions are listed');
  check(await scam.locator('.drift-table tbody tr').count() > 0, 'the newest drift check has a row per column');

  // uPlot draws every chart: a canvas with a size inside each chart element.
  await page.waitForFunction(() => {
    const plots = [...document.querySelectorAll('.chart-plot')];
    return plots.length > 0 && plots.every((p) => {
      const c = p.querySelector('canvas');
      return c && c.width > 0 && c.height > 0;
    });
  }, null, { timeout: 10000 }).catch(() => {});
  const sizes = await page.$$eval('.chart-plot', (plots) => plots.map((p) => {
    const c = p.querySelector('canvas');
    const box = c ? c.getBoundingClientRect() : { width: 0, height: 0 };
    return { id: p.id, width: box.width, height: box.height };
  }));
  const blank = sizes.filter((s) => !(s.width > 0 && s.height > 0)).map((s) => s.id);
  check(sizes.length >= 4 && blank.length === 0,
    `uPlot drew ${sizes.length} charts with a size${blank.length ? '; blank: ' + blank.join(', ') : ''}`);
  check(sizes.some((s) => s.id === 'chart-scam-metrics') && sizes.some((s) => /^chart-scam-drift-/.test(s.id)),
    'the scam model has a metrics chart and a drift chart');
  const legend = await page.locator('#chart-scam-metrics .u-legend').textContent();
  check(/f1 \(gate\)/.test(legend), 'the metrics chart names the gate metric in its legend');
  await page.screenshot({ path: join(outDir, 'models-dashboard.png'), fullPage: true });

  // Roll back: v1 is champion again.
  await Promise.all([page.waitForURL('**/admin/models?**'), scam.locator('.rollback-form button').click()]);
  check(/Rolled back: scam v1 is the champion now/.test(await page.locator('#models-notice').textContent()),
    'the dashboard confirms the rollback');
  check((await page.locator('#model-scam .champion').textContent()).trim() === 'v1', 'scam v1 is the champion after the rollback');

  // Promote v2 again: the gate may refuse it; with "force" it goes through.
  const row = page.locator('#model-scam tr[data-version="2"]');
  await row.locator('input[name="force"]').check();
  await Promise.all([page.waitForURL('**/admin/models?**'), row.locator('.promote-form button').click()]);
  check((await page.locator('#model-scam .champion').textContent()).trim() === 'v2', 'a forced promote makes scam v2 champion again');
  check(/admin:models-/.test(await page.locator('#model-scam .history-table').textContent()),
    'the alias history names the admin who moved it');

  // Promoting the champion itself is refused with a message, not an error page.
  r = await page.request.post(`${base}/admin/models/scam/promote`, {
    form: { csrf: await page.locator('#model-scam .rollback-form input[name="csrf"]').getAttribute('value'), version: '2' },
    maxRedirects: 0,
  });
  check(r.status() === 409 && /already the champion/.test(await r.text()), 'promoting the champion is refused on the page (409)');
  check(errors.length === 0, `no script errors or CSP violations on the dashboard${errors.length ? ': ' + errors.join(' | ') : ''}`);
  await context.close();
}
