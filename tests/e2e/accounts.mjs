// Browser flows of accounts (issue 3), run by browser.test.mjs against the same server:
//   - employer: sign up, company page, a job through the validated form (an error beside the
//     salary first), the job listed as pending, data export, account deletion;
//   - talent: sign up, profile (hidden, then public), JSON Resume import and export, data
//     export, deletion;
//   - XSS: script, event-handler, javascript: and attribute break-out payloads in every text
//     field; no dialog may open and window.__xss must stay undefined.
// Screenshots: employer-*.png, talent-*.png, xss-*.png in the output folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const PASSWORD = 'e2e correct horse battery';

const XSS = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  svg: '<svg onload=alert(1)>',
  js: 'javascript:alert(1)',
  // Payloads without '<' are valid plain text: they are stored and must render inert.
  attr: 'Evil" autofocus onfocus="window.__xss=1" x="',
  attr2: "Eve' onmouseover='window.__xss=2' data-x='",
};

async function signUp(page, base, role, email, shot) {
  await page.goto(`${base}/signup`);
  await page.check(`input[name="role"][value="${role}"]`);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  if (shot) await page.screenshot({ path: shot, fullPage: true });
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/signup')), page.click('form[action="/signup"] button[type="submit"]')]);
}

async function submit(page, formSelector) {
  await Promise.all([page.waitForNavigation(), page.click(`${formSelector} button[type="submit"]`)]);
}

async function downloadJson(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = await download.path();
  return { name: download.suggestedFilename(), json: JSON.parse(readFileSync(file, 'utf8')) };
}

async function signedOutHeader(page) {
  return (await page.locator('.account-nav a[href="/signin"]').count()) > 0 &&
    (await page.locator('form[action="/signout"]').count()) === 0;
}

async function deleteAccount(page, base, email) {
  await page.goto(`${base}/account`);
  await page.fill('#confirm', email);
  await Promise.all([page.waitForURL('**/signin?notice=deleted'), page.click('form[action="/account/delete"] button[type="submit"]')]);
}

