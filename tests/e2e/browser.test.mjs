// Browser test: Debian's chromium driven by playwright-core (no browser download).
// Seeds a small demo database, starts `meridian serve` on a free port, then walks the site
// like a visitor: home -> a job (reads its JSON-LD) -> a city guide -> a talent profile ->
// related items and matches (matches.mjs);
// then the account flows of accounts.mjs (employer, talent, XSS payloads).
// Screenshots go to the output folder (default build/e2e).
//
//   node tests/e2e/browser.test.mjs --binary build/meridian --out build/e2e
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { runAccountFlows } from './accounts.mjs';
import { runMatchChecks } from './matches.mjs';
import { runFeedChecks } from './feed.mjs';
import { runModerationChecks } from './moderation.mjs';
import { runModelChecks } from './models.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const binary = resolve(arg('--binary', 'build/meridian'));
const outDir = resolve(arg('--out', 'build/e2e'));
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'meridian-e2e-'));
const db = join(work, 'e2e.db');

let server;
let browser;
let failures = 0;

function check(condition, message) {
  if (condition) {
    console.log(`ok   ${message}`);
  } else {
    console.log(`FAIL ${message}`);
    failures++;
  }
}

function startServer() {
  return new Promise((resolvePort, reject) => {
    server = spawn(binary, ['serve', '--db', db, '--port', '0', '--threads', '2', '--access-log', 'false'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('server did not start in 20 s')), 20000);
    server.stdout.on('data', (chunk) => {
      buffer += chunk.toString();
      const m = buffer.match(/listening on http:\/\/[^:]+:(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    });
    server.on('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
}

async function main() {
  const seeded = spawnSync(binary, ['demo', '--db', db, '--jobs', '300', '--talent', '60', '--articles', '30'], {
    encoding: 'utf8',
  });
  if (seeded.status !== 0) throw new Error(`demo seeding failed: ${seeded.stderr}`);
  const port = await startServer();
  const base = `http://127.0.0.1:${port}`;

  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  const externalRequests = [];
  page.on('request', (req) => { if (!req.url().startsWith(base) && !req.url().startsWith('data:')) externalRequests.push(req.url()); });

  // Home.
  let response = await page.goto(`${base}/`);
  check(response.status() === 200, 'home page answers 200');
  check((await page.title()).length > 0, 'home page has a title');
  await page.screenshot({ path: join(outDir, 'home.png'), fullPage: true });

  // A job, reached by clicking.
  const jobLink = page.locator('a[href^="/jobs/"]').first();
  check(await jobLink.count() > 0, 'home links to a job');
  const jobHref = await jobLink.getAttribute('href');
  await Promise.all([page.waitForURL(`**${jobHref}`), jobLink.click()]);
  check(page.url().endsWith(jobHref), `clicked through to ${jobHref}`);
  const ldText = await page.locator('script[type="application/ld+json"]').first().textContent();
  const ld = JSON.parse(ldText);
  check(ld['@type'] === 'JobPosting', 'job page has JobPosting JSON-LD');
  check(typeof ld.title === 'string' && ld.title.length > 0, 'JSON-LD has a title');
  check(typeof ld.datePosted === 'string', 'JSON-LD has datePosted');
  check(ld.hiringOrganization && ld.hiringOrganization.name, 'JSON-LD has hiringOrganization.name');
  check(ld.jobLocationType === 'TELECOMMUTE', 'JSON-LD says TELECOMMUTE');
  check(ld.applicantLocationRequirements !== undefined, 'JSON-LD has applicantLocationRequirements');
  const h1 = await page.locator('h1').first().textContent();
  check(h1.trim() === ld.title.trim(), 'the page heading matches the JSON-LD title');
  await page.screenshot({ path: join(outDir, 'job.png'), fullPage: true });

  // The jobs list paginates.
  await page.goto(`${base}/jobs`);
  const next = page.locator('a[href*="cursor="]').first();
  check(await next.count() > 0, 'jobs list has a next-page link');
  await Promise.all([page.waitForURL('**cursor=**'), next.click()]);
  check(await page.locator('a[href^="/jobs/"]').count() > 0, 'second page lists jobs');

  // The search page: results update as you type (no submit), with the URL kept in step;
  // a typo still finds Python jobs, with the matches marked; a tag checkbox narrows it;
  // the country and timezone filters apply; the search has RSS and Atom feeds.
  await page.goto(`${base}/jobs`);
  const jsErrors = [];
  page.on('pageerror', (e) => jsErrors.push(String(e)));
  await page.locator('#f-q').pressSequentially('pyhton', { delay: 30 });
  await page.waitForURL('**q=pyhton**');
  await page.waitForFunction(() => document.querySelectorAll('#results mark').length > 0);
  check(await page.locator('.facet-total').count() === 1, 'search shows the number of matches');
  check(await page.locator('#results .stack a[href^="/jobs/"]').count() > 0, 'a misspelt search still finds jobs');
  const marked = (await page.locator('#results mark').first().textContent()).toLowerCase();
  check(marked.startsWith('python'), `the matched word is highlighted (${marked})`);
  check(await page.locator('link[rel="alternate"][type="application/rss+xml"]').count() === 1, 'the page links its RSS feed');
  const totalBefore = await page.locator('.facet-total strong').textContent();
  const box = page.locator('#results input[name="tag"]').first();
  check(await box.count() > 0, 'search offers tag checkboxes with counts');
  await page.screenshot({ path: join(outDir, 'search.png'), fullPage: true });
  const tagValue = await box.getAttribute('value');
  await box.check();
  await page.waitForURL(`**tag=${encodeURIComponent(tagValue)}**`);
  await page.waitForFunction(
    (before) => document.querySelector('.facet-total strong').textContent !== before, totalBefore);
  check(page.url().includes('tag='), 'a checked tag narrows the search and lands in the URL');
  await page.fill('#f-country', 'Portugal');
  await page.fill('#f-tz', 'Europe/Lisbon');
  await page.selectOption('#f-overlap', '3');
  await page.waitForURL('**min_overlap=3**');
  await page.waitForURL('**country=Portugal**');
  const url = page.url();
  await page.reload();
  check(await page.locator('#f-tz').inputValue() === 'Europe/Lisbon', 'the search state survives a reload');
  check(url.includes('tz=Europe%2FLisbon'), 'the time zone is in the URL');
  await page.screenshot({ path: join(outDir, 'search-filtered.png'), fullPage: true });
  const rss = await page.request.get(`${base}/jobs.rss?q=python`);
  check(rss.status() === 200 && (await rss.text()).includes('<rss version="2.0"'), 'the RSS feed answers');
  const atom = await page.request.get(`${base}/jobs.atom?q=python`);
  check(atom.status() === 200 && (await atom.text()).includes('<feed xmlns="http://www.w3.org/2005/Atom">'), 'the Atom feed answers');
  check(jsErrors.length === 0, `no script errors on the search page (${jsErrors.join('; ')})`);

  // A city guide.
  await page.goto(`${base}/cities`);
  const cityLink = page.locator('a[href^="/cities/"]').first();
  check(await cityLink.count() > 0, 'cities page links to a city');
  const cityHref = await cityLink.getAttribute('href');
  await Promise.all([page.waitForURL(`**${cityHref}`), cityLink.click()]);
  const cityText = await page.locator('main').textContent();
  check(/nomad score/i.test(cityText), 'city guide shows the nomad score');
  check(/UTC/.test(cityText), 'city guide shows the UTC offset');
  await page.screenshot({ path: join(outDir, 'city.png'), fullPage: true });

  // A talent profile.
  await page.goto(`${base}/talent`);
  const talentLink = page.locator('a[href^="/talent/"]').first();
  check(await talentLink.count() > 0, 'talent page links to a profile');
  const talentHref = await talentLink.getAttribute('href');
  await Promise.all([page.waitForURL(`**${talentHref}`), talentLink.click()]);
  const profile = await page.content();
  check(!/@example\.(com|org|net)/.test(profile), 'talent profile does not show the email address');
  await page.screenshot({ path: join(outDir, 'talent.png'), fullPage: true });

  // Related items and matches, each with its score and reasons.
  await runMatchChecks({ page, base, outDir, check });

  // The "for you" list learns from a save at once.
  await runFeedChecks({ browser, base, outDir, check });

  // A scam-like post is flagged with its reasons; an admin approves it; it goes live.
  await runModerationChecks({ browser, base, outDir, check, binary, db });

  // The admin model dashboard: uPlot charts, rollback and a forced promote.
  await runModelChecks({ browser, base, outDir, check, binary, db });

  // Phone-sized home page.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const mobile = await phone.newPage();
  await mobile.goto(`${base}/`);
  const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check(!overflow, 'home page fits a 390 px wide screen without horizontal scrolling');
  await mobile.screenshot({ path: join(outDir, 'home-mobile.png'), fullPage: true });

  // 404 page (its own "failed to load" console line is expected, so check errors first).
  const errorsBefore404 = consoleErrors.length;
  response = await page.goto(`${base}/no/such/page`);
  check(response.status() === 404, 'unknown pages answer 404');
  consoleErrors.length = errorsBefore404;

  check(consoleErrors.length === 0, `no console errors or CSP violations${consoleErrors.length ? ': ' + consoleErrors.join(' | ') : ''}`);
  check(externalRequests.length === 0, `nothing loaded from outside${externalRequests.length ? ': ' + externalRequests.join(' ') : ''}`);

  await runAccountFlows({ browser, base, outDir, check });
}

try {
  await main();
} catch (err) {
  console.log(`FAIL ${err.stack || err}`);
  failures++;
} finally {
  if (browser) await browser.close();
  if (server && server.exitCode === null) {
    // Wait for it to exit: it saves its index files on the way out.
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
}
console.log(failures ? `${failures} browser check(s) failed` : `browser test passed; screenshots in ${outDir}`);
process.exit(failures ? 1 : 0);
