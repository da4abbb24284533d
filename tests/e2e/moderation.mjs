// Browser checks of moderation (issue 7), run by browser.test.mjs: an employer posts a
// scam-like job through the form; it is flagged and their list says "under review" without
// the reasons; an admin sees it in /admin/moderation with the reasons naming its signals,
// approves it, and it goes live on its public page.
// Screenshots: moderation-employer.png, moderation-queue.png, moderation-approved.png.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const PASSWORD = 'e2e-moderation-password-1';

async function submit(page, formSelector) {
  await Promise.all([page.waitForNavigation(), page.click(`${formSelector} button[type="submit"]`)]);
}

export async function runModerationChecks({ browser, base, outDir, check, binary, db }) {
  const adminEmail = `mod-${Date.now()}@e2e.example`;
  const created = spawnSync(binary, ['users', 'create', '--db', db, '--email', adminEmail, '--role', 'admin'], {
    input: `${PASSWORD}\n`, encoding: 'utf8',
  });
  check(created.status === 0, `an admin account is created with the CLI${created.status ? ': ' + created.stderr : ''}`);

  // The employer posts a job that reads like a scam.
  const employer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await employer.newPage();
  const errors = [];
  for (const p of [page]) p.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/signup`);
  await page.check('input[name="role"][value="employer"]');
  await page.fill('#email', `scammy-${Date.now()}@e2e.example`);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL('**/account/company'), page.click('form[action="/signup"] button[type="submit"]')]);
  await page.fill('#name', 'E2E Quick Cash Staffing');
  await page.fill('#description', 'We connect people with work from home.');
  await page.fill('#regions', 'WW');
  await submit(page, 'form[action="/account/company"]');
  await page.goto(`${base}/account/jobs/new`);
  const title = 'E2E Remote Data Entry Clerk - Start Today';
  await page.fill('#title', title);
  await page.fill('#description', 'Earn $900 a week from home, no experience needed! Contact our hiring manager on ' +
    'Telegram: @quick_cash_desk. A one-time registration fee of $129 secures your place. Send a copy of your ID ' +
    'and your bank account details to hr.quickcash@gmail.example. Act fast, spots are almost gone!');
  await page.fill('#apply_url', 'mailto:hr.quickcash@gmail.example');
  await submit(page, 'form[action="/account/jobs/new"]');
  const row = page.locator('#jobs-table tr', { hasText: title });
  check(await row.count() === 1, 'the scam-like job is listed for its employer');
  check((await row.locator('.status').textContent()).trim() === 'flagged', 'the scam-like job is flagged, not published');
  const note = await page.locator('#saved-notice').textContent();
  check(/Under review/.test(note), `the employer is told it is under review (${note.trim()})`);
  check(!/Telegram|chat app|registration fee/i.test(await page.locator('#saved-notice').textContent()),
    'the employer is not shown the reasons');
  const slug = await row.getAttribute('data-slug');
  await page.screenshot({ path: join(outDir, 'moderation-employer.png'), fullPage: true });
  let r = await page.request.get(`${base}/jobs/${slug}`);
  check(r.status() === 404, 'the flagged job has no public page');

  // The admin reviews it.
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const admin = await adminContext.newPage();
  admin.on('pageerror', (e) => errors.push(String(e)));
  await admin.goto(`${base}/signin`);
  await admin.fill('#email', adminEmail);
  await admin.fill('#password', PASSWORD);
  await Promise.all([admin.waitForURL((u) => !u.pathname.startsWith('/signin')), admin.click('form[action="/signin"] button[type="submit"]')]);
  await admin.goto(`${base}/admin/moderation`);
  const item = admin.locator(`.moderation-item[data-slug="${slug}"]`);
  check(await item.count() === 1, 'the flagged job is in the moderation queue');
  const reasons = await item.locator('.scam-reasons li').allTextContents();
  const all = reasons.join(' | ');
  check(/chat app/.test(all) && /pay/.test(all) && /bank details/.test(all) && /free-mail/.test(all),
    `its reasons name the signals it carries (${all})`);
  const score = (await item.locator('.scam-score').textContent()).trim();
  check(/^\d+%$/.test(score) && Number(score.slice(0, -1)) >= 50, `it shows its scam score (${score})`);
  await admin.screenshot({ path: join(outDir, 'moderation-queue.png'), fullPage: true });
  await Promise.all([admin.waitForURL('**/admin/moderation?**'), item.locator('form[action$="/approve"] button').click()]);
  check(/Approved and published/.test(await admin.locator('#moderation-done').textContent()), 'the queue confirms the approval');
  check(await admin.locator(`.moderation-item[data-slug="${slug}"]`).count() === 0, 'the approved job leaves the queue');

  r = await admin.goto(`${base}/jobs/${slug}`);
  check(r.status() === 200, 'the approved job has its public page');
  check((await admin.locator('h1').first().textContent()).trim() === title, 'the public page shows the job');
  // No salary from the employer: the model's estimate, marked as one, also in JSON-LD.
  const estimate = (await admin.locator('.salary-estimate').textContent()).trim();
  check(/^Estimated \$\d+k/.test(estimate), `the page shows an estimated salary range (${estimate})`);
  const ld = JSON.parse(await admin.locator('script[type="application/ld+json"]').first().textContent());
  check(ld.estimatedSalary && ld.estimatedSalary['@type'] === 'MonetaryAmountDistribution' &&
    ld.estimatedSalary.percentile10 < ld.estimatedSalary.percentile90 && ld.baseSalary === undefined,
    'JSON-LD publishes it as estimatedSalary, never as baseSalary');
  await admin.screenshot({ path: join(outDir, 'moderation-approved.png'), fullPage: true });
  await page.goto(`${base}/account/jobs`);
  check((await page.locator('#jobs-table tr', { hasText: title }).locator('.status').textContent()).trim() === 'live',
    'the employer now sees it live');

  // An employer cannot open the queue.
  r = await page.goto(`${base}/admin/moderation`);
  check(r.status() === 403, 'the queue is for admins only');
  check(errors.length === 0, `no script errors in the moderation flow${errors.length ? ': ' + errors.join(' | ') : ''}`);
  await employer.close();
  await adminContext.close();
}
