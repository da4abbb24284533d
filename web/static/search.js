// Search as you type on /jobs: after a pause in typing (or any change of a filter), fetch
// the same page for the form's current values, swap in its #results, and keep the URL in
// step so every state can be shared and reloaded. Without JavaScript the form still submits.
(function () {
  'use strict';
  var form = document.querySelector('form[data-live-search]');
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
  var timer = 0;
  var latest = 0;

  function target() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (String(value).trim() !== '') params.append(key, value);
    });
    var qs = params.toString();
    return form.getAttribute('action') + (qs ? '?' + qs : '');
  }

  function refresh() {
    var url = target();
    var mine = ++latest;
    form.setAttribute('aria-busy', 'true');
    fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (html === null || mine !== latest) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('results');
        var current = document.getElementById('results');
        if (!fresh || !current) return;
        current.replaceWith(document.importNode(fresh, true));
        history.replaceState(null, '', url);
      })
      .catch(function () { /* the form still works by submitting */ })
      .then(function () { if (mine === latest) form.removeAttribute('aria-busy'); });
  }

  function later(delay) {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  }
  form.addEventListener('input', function (e) {
    later(e.target && e.target.type === 'checkbox' ? 0 : 200);
  });
  form.addEventListener('change', function () { later(0); });
})();
