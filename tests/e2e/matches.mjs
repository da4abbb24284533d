// Browser checks of related items and matches (issue 5), run by browser.test.mjs: a job's
// "Similar jobs" and "Hire developers who match" boxes, a profile's "Jobs that match",
// an article's "Related articles" and a city's "Similar cities", each item with its score
// and its reasons, and a click through to a recommended job.
// Screenshots: match-job.png, match-talent.png, match-article.png, match-city.png.
import { join } from 'node:path';

// The first slug of `list` (an API path) whose `suffix` route answers at least one item.
async function firstWithMatches(request, base, list, suffix) {
  const res = await request.get(`${base}/api/v1/${list}?limit=50`);
  for (const item of (await res.json()).data) {
    const m = await request.get(`${base}/api/v1/${list}/${item.slug}/${suffix}?limit=3`);
    if (m.status() === 200 && (await m.json()).data.length > 0) return item.slug;
  }
  return null;
}

// Checks one box: items with a link, a score like "82%" and at least one reason each.
async function checkBox(page, id, label, check) {
  const box = page.locator(`#${id}`);
  check(await box.count() === 1, `${label}: the box is on the page`);
  if (await box.count() !== 1) return;
  const items = box.locator('li.match');
  const n = await items.count();
  check(n > 0, `${label}: ${n} item(s)`);
  let scored = 0;
  let reasoned = 0;
  for (let i = 0; i < n; i++) {
    const score = (await items.nth(i).locator('.match-score').textContent()).trim();
    if (/^\d{1,3}%$/.test(score)) scored++;
    if (await items.nth(i).locator('.match-reasons li').count() > 0) reasoned++;
  }
  check(scored === n, `${label}: every item shows its score`);
  check(reasoned === n, `${label}: every item shows its reasons`);
}

// The server builds its model and indexes in the background: wait (up to 3 minutes) until
// the lists answer.
async function waitUntilReady(request, base) {
  const jobs = await (await request.get(`${base}/api/v1/jobs?limit=1`)).json();
  const slug = jobs.data[0].slug;
  for (let i = 0; i < 1800; i++) {
    if ((await request.get(`${base}/api/v1/jobs/${slug}/similar?limit=1`)).status() === 200) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export async function runMatchChecks({ page, base, outDir, check }) {
  const request = page.request;
  check(await waitUntilReady(request, base), 'recommendations become ready');
  const weights = await request.get(`${base}/api/v1/matching/weights`);
  check(weights.status() === 200, 'the matching weights are public');

  // A job with developers who match: both boxes, with reasons a person can read.
  const job = await firstWithMatches(request, base, 'jobs', 'talent');
  check(job !== null, 'some job has matching developers');
  if (job) {
    await page.goto(`${base}/jobs/${job}`);
    await checkBox(page, 'similar_jobs', 'similar jobs', check);
    await checkBox(page, 'hire_talent', 'developers who match', check);
    const hire = await page.locator('#hire_talent').textContent();
    check(/required skills/.test(hire), 'developer matches explain their skills');
    check(/overlap|sets no working hours|within the job/.test(hire), 'developer matches explain their hours');
    await page.screenshot({ path: join(outDir, 'match-job.png'), fullPage: true });
    const similar = page.locator('#similar_jobs a.match-title').first();
    const href = await similar.getAttribute('href');
    await Promise.all([page.waitForURL(`**${href}`), similar.click()]);
    check(page.url().endsWith(href), `a similar job opens (${href})`);
  }

  const talent = await firstWithMatches(request, base, 'talent', 'jobs');
  check(talent !== null, 'some profile has matching jobs');
  if (talent) {
    await page.goto(`${base}/talent/${talent}`);
    await checkBox(page, 'matching_jobs', 'jobs that match a profile', check);
    const text = await page.locator('#matching_jobs').textContent();
    check(/Can apply from|no location limits|Country not stated/.test(text), 'job matches explain eligibility');
    await page.screenshot({ path: join(outDir, 'match-talent.png'), fullPage: true });
  }

  await page.goto(`${base}/articles`);
  const article = page.locator('a[href^="/articles/"]').first();
  const articleHref = await article.getAttribute('href');
  await page.goto(`${base}${articleHref}`);
  await checkBox(page, 'related_articles', 'related articles', check);
  await page.screenshot({ path: join(outDir, 'match-article.png'), fullPage: true });

  const city = await firstWithMatches(request, base, 'cities', 'similar');
  if (city) {
    await page.goto(`${base}/cities/${city}`);
    await checkBox(page, 'similar_cities', 'similar cities', check);
    const text = await page.locator('#similar_cities').textContent();
    check(/Time zone|Latitude|Cost of living/.test(text), 'similar cities explain what they share');
    await page.screenshot({ path: join(outDir, 'match-city.png'), fullPage: true });
  } else {
    check(false, 'some city has similar cities');
  }
}
