// Browser checks of the "for you" list (issue 6), run by browser.test.mjs: a new visitor
// sees popular jobs; saving one changes the list at once (without a reload) towards jobs
// like it, hiding one removes it, a reload keeps both, and /me/activity shows the history,
// clears it and turns recording off.
// Screenshots: feed-before.png, feed-after-save.png, activity.png.
import { join } from 'node:path';

async function feedSlugs(page) {
  return page.locator('#for-you .feed-item').evaluateAll((items) => items.map((li) => li.dataset.slug));
}

// Waits (up to 30 s) until the list is not `before` any more.
async function waitForChange(page, before) {
  for (let i = 0; i < 300; i++) {
    const now = await feedSlugs(page);
    if (now.join() !== before.join()) return now;
    await page.waitForTimeout(100);
  }
  return before;
}

export async function runFeedChecks({ browser, base, outDir, check }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));

  await page.goto(`${base}/`);
  check(await page.locator('#for-you').count() === 1, 'the home page has the "for you" list');
  check((await page.locator('#for-you-title').textContent()).trim() === 'Popular right now',
    'a new visitor sees popular jobs');
  const before = await feedSlugs(page);
  check(before.length >= 4, `the list has jobs (${before.length})`);
  const reasons = await page.locator('#for-you .feed-reason').allTextContents();
  check(reasons.length === before.length && reasons.every((r) => r.trim().length > 0), 'every item has its reason');
  await page.screenshot({ path: join(outDir, 'feed-before.png'), fullPage: false });

  // Save the third job: the list changes in place, towards jobs like it.
  const saved = before[2];
  const similar = await (await page.request.get(`${base}/api/v1/jobs/${saved}/similar?limit=20`)).json();
  const near = new Set(similar.data.map((j) => j.slug));
  const overlap = (slugs) => slugs.filter((s) => near.has(s)).length;
  await page.locator(`#for-you .feed-item[data-slug="${saved}"] button[data-event-kind="save"]`).click();
  const after = await waitForChange(page, before);
  check(after.join() !== before.join(), 'saving a job changes the list without a reload');
  check(!after.includes(saved), 'the saved job leaves the list');
  check(overlap(after) > overlap(before), `the list moves towards jobs like the saved one (${overlap(before)} -> ${overlap(after)} of ${after.length})`);
  check((await page.locator('#for-you-title').textContent()).trim() === 'For you', 'the list is now "For you"');
  const firstReason = (await page.locator('#for-you .feed-reason').first().textContent()).trim();
  check(/saved/.test(firstReason), `the first reason names the save (${firstReason})`);
  await page.screenshot({ path: join(outDir, 'feed-after-save.png'), fullPage: false });

  // Hide the first one: gone at once and after a reload.
  const hidden = after[0];
  await page.locator(`#for-you .feed-item[data-slug="${hidden}"] button[data-event-kind="hide"]`).click();
  const afterHide = await waitForChange(page, after);
  check(!afterHide.includes(hidden), 'a hidden job leaves the list');
  await page.reload();
  const reloaded = await feedSlugs(page);
  check(!reloaded.includes(hidden) && !reloaded.includes(saved), 'a reload keeps the saved and hidden jobs out');
  check((await page.locator('#for-you-title').textContent()).trim() === 'For you', 'the visitor is remembered by the first-party cookie');
  const cookies = await context.cookies();
  const visitor = cookies.find((c) => c.name === 'meridian_visitor');
  check(visitor && visitor.httpOnly && visitor.sameSite === 'Lax', 'the visitor id is an HttpOnly, SameSite=Lax cookie of this site');

  // The activity page: the history, then clearing it and turning recording off.
  await page.goto(`${base}/me/activity`);
  const history = await page.locator('#history li').count();
  check(history === 2, `the activity page lists the save and the hide (${history})`);
  await page.screenshot({ path: join(outDir, 'activity.png'), fullPage: true });
  await Promise.all([page.waitForEvent('load'), page.locator('button[data-history-clear]').click()]);
  check(await page.locator('#history li').count() === 0, 'clearing the history empties it');
  await Promise.all([page.waitForEvent('load'), page.locator('button[data-tracking="off"]').click()]);
  check(/Recording is off/.test(await page.locator('.activity-controls').textContent()), 'recording can be turned off');
  await page.goto(`${base}/`);
  const quiet = await feedSlugs(page);
  await page.locator(`#for-you .feed-item[data-slug="${quiet[1]}"] button[data-event-kind="save"]`).click();
  await page.waitForTimeout(500);
  const stillPopular = (await page.locator('#for-you-title').textContent()).trim();
  check(stillPopular === 'Popular right now', 'with recording off, a save is not remembered');
  check(errors.length === 0, `no script errors on the feed pages (${errors.join('; ')})`);
  await context.close();
}