async function employerFlow({ browser, base, outDir, check, watch }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  watch(page);
  const shot = (name) => page.screenshot({ path: join(outDir, `employer-${name}.png`), fullPage: true });
  const email = `boss-${Date.now()}@rockets.example`;

  await signUp(page, base, 'employer', email, join(outDir, 'employer-1-signup.png'));
  check(new URL(page.url()).pathname === '/account/company', 'employer sign-up lands on the company form');
  check(await page.locator('form[action="/signout"]').count() === 1, 'header shows the sign-out button once signed in');
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'meridian_session');
  check(session && session.httpOnly && session.sameSite === 'Lax', 'session cookie is HttpOnly and SameSite=Lax');
  check(await page.evaluate(() => document.cookie.includes('meridian_session')) === false, 'scripts cannot read the session cookie');

  // Company page.
  await page.fill('#name', 'E2E Rockets');
  await page.fill('#website', 'https://rockets.example');
  await page.fill('#description', 'We build **rockets** for remote teams.');
  await page.fill('#regions', 'WW');
  await page.fill('#technologies', 'rust, go');
  await page.selectOption('#remote_policy', 'fully-remote');
  await shot('2-company');
  await submit(page, 'form[action="/account/company"]');
  check(await page.locator('#saved-notice').isVisible(), 'company page saved');
  const companyHref = await page.locator('#saved-notice a[href^="/companies/"]').getAttribute('href');
  check(companyHref && companyHref.startsWith('/companies/'), `company page at ${companyHref}`);

  // A job: first with the salary range inverted.
  await page.goto(`${base}/account/jobs/new`);
  await page.fill('#title', 'E2E Senior Rust Engineer');
  await page.fill('#description', 'Build the **engine**.');
  await page.fill('#apply_url', 'https://rockets.example/apply');
  await page.fill('#tags', 'rust, backend');
  await page.selectOption('#seniority', 'senior');
  await page.fill('#timezone', 'Europe/Berlin');
  await page.fill('#salary_min', '200000');
  await page.fill('#salary_max', '150000');
  await page.fill('#salary_currency', 'EUR');
  await submit(page, 'form[action="/account/jobs/new"]');
  const fieldError = page.locator('#salary_min + #err-salary_min');
  check(await fieldError.isVisible(), 'salary error appears right beside the minimum salary input');
  check(/must not exceed/.test(await fieldError.textContent()), 'salary error says the minimum exceeds the maximum');
  check(await page.locator('#salary_min').getAttribute('aria-invalid') === 'true', 'the salary input is marked invalid');
  check(await page.inputValue('#title') === 'E2E Senior Rust Engineer', 'the form keeps the entered title');
  check(await page.inputValue('#salary_max') === '150000', 'the form keeps the entered salary');
  await shot('3-job-error');
  await page.fill('#salary_min', '120000');
  await submit(page, 'form[action="/account/jobs/new"]');
  check(new URL(page.url()).pathname === '/account/jobs', 'posting the job shows the jobs list');
  const row = page.locator('#jobs-table tr', { hasText: 'E2E Senior Rust Engineer' });
  check(await row.count() === 1, 'the job is listed');
  check((await row.locator('.status').textContent()).trim() === 'pending', 'the job waits for review (status pending: unverified company)');
  check(/Pending review/.test(await page.locator('#saved-notice').textContent()), 'the notice explains the pending status');
  const jobSlug = await row.getAttribute('data-slug');
  await shot('4-jobs');

  // Export.
  await page.goto(`${base}/account`);
  await shot('5-account');
  const exported = await downloadJson(page, '#export-link');
  const text = JSON.stringify(exported.json);
  check(exported.name.endsWith('.json'), `data export downloads ${exported.name}`);
  check(text.includes(email), 'export contains the account email');
  check(text.includes('E2E Senior Rust Engineer') && text.includes(jobSlug), 'export contains the job');
  check(!/password_hash|argon2/.test(text), 'export contains no password hash');

  // Delete.
  await deleteAccount(page, base, email);
  check(await signedOutHeader(page), 'after deletion the header shows Sign in, not Sign out');
  check(await page.locator('.notice', { hasText: 'deleted' }).count() === 1, 'deletion is confirmed');
  await shot('6-deleted');
  let r = await page.goto(`${base}${companyHref}`);
  check(r.status() === 404, 'the company page is gone');
  r = await page.request.get(`${base}/api/v1/jobs/${jobSlug}`);
  check(r.status() === 404, 'the job is gone');
  r = await page.goto(`${base}/account`);
  check(new URL(page.url()).pathname === '/signin', 'account pages ask to sign in again');
  await context.close();
}

