// Meridian's first-party activity capture (issue 6). Views, clicks, saves, applies and
// hides go to /api/v1/events on this server and nowhere else; the "For you" list on the
// home page is refreshed after a save or a hide, so it changes at once.
(function () {
  'use strict';
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.content : '';

  function headers() {
    const h = { 'Content-Type': 'application/json' };
    if (csrf) h['X-CSRF-Token'] = csrf;
    return h;
  }

  function contextOf(el) {
    const context = {};
    const list = el.closest('[data-list]');
    if (list) {
      context.list = list.dataset.list;
      if (list.dataset.model) context.model = list.dataset.model;
    }
    if (el.dataset.position) context.position = Number(el.dataset.position);
    return context;
  }

  function send(kind, slug, context, keepalive, entity) {
    return fetch('/api/v1/events', {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: Boolean(keepalive),
      headers: headers(),
      body: JSON.stringify({ kind: kind, entity: entity || 'job', slug: slug, context: context }),
    }).catch(function () { return null; });
  }

  function button(kind, slug, position, label, done, ghost) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = ghost ? 'button button-ghost button-sm' : 'button button-sm';
    b.dataset.eventKind = kind;
    b.dataset.eventSlug = slug;
    b.dataset.position = String(position);
    b.dataset.done = done;
    b.textContent = label;
    return b;
  }

  // Rebuilds the list from /api/v1/me/feed (text only: no HTML from the response).
  async function refreshFeed(section) {
    const limit = section.dataset.limit || '6';
    const res = await fetch('/api/v1/me/feed?limit=' + encodeURIComponent(limit), {
      credentials: 'same-origin',
    }).catch(function () { return null; });
    if (!res || !res.ok) return;
    const feed = await res.json();
    section.dataset.model = feed.meta.model || '';
    const title = section.querySelector('#for-you-title');
    const note = section.querySelector('.feed-note');
    if (title && feed.meta.personalized) {
      title.textContent = 'For you';
      if (note) note.textContent = 'Picked from what you viewed, saved and applied to. Save or hide a job and this list changes at once.';
    }
    const list = section.querySelector('.feed-list');
    const items = feed.data.map(function (item, i) {
      const li = document.createElement('li');
      li.className = 'feed-item';
      li.dataset.slug = item.slug;
      const main = document.createElement('div');
      main.className = 'feed-main';
      const a = document.createElement('a');
      a.className = 'feed-title';
      a.href = item.url;
      a.textContent = item.title;
      a.dataset.eventSlug = item.slug;
      a.dataset.position = String(i + 1);
      const company = document.createElement('span');
      company.className = 'feed-company muted';
      company.textContent = item.company;
      const reason = document.createElement('p');
      reason.className = 'feed-reason';
      reason.textContent = item.reason;
      main.append(a, company, reason);
      const actions = document.createElement('div');
      actions.className = 'feed-actions';
      actions.append(button('save', item.slug, i + 1, 'Save', 'Saved', false),
                     button('hide', item.slug, i + 1, 'Not interested', 'Hidden', true));
      li.append(main, actions);
      return li;
    });
    list.replaceChildren.apply(list, items);
    section.dispatchEvent(new CustomEvent('feed-updated', { bubbles: true }));
  }

  async function act(btn) {
    btn.disabled = true;
    const res = await send(btn.dataset.eventKind, btn.dataset.eventSlug, contextOf(btn), false);
    if (res && res.ok) {
      btn.textContent = btn.dataset.done || 'Done';
      btn.setAttribute('aria-pressed', 'true');
    } else {
      btn.disabled = false;
    }
    const section = btn.closest('#for-you');
    if (section) await refreshFeed(section);
  }

  async function setTracking(enabled) {
    await fetch('/api/v1/me/tracking', {
      method: 'PUT', credentials: 'same-origin', headers: headers(),
      body: JSON.stringify({ enabled: enabled }),
    }).catch(function () { return null; });
    location.reload();
  }

  async function clearHistory() {
    await fetch('/api/v1/me/events', {
      method: 'DELETE', credentials: 'same-origin', headers: headers(),
    }).catch(function () { return null; });
    location.reload();
  }

  document.addEventListener('click', function (ev) {
    const target = ev.target instanceof Element ? ev.target : null;
    if (!target) return;
    const btn = target.closest('button[data-event-kind]');
    if (btn) {
      ev.preventDefault();
      act(btn);
      return;
    }
    const tracking = target.closest('button[data-tracking]');
    if (tracking) {
      setTracking(tracking.dataset.tracking === 'on');
      return;
    }
    if (target.closest('button[data-history-clear]')) {
      clearHistory();
      return;
    }
    const link = target.closest('a[data-event-slug]');
    if (link) send(link.dataset.eventKind || 'click', link.dataset.eventSlug, contextOf(link), true);
  });

  const viewed = document.querySelector('[data-view-job]');
  if (viewed) send('view', viewed.dataset.viewJob, { list: 'job' }, false);
  // An article counts as read once the visitor has stayed on it for 20 seconds.
  const article = document.querySelector('[data-read-article]');
  if (article) {
    setTimeout(function () {
      send('read', article.dataset.readArticle, { list: 'article' }, false, 'article');
    }, 20000);
  }
})();