async function talentFlow({ browser, base, outDir, check, watch }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  watch(page);
  const shot = (name) => page.screenshot({ path: join(outDir, `talent-${name}.png`), fullPage: true });
  const email = `dev-${Date.now()}@mail.example`;

  await signUp(page, base, 'talent', email, join(outDir, 'talent-0-signup.png'));
  check(new URL(page.url()).pathname === '/account/profile', 'talent sign-up lands on the profile form');
  await page.fill('#name', 'Ana E2E');
  await page.fill('#headline', 'Backend engineer');
  await page.fill('#skills', 'rust:5, go:3, sql');
  await page.fill('#timezone', 'Europe/Lisbon');
  await page.fill('#country', 'PT');
  await page.fill('#links', 'https://github.com/ana-e2e');
  await page.check('input[name="visibility"][value="hidden"]');
  await submit(page, 'form[action="/account/profile"]');
  check(await page.locator('#saved-notice').isVisible(), 'profile created');
  const profileHref = await page.locator('#saved-notice a[href^="/talent/"]').getAttribute('href');
  await shot('1-profile');
  let r = await page.goto(`${base}${profileHref}`);
  check(r.status() === 200, 'a hidden profile is visible to its owner');
  const anon = await browser.newContext();
  r = await (await anon.newPage()).goto(`${base}${profileHref}`);
  check(r.status() === 404, 'a hidden profile is not visible to others');

  // Edit: make it public.
  await page.goto(`${base}/account/profile`);
  check(await page.inputValue('#skills') === 'rust:5, go:3, sql', 'the form shows the stored skills');
  await page.fill('#headline', 'Backend engineer, Rust and Postgres');
  await page.check('input[name="visibility"][value="public"]');
  await submit(page, 'form[action="/account/profile"]');
  const anonPage = await anon.newPage();
  r = await anonPage.goto(`${base}${profileHref}`);
  check(r.status() === 200 && (await anonPage.locator('h1').textContent()).includes('Ana E2E'), 'the public profile is visible to everyone');
  await anonPage.screenshot({ path: join(outDir, 'talent-2-public.png'), fullPage: true });
  await anon.close();

  // Import a JSON Resume.
  const resume = {
    basics: { name: 'Ana Importada', label: 'Rust engineer', summary: 'Systems and *databases*.', email: 'ana@mail.example',
      location: { countryCode: 'PT' }, profiles: [{ network: 'GitHub', url: 'https://github.com/ana-importada' }] },
    skills: [{ name: 'Rust', level: 'Expert' }, { name: 'PostgreSQL', level: 'Advanced' }],
  };
  await page.fill('#resume', JSON.stringify(resume, null, 2));
  await shot('3-import');
  await submit(page, 'form[action="/account/profile/resume"]');
  check(await page.locator('#saved-notice', { hasText: 'imported' }).isVisible(), 'the résumé was imported');
  check(await page.inputValue('#name') === 'Ana Importada', 'the profile takes the imported name');
  await shot('4-imported');
  // A broken document is reported beside the textarea.
  await page.fill('#resume', '{"basics": ');
  await submit(page, 'form[action="/account/profile/resume"]');
  check(await page.locator('#resume + .hint + #err-resume, #resume ~ #err-resume').first().isVisible(), 'a malformed résumé is reported beside the textarea');

  // Export JSON Resume and all data.
  await page.goto(`${base}/account/profile`);
  const jr = await downloadJson(page, '#resume-export');
  check(jr.json.basics && jr.json.basics.name === 'Ana Importada', 'JSON Resume export has the imported name');
  await page.goto(`${base}/account`);
  const all = await downloadJson(page, '#export-link');
  check(JSON.stringify(all.json).includes('Ana Importada'), 'data export contains the profile');
  await shot('5-account');

  await deleteAccount(page, base, email);
  check(await signedOutHeader(page), 'after deletion the talent is signed out');
  r = await page.goto(`${base}${profileHref}`);
  check(r.status() === 404, 'the profile is gone');
  await context.close();
}

async function xssFlow({ browser, base, outDir, check, watch }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watch(page);
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const xssSet = async () => page.evaluate(() => typeof window.__xss !== 'undefined');
  let fired = false;
  const look = async (what) => {
    // Give injected handlers a chance: hover and focus everything in the main area.
    for (const el of await page.locator('main h1, main a, main input, main textarea').all()) {
      try { await el.hover({ timeout: 500 }); } catch { /* hidden elements */ }
    }
    await page.keyboard.press('Tab');
    fired = fired || await xssSet();
    check(!(await xssSet()), `no script ran on ${what}`);
  };

  // Employer: payloads in the company and job forms.
  const email = `xss-${Date.now()}@evil.example`;
  await signUp(page, base, 'employer', email);
  await page.fill('#name', XSS.script);
  await page.fill('#website', XSS.js);
  await page.fill('#description', `${XSS.img}\n\n[click](${XSS.js})`);
  await submit(page, 'form[action="/account/company"]');
  check(await page.locator('.field-error').count() > 0, 'markup in company fields is refused with field errors');
  check(await page.inputValue('#name') === XSS.script, 'the refused value is shown back as text');
  await look('the refused company form');
  await page.screenshot({ path: join(outDir, 'xss-1-company-refused.png'), fullPage: true });
  await page.fill('#name', XSS.attr);
  await page.fill('#website', 'https://evil.example/?q="><svg onload=alert(1)>');
  await page.fill('#description', 'Plain text & <3 and "quotes"');
  await submit(page, 'form[action="/account/company"]');
  const companyLink = page.locator('#saved-notice a[href^="/companies/"]');
  if (await companyLink.count() === 0) {
    // The URL with markup may be refused; try a clean website.
    await page.fill('#website', 'https://evil.example/');
    await submit(page, 'form[action="/account/company"]');
  }
  const companyHref = await page.locator('#saved-notice a[href^="/companies/"]').getAttribute('href');
  await look('the saved company form');
  await page.goto(`${base}${companyHref}`);
  check((await page.locator('h1').textContent()).includes('autofocus onfocus='), 'company name renders as text on its public page');
  await look('the public company page');
  await page.screenshot({ path: join(outDir, 'xss-2-company-page.png'), fullPage: true });

  await page.goto(`${base}/account/jobs/new`);
  await page.fill('#title', XSS.script);
  await page.fill('#description', XSS.svg);
  await page.fill('#apply_url', XSS.js);
  await page.fill('#tags', XSS.img);
  await submit(page, 'form[action="/account/jobs/new"]');
  check(await page.locator('#err-title').isVisible(), 'a script in the job title is refused beside the title');
  await look('the refused job form');
  await page.screenshot({ path: join(outDir, 'xss-3-job-refused.png'), fullPage: true });
  await page.fill('#title', XSS.attr2);
  await page.fill('#description', 'Text with &lt;script&gt; entities');
  await page.fill('#apply_url', 'https://evil.example/apply');
  await page.fill('#tags', 'rust');
  await submit(page, 'form[action="/account/jobs/new"]');
  check(new URL(page.url()).pathname === '/account/jobs', 'a job with quotes in its title is saved');
  await look('the jobs list');
  const editHref = await page.locator('#jobs-table a[href$="/edit"]').first().getAttribute('href');
  await page.goto(`${base}${editHref}`);
  check(await page.inputValue('#title') === XSS.attr2, 'the edit form shows the title as text');
  await look('the job edit form');
  await deleteAccount(page, base, email);

  // Talent: payloads in the profile.
  const temail = `xss-t-${Date.now()}@evil.example`;
  await signUp(page, base, 'talent', temail);
  await page.fill('#name', XSS.img);
  await page.fill('#headline', XSS.svg);
  await page.fill('#links', `${XSS.js}\nhttps://ok.example`);
  await submit(page, 'form[action="/account/profile"]');
  check(await page.locator('.field-error').count() > 0, 'markup in profile fields is refused');
  await look('the refused profile form');
  await page.screenshot({ path: join(outDir, 'xss-4-profile-refused.png'), fullPage: true });
  await page.fill('#name', XSS.attr);
  await page.fill('#headline', XSS.attr2);
  await page.fill('#links', 'https://ok.example/?a="onmouseover="window.__xss=3');
  await submit(page, 'form[action="/account/profile"]');
  let profileLink = page.locator('#saved-notice a[href^="/talent/"]');
  if (await profileLink.count() === 0) {
    await page.fill('#links', 'https://ok.example/');
    await submit(page, 'form[action="/account/profile"]');
    profileLink = page.locator('#saved-notice a[href^="/talent/"]');
  }
  const profileHref = await profileLink.getAttribute('href');
  await page.goto(`${base}${profileHref}`);
  check((await page.locator('h1').textContent()).includes('onfocus='), 'profile name renders as text');
  await look('the public profile');
  await page.screenshot({ path: join(outDir, 'xss-5-profile-page.png'), fullPage: true });
  await page.goto(`${base}/talent`);
  await look('the talent list');
  await deleteAccount(page, base, temail);

  check(dialogs.length === 0, `no dialog opened${dialogs.length ? ': ' + dialogs.join(' | ') : ''}`);
  check(!fired, 'window.__xss never became defined');
  await context.close();
}

// Runs the three flows; `check(condition, message)` records results.
export async function runAccountFlows({ browser, base, outDir, check }) {
  const consoleErrors = [];
  const watch = (page) => {
    page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
  };
  const args = { browser, base, outDir, check, watch };
  await employerFlow(args);
  await talentFlow(args);
  await xssFlow(args);
  // 404s for deleted records log "Failed to load resource"; anything else (a CSP violation
  // above all) is an error.
  const relevant = consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (404|422|401)/.test(e));
  check(relevant.length === 0, `no console errors or CSP violations in the account flows${relevant.length ? ': ' + relevant.join(' | ') : ''}`);
}
