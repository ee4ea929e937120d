/* Recollect static site: pages routed by the URL's hash over window.RECOLLECT_DATA, and a
   search over window.RECOLLECT_SEARCH. Both come from <script> files beside this one (browsers
   refuse to fetch file:// URLs); nothing is loaded from the network. Text from the archive
   only ever reaches the page as text nodes (textContent), never as markup. */
(function () {
  'use strict';

  var D = window.RECOLLECT_DATA || { title: '', interviews: [], people: [], photos: [] };
  var main = document.getElementById('main');
  var searchBox = document.getElementById('q');

  /* ---- Lookups ---------------------------------------------------------------------- */

  var interviews = {}, people = {}, photos = {}, transcripts = {};
  D.interviews.forEach(function (iv) {
    interviews[iv.id] = iv;
    iv.transcripts.forEach(function (t, n) { transcripts[t.id] = { interview: iv, transcript: t, n: n }; });
  });
  D.people.forEach(function (p) { people[p.id] = p; });
  D.photos.forEach(function (p) { photos[p.id] = p; });

  /* ---- Small helpers ---------------------------------------------------------------- */

  /** An element: h('a', {href: '#/x', class: 'y'}, 'text', child, ...). */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'class') el.className = v;
        else if (k === 'text') el.textContent = v;
        else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? '' : v);
      });
    }
    add.apply(null, [el].concat(Array.prototype.slice.call(arguments, 2)));
    return el;
  }
  /** Appends children: elements, strings (as text), arrays of them; skips null and false. */
  function add(el) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) child.forEach(function (c) { add(el, c); });
      else el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }

  /** A relative path inside the package, or '' for anything with a scheme or absolute. */
  function local(path) {
    path = path || '';
    return /^[a-z][a-z0-9+.-]*:|^[\/\\]/i.test(path) || path.indexOf('\\') >= 0 ? '' : path;
  }

  function link(hash, text, attrs) {
    var a = h('a', attrs || {}, text);
    a.href = hash;
    return a;
  }

  /** Text with web addresses made into links (opened by the browser; never loaded here). */
  function richText(tag, text, attrs) {
    var el = h(tag, attrs);
    var re = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g, at = 0, m;
    text = text || '';
    while ((m = re.exec(text))) {
      add(el, text.slice(at, m.index));
      add(el, h('a', { href: m[0], rel: 'noopener noreferrer', target: '_blank' }, m[0]));
      at = m.index + m[0].length;
    }
    add(el, text.slice(at));
    return el;
  }

  function time(ms) {
    if (ms === null || ms === undefined || ms < 0) return '';
    var s = Math.floor(ms / 1000), hh = Math.floor(s / 3600), mm = Math.floor(s / 60) % 60, ss = s % 60;
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return (hh ? hh + ':' + pad(mm) : mm) + ':' + pad(ss);
  }

  /** EDTF in words: "196X" → "1960s", "1962~" → "circa 1962", "1962/1964" → "1962–1964". */
  function date(edtf) {
    if (!edtf) return '';
    return edtf.split('/').map(function (part) {
      if (part === '' || part === '..') return '…';
      var approx = /[~%]$/.test(part), uncertain = /[?%]$/.test(part);
      var core = part.replace(/[~?%]$/, '');
      var m = /^(\d{3})X$/.exec(core);
      if (m) core = m[1] + '0s';
      else if ((m = /^(\d{2})XX$/.exec(core))) core = (+m[1] + 1) + 'th century';
      return (approx ? 'circa ' : '') + core + (uncertain ? ' (uncertain)' : '');
    }).join('–');
  }

  var LANGS = { ru: 'Russian', en: 'English', uk: 'Ukrainian', be: 'Belarusian', de: 'German', fr: 'French', pl: 'Polish', yi: 'Yiddish', he: 'Hebrew' };
  function language(code) { return LANGS[(code || '').split('-')[0]] || code; }

  /** Lower case without diacritics, as the app's search and search-index.js fold. */
  function fold(s) { return (s || '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(); }
  function words(s) { return fold(s).split(/[^\p{Alphabetic}\p{N}]+/u).filter(Boolean); }

  function roleName(role) { return { narrator: 'narrator', interviewer: 'interviewer', mentioned: 'mentioned' }[role] || role; }

  function personLink(ref) {
    return people[ref.id] ? link('#/person/' + encodeURIComponent(ref.id), ref.name) : h('span', null, ref.name);
  }
  function joined(items) {
    var out = [];
    items.forEach(function (item, i) { if (i) out.push(', '); out.push(item); });
    return out;
  }

  /** A filter box over a list: hides items whose folded text lacks every typed word. */
  function filterBox(label, list, count) {
    var input = h('input', { type: 'search', 'aria-label': label, placeholder: label, autocomplete: 'off' });
    var status = h('span', { class: 'status', 'aria-live': 'polite' });
    input.addEventListener('input', function () {
      var want = words(input.value), shown = 0;
      Array.prototype.forEach.call(list.children, function (li) {
        var hay = li.dataset.fold || (li.dataset.fold = fold(li.textContent));
        var ok = want.every(function (w) { return hay.indexOf(w) >= 0; });
        li.hidden = !ok;
        if (ok) shown++;
      });
      status.textContent = want.length ? shown + ' of ' + count : '';
    });
    return h('div', { class: 'filter' }, input, status);
  }

  /* ---- Pages ------------------------------------------------------------------------ */

  var player = null; // the transcript page's state while it is shown

  function page(title, section) {
    if (player) { player.stop(); player = null; }
    main.textContent = '';
    document.title = title ? title + ' — ' + (D.title || 'Archive') : (D.title || 'Archive');
    Array.prototype.forEach.call(document.querySelectorAll('.top nav a'), function (a) {
      if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
  }

  function heading(text, attrs) {
    var h1 = h('h1', attrs || {}, text);
    h1.tabIndex = -1;
    return h1;
  }

  function home() {
    page('', '');
    add(main, heading(D.title || 'Oral history archive'));
    if (D.description) add(main, richText('p', D.description, { class: 'prose' }));
    add(main, h('ul', { class: 'counts' },
      h('li', null, link('#/interviews', [h('strong', null, String(D.interviews.length)), 'Interviews'])),
      h('li', null, link('#/people', [h('strong', null, String(D.people.length)), 'People'])),
      h('li', null, link('#/photos', [h('strong', null, String(D.photos.length)), 'Photos']))));
    if (D.profile === 'public') {
      add(main, h('p', { class: 'notice' }, 'This is a public package: material that is closed, restricted or redacted is not included' +
        (D.withheld ? ' (' + D.withheld + ').' : '.')));
    }
    if (D.exported) add(main, h('p', { class: 'muted' }, 'Exported ' + D.exported + '.'));
    add(main, h('p', { class: 'muted' }, 'Search with the box at the top (press ', h('kbd', null, '/'), ' to go there).'));
  }

  function interviewList() {
    page('Interviews', 'interview');
    add(main, heading('Interviews'));
    if (!D.interviews.length) return add(main, h('p', { class: 'empty' }, 'This package has no interviews.'));
    var list = h('ul', { class: 'records' });
    D.interviews.forEach(function (iv) {
      var meta = h('p', { class: 'meta' });
      if (iv.date) add(meta, h('span', null, date(iv.date)));
      if (iv.place) add(meta, h('span', null, iv.place));
      if (iv.narrators.length) add(meta, h('span', null, iv.narrators.map(function (n) { return n.name; }).join(', ')));
      if (iv.languages.length) add(meta, h('span', null, iv.languages.map(language).join(', ')));
      var total = iv.recordings.reduce(function (s, r) { return s + (r.duration_ms || 0); }, 0);
      if (total) add(meta, h('span', null, time(total)));
      add(list, h('li', null, link('#/interview/' + encodeURIComponent(iv.id), iv.title || 'Untitled interview'), meta,
        iv.summary ? h('p', { class: 'muted' }, iv.summary.length > 240 ? iv.summary.slice(0, 240) + '…' : iv.summary) : null));
    });
    add(main, filterBox('Filter interviews', list, D.interviews.length), list);
  }

  function peopleList() {
    page('People', 'person');
    add(main, heading('People'));
    if (!D.people.length) return add(main, h('p', { class: 'empty' }, 'This package has no people.'));
    var list = h('ul', { class: 'records' });
    D.people.slice().sort(function (a, b) { return a.name.localeCompare(b.name); }).forEach(function (p) {
      var meta = h('p', { class: 'meta' });
      if (p.life) add(meta, h('span', null, p.life));
      if (p.appears_in.length) add(meta, h('span', null, p.appears_in.length + (p.appears_in.length === 1 ? ' interview' : ' interviews')));
      if (p.photos.length) add(meta, h('span', null, p.photos.length + (p.photos.length === 1 ? ' photo' : ' photos')));
      var li = h('li', null, link('#/person/' + encodeURIComponent(p.id), p.name), meta);
      li.dataset.fold = fold([p.name].concat(p.variants).join(' '));
      add(list, li);
    });
    add(main, filterBox('Filter people', list, D.people.length), list);
  }

  function thumb(photo) {
    var src = local(photo.web_path);
    return h('li', null, link('#/photo/' + encodeURIComponent(photo.id), [
      src ? h('img', { src: src, alt: '', loading: 'lazy', width: photo.width || null, height: photo.height || null }) : null,
      h('span', null, photo.title || 'Untitled photo'),
      photo.date ? h('span', { class: 'muted' }, date(photo.date)) : null]));
  }

  function photoList() {
    page('Photos', 'photo');
    add(main, heading('Photos'));
    if (!D.photos.length) return add(main, h('p', { class: 'empty' }, 'This package has no photos.'));
    var list = h('ul', { class: 'thumbs' }, D.photos.map(thumb));
    add(main, filterBox('Filter photos', list, D.photos.length), list);
  }

  function notFound(what) {
    page('Not found', '');
    add(main, heading('Not here'));
    add(main, h('p', null, 'This package has no such ' + what + '. It may have been withheld from a public package. ',
      link('#/', 'Go to the start')));
  }

  function person(id) {
    var p = people[id];
    if (!p) return notFound('person');
    page(p.name, 'person');
    add(main, heading(p.name));
    if (p.variants.length) add(main, h('p', { class: 'meta' }, 'Also: ' + p.variants.join('; ')));
    if (p.life) add(main, h('p', null, p.life));
    if (p.note) add(main, richText('p', p.note, { class: 'prose' }));
    add(main, h('h2', null, 'Interviews'));
    var ivs = p.appears_in.filter(function (a) { return interviews[a.interview_id]; });
    if (!ivs.length) add(main, h('p', { class: 'empty' }, 'In no interview of this package.'));
    else add(main, h('ul', { class: 'records' }, ivs.map(function (a) {
      var iv = interviews[a.interview_id];
      return h('li', null, link('#/interview/' + encodeURIComponent(iv.id), iv.title || 'Untitled interview'),
        h('p', { class: 'meta' }, h('span', null, 'as ' + roleName(a.role)), iv.date ? h('span', null, date(iv.date)) : null));
    })));
    add(main, h('h2', null, 'Photos'));
    var ps = p.photos.filter(function (pid) { return photos[pid]; });
    if (!ps.length) add(main, h('p', { class: 'empty' }, 'In no photo of this package.'));
    else add(main, h('ul', { class: 'thumbs' }, ps.map(function (pid) { return thumb(photos[pid]); })));
  }

  function photo(id) {
    var p = photos[id];
    if (!p) return notFound('photo');
    page(p.title || 'Photo', 'photo');
    add(main, heading(p.title || 'Untitled photo'));
    if (p.date) add(main, h('p', { class: 'meta' }, date(p.date)));

    var stage = h('div', { class: 'stage' });
    if (p.width && p.height) stage.style.setProperty('--ratio', String(p.width / p.height));
    var src = local(p.web_path);
    if (src) add(stage, h('img', { src: src, alt: p.title || 'Photo', width: p.width || null, height: p.height || null }));
    var boxes = p.regions.map(function (r, n) {
      var who = r.person_id && people[r.person_id];
      var name = who ? who.name : (r.label || 'Unidentified');
      var box = who ? link('#/person/' + encodeURIComponent(who.id), null) : h('span', { class: 'region unknown', tabindex: '0' });
      box.classList.add('region');
      box.setAttribute('aria-label', name);
      box.title = name;
      if (p.width && p.height) {
        var pct = function (v, of) { return Math.max(0, Math.min(100, (v / of) * 100)) + '%'; };
        box.style.left = pct(r.x, p.width);
        box.style.top = pct(r.y, p.height);
        box.style.width = pct(r.w, p.width);
        box.style.height = pct(r.h, p.height);
      }
      add(box, h('span', { class: 'name', 'aria-hidden': 'true' }, name));
      box.dataset.region = n;
      return box;
    });
    add(stage, boxes);

    var toggle = h('input', { type: 'checkbox', id: 'show-names' });
    toggle.addEventListener('change', function () { stage.classList.toggle('names', toggle.checked); });

    var side = h('div');
    if (p.regions.length) {
      add(side, h('p', null, h('label', null, toggle, ' Show all names')));
      add(side, h('h2', null, 'In this photo'));
      add(side, h('ol', { class: 'in-photo' }, p.regions.map(function (r, n) {
        var who = r.person_id && people[r.person_id];
        var item = h('li', null, who ? personLink({ id: who.id, name: who.name }) : h('span', null, r.label || 'Unidentified'),
          who && r.label && fold(who.name).indexOf(fold(r.label)) < 0 ? h('span', { class: 'muted' }, ' (“' + r.label + '”)') : null);
        var hot = function (on) { return function () { boxes[n].classList.toggle('hot', on); }; };
        item.addEventListener('mouseenter', hot(true));
        item.addEventListener('mouseleave', hot(false));
        item.addEventListener('focusin', hot(true));
        item.addEventListener('focusout', hot(false));
        return item;
      })));
    }
    if (p.captions.length) {
      add(side, h('h2', null, 'Captions'));
      add(side, h('ul', { class: 'captions' }, p.captions.map(function (c) { return richText('li', c); })));
    }
    var full = local(p.full_path);
    if (full) add(side, h('p', null, h('a', { href: full, target: '_blank' }, 'Full-size image')));
    add(main, h('div', { class: 'photo-view' }, h('div', null, stage), side));
  }

  /* ---- Interview and transcript ------------------------------------------------------ */

  function interview(id, startMs) {
    var iv = interviews[id];
    if (!iv) return notFound('interview');
    if (player && player.interview === iv) {  // same page, another time: just seek
      if (startMs !== null) player.seek(startMs, true);
      return;
    }
    page(iv.title || 'Interview', 'interview');

    var head = h('div', { class: 'interview-head' }, heading(iv.title || 'Untitled interview'));
    var meta = h('p', { class: 'meta' });
    if (iv.date) add(meta, h('span', { title: iv.date }, date(iv.date)));
    if (iv.place) add(meta, h('span', null, iv.place));
    if (iv.languages.length) add(meta, h('span', null, iv.languages.map(language).join(', ')));
    add(head, meta);
    if (iv.narrators.length) add(head, h('p', { class: 'byline' }, 'Narrator' + (iv.narrators.length > 1 ? 's' : '') + ': ', joined(iv.narrators.map(personLink))));
    if (iv.interviewers.length) add(head, h('p', { class: 'byline' }, 'Interviewer' + (iv.interviewers.length > 1 ? 's' : '') + ': ', joined(iv.interviewers.map(personLink))));
    if (iv.summary) add(head, richText('p', iv.summary, { class: 'prose' }));
    add(main, head);

    var state = { interview: iv, media: null, rows: [], starts: [], current: -1, follow: true, transcript: null };
    player = state;

    /* The player: the first recording, a selector when there are several. */
    var bar = h('div', { class: 'player' });
    var recordings = iv.recordings.filter(function (r) { return local(r.path); });
    function mediaFor(rec) {
      var video = /^video\//.test(rec.mime || '');
      var el = h(video ? 'video' : 'audio', { controls: true, preload: 'metadata' });
      el.setAttribute('aria-label', (video ? 'Video' : 'Recording') + (rec.label ? ': ' + rec.label : ''));
      var source = h('source', { src: local(rec.path) });
      if (rec.mime) source.type = rec.mime;
      el.appendChild(source);
      el.addEventListener('timeupdate', function () { highlight(el.currentTime * 1000); });
      el.addEventListener('seeked', function () { highlight(el.currentTime * 1000); });
      el.addEventListener('error', mediaError, true);
      return el;
    }
    function mediaError() {
      if (!bar.querySelector('.media-error')) add(bar, h('p', { class: 'muted media-error', role: 'status' }, 'This recording could not be played here.'));
    }
    var controls = h('div', { class: 'controls' });
    if (recordings.length) {
      state.media = mediaFor(recordings[0]);
      add(bar, state.media);
      if (recordings.length > 1) {
        var pick = h('select', { id: 'recording' }, recordings.map(function (r, n) {
          return h('option', { value: String(n) }, r.label || 'Recording ' + (n + 1));
        }));
        pick.addEventListener('change', function () {
          var fresh = mediaFor(recordings[+pick.value]);
          state.media.pause();
          bar.replaceChild(fresh, state.media);
          state.media = fresh;
          highlight(0);
        });
        add(controls, h('label', null, 'Recording', pick));
      }
    } else {
      add(bar, h('p', { class: 'muted' }, 'No recording of this interview is in this package.'));
    }

    /* The transcript: a selector when there are several. */
    var list = h('ol', { class: 'segments', 'aria-label': 'Transcript' });
    var files = h('div');
    if (iv.transcripts.length > 1) {
      var tpick = h('select', { id: 'transcript' }, iv.transcripts.map(function (t, n) {
        return h('option', { value: String(n) }, t.label || language(t.language) || 'Transcript ' + (n + 1));
      }));
      tpick.addEventListener('change', function () { showTranscript(iv.transcripts[+tpick.value]); });
      add(controls, h('label', null, 'Transcript', tpick));
      state.pickTranscript = function (n) { tpick.value = String(n); };
    }
    var follow = h('input', { type: 'checkbox', checked: true });
    follow.addEventListener('change', function () { state.follow = follow.checked; });
    if (recordings.length) {
      add(controls, h('label', null, follow, 'Follow playback'));
      add(controls, h('span', { class: 'keys' }, h('kbd', null, 'Esc'), ' play/pause · ', h('kbd', null, '['), ' ', h('kbd', null, ']'), ' 5 s back/forward'));
    }
    add(bar, controls);

    function showTranscript(t) {
      state.transcript = t;
      list.textContent = '';
      state.rows = [];
      state.starts = [];
      state.current = -1;
      list.lang = t.language || '';
      t.segments.forEach(function (s, n) {
        var row = h('li', { class: 'segment' + (s.withheld ? ' withheld' : '') });
        var when = time(s.start_ms);
        if (when && state.media && !s.withheld) {
          add(row, h('button', { class: 'time', type: 'button', 'aria-label': 'Play from ' + when, onclick: function () { state.seek(s.start_ms, true); } }, when));
        } else {
          add(row, h('span', { class: 'time' }, when));
        }
        var body = h('div');
        if (s.speaker) add(body, h('span', { class: 'speaker' }, s.speaker));
        if (s.withheld) {
          var until = time(s.end_ms);
          add(body, h('p', { class: 'text', lang: 'en', role: 'note' },
            'Withheld from this package' + (when && until ? ' (' + when + '–' + until + ')' : '') + ': ' + s.withheld));
        } else {
          add(body, h('p', { class: 'text' }, s.text));
        }
        add(row, body);
        row.dataset.n = n;
        state.rows.push(row);
        if (typeof s.start_ms === 'number') state.starts.push([s.start_ms, n]);
        list.appendChild(row);
      });
      state.starts.sort(function (a, b) { return a[0] - b[0]; });
      if (!t.segments.length) add(list, h('li', { class: 'empty' }, 'This transcript is empty.'));
      files.textContent = '';
      var fl = t.files.filter(function (f) { return local(f.path); });
      if (fl.length) {
        add(files, h('h2', null, 'Transcript files'));
        add(files, h('ul', { class: 'files' }, fl.map(function (f) { return h('li', null, h('a', { href: local(f.path) }, f.format || f.path)); })));
      }
      if (state.media) highlight(state.media.currentTime * 1000);
    }

    /** Highlights the segment playing at `ms` and keeps it in view. */
    function highlight(ms) {
      // The last synced segment starting at or before ms (segments are in time order).
      var synced = state.starts, lo = 0, hi = synced.length - 1, at = -1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (synced[mid][0] <= ms) { at = mid; lo = mid + 1; } else hi = mid - 1;
      }
      var n = at < 0 ? -1 : synced[at][1], s = n < 0 ? null : state.transcript.segments[n];
      if (s && s.end_ms !== null && s.end_ms !== undefined && ms > s.end_ms + 250) n = -1;
      if (n === state.current) return;
      if (state.current >= 0) { state.rows[state.current].classList.remove('current'); state.rows[state.current].removeAttribute('aria-current'); }
      state.current = n;
      if (n < 0) return;
      var row = state.rows[n];
      row.classList.add('current');
      row.setAttribute('aria-current', 'true');
      if (state.follow && state.media && !state.media.paused) keepInView(row);
    }

    function keepInView(row) {
      var r = row.getBoundingClientRect(), top = bar.getBoundingClientRect().bottom;
      if (r.top < top || r.bottom > window.innerHeight) {
        var smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
        window.scrollTo({ top: window.scrollY + r.top - top - 16, behavior: smooth ? 'smooth' : 'auto' });
      }
    }

    state.seek = function (ms, play) {
      var m = state.media;
      if (!m) return;
      var go = function () {
        m.currentTime = ms / 1000;
        highlight(ms);
        if (state.rows[state.current]) keepInView(state.rows[state.current]);
        if (play) { var p = m.play(); if (p && p.catch) p.catch(function () { /* autoplay refused: the user presses play */ }); }
      };
      if (m.readyState >= 1) go(); else m.addEventListener('loadedmetadata', go, { once: true });
      try {
        history.replaceState(null, '', '#/interview/' + encodeURIComponent(iv.id) + '/t=' + Math.round(ms));
        routed = location.href;
      } catch (e) { /* a browser may refuse history changes under file:// */ }
    };
    state.stop = function () { if (state.media) state.media.pause(); };
    state.toggle = function () { var m = state.media; if (m) { if (m.paused) m.play().catch(function () {}); else m.pause(); } };
    state.nudge = function (s) { var m = state.media; if (m) m.currentTime = Math.max(0, m.currentTime + s); };
    state.show = function (n) { if (state.pickTranscript) state.pickTranscript(n); showTranscript(iv.transcripts[n]); };

    var column = h('div', null, bar);
    if (iv.transcripts.length) {
      add(column, list);
      showTranscript(iv.transcripts[0]);
    } else {
      add(column, h('p', { class: 'empty' }, 'No transcript of this interview is in this package.'));
    }

    var aside = h('aside', { 'aria-label': 'About this interview' });
    if (iv.index_points.length) {
      add(aside, h('h2', null, 'Index'));
      add(aside, h('ol', { class: 'points' }, iv.index_points.map(function (pt) {
        var label = [h('span', { class: 't' }, time(pt.time_ms)), pt.title];
        return h('li', null,
          state.media ? h('button', { type: 'button', onclick: function () { state.seek(pt.time_ms, true); } }, label) : h('strong', null, label),
          pt.synopsis ? h('p', null, pt.synopsis) : null,
          pt.keywords.length ? h('p', { class: 'keywords' }, pt.keywords.join(' · ')) : null);
      })));
    }
    add(aside, files);
    if (iv.citations.length) {
      add(aside, h('h2', null, 'Cite'));
      iv.citations.forEach(function (c) { add(aside, richText('p', c, { class: 'citation' })); });
    }
    add(main, h('div', { class: 'layout' }, column, aside));
    if (startMs !== null) state.seek(startMs, true);
  }

  /* ---- Search ----------------------------------------------------------------------- */

  var S = null, sortedTerms = null, loading = null;

  /** Loads data/search-index.js on first use (it can be large; most visits never search). */
  function withIndex(then) {
    if (S) return then();
    if (window.RECOLLECT_SEARCH) { prepare(); return then(); }
    if (!loading) {
      loading = [];
      var script = h('script', { src: 'data/search-index.js' });
      script.onload = function () { prepare(); loading.forEach(function (f) { f(); }); };
      script.onerror = function () { add(main, h('p', { class: 'notice' }, 'The search index of this package could not be loaded.')); };
      document.head.appendChild(script);
    }
    loading.push(then);
  }
  function prepare() {
    S = window.RECOLLECT_SEARCH;
    sortedTerms = Object.keys(S.terms).sort();
  }

  /** The units a term occurs in; search-index.js stores them as gaps. */
  function units(term) {
    var gaps = S.terms[term] || [], out = new Array(gaps.length), at = 0;
    for (var i = 0; i < gaps.length; i++) out[i] = at += gaps[i];
    return out;
  }

  /** Unit numbers for a word: exact, or every term starting with it. */
  function postings(word, prefix) {
    if (!prefix) return units(word);
    var lo = 0, hi = sortedTerms.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sortedTerms[mid] < word) lo = mid + 1; else hi = mid; }
    var seen = new Set();
    for (var i = lo; i < sortedTerms.length && sortedTerms[i].lastIndexOf(word, 0) === 0; i++) {
      units(sortedTerms[i]).forEach(function (d) { seen.add(d); });
    }
    return Array.from(seen).sort(function (a, b) { return a - b; });
  }

  /** Units matching every word (AND); the last word is a prefix while it is being typed. */
  function find(query) {
    var ws = words(query);
    if (!ws.length) return { words: [], prefix: false, docs: [] };
    var prefix = !/[\s"]$/.test(query);
    var lists = ws.map(function (w, i) { return postings(w, prefix && i === ws.length - 1); });
    lists.sort(function (a, b) { return a.length - b.length; });
    var docs = lists[0];
    for (var i = 1; i < lists.length && docs.length; i++) {
      var set = new Set(lists[i]);
      docs = docs.filter(function (d) { return set.has(d); });
    }
    return { words: ws, prefix: prefix, docs: docs };
  }

  /** Does a folded word match the query (the last word by prefix)? */
  function matcher(q) {
    return function (w) {
      return q.words.some(function (qw, i) { return w === qw || (q.prefix && i === q.words.length - 1 && w.lastIndexOf(qw, 0) === 0); });
    };
  }

  /** A snippet of `text` around its first matched word, the matched words in <mark>. */
  function snippet(text, isMatch, tag) {
    var el = h(tag || 'p', { class: 'snippet' });
    text = text || '';
    var re = /[\p{Alphabetic}\p{N}\p{M}]+/gu, m, hits = [];
    while ((m = re.exec(text))) {
      if (words(m[0]).some(isMatch)) hits.push([m.index, m.index + m[0].length]);
    }
    var from = 0, to = text.length, max = 220;
    if (text.length > max) {
      var first = hits.length ? hits[0][0] : 0;
      from = Math.max(0, first - 70);
      if (from > 0) { var sp = text.indexOf(' ', from); if (sp >= 0 && sp < first) from = sp + 1; }
      to = Math.min(text.length, from + max);
      if (to < text.length) { var back = text.lastIndexOf(' ', to); if (back > from + max / 2) to = back; }
    }
    if (from > 0) add(el, '…');
    var at = from;
    hits.forEach(function (r) {
      if (r[0] < from || r[1] > to) return;
      add(el, text.slice(at, r[0]));
      add(el, h('mark', null, text.slice(r[0], r[1])));
      at = r[1];
    });
    add(el, text.slice(at, to));
    if (to < text.length) add(el, '…');
    return el;
  }

  var lastQuery = null;

  function search(query) {
    if (searchBox.value !== query) searchBox.value = query;
    if (!main.querySelector('#results')) {
      page(query ? 'Search: ' + query : 'Search', 'search');
      add(main, heading('Search'));
      add(main, h('p', { class: 'status', id: 'search-status', role: 'status', 'aria-live': 'polite' }));
      add(main, h('div', { id: 'results' }));
    } else {
      document.title = (query ? 'Search: ' + query : 'Search') + ' — ' + (D.title || 'Archive');
    }
    lastQuery = query;
    var status = document.getElementById('search-status'), out = document.getElementById('results');
    if (!words(query).length) {
      out.textContent = '';
      status.textContent = 'Type words in the search box above. Every word must match; the last one may be the start of a word. Case and accents do not matter.';
      return;
    }
    status.textContent = 'Searching…';
    withIndex(function () {
      if (query !== lastQuery) return;
      showResults(query, find(query), status, out);
    });
  }

  function showResults(query, q, status, out) {
    out.textContent = '';
    var isMatch = matcher(q), groups = { interview: [], person: [], photo: [], index_point: [], segment: [] };
    q.docs.forEach(function (d) {
      var kind = S.kinds[S.docs[d * 4]], id = S.records[S.docs[d * 4 + 1]];
      groups[kind].push({ id: id, pos: S.docs[d * 4 + 2], ms: S.docs[d * 4 + 3] });
    });
    var n = q.docs.length;
    status.textContent = n ? n + (n === 1 ? ' result' : ' results') + ' for “' + query.trim() + '”.' : 'Nothing matches “' + query.trim() + '”. Try fewer words, or the start of a word.';

    function section(title, hits, render) {
      if (!hits.length) return;
      var list = h('ul', { class: 'results' });
      var shown = 0, more = null;
      function showMore() {
        hits.slice(shown, shown + 100).forEach(function (hit) { var li = render(hit); if (li) list.appendChild(li); });
        shown += 100;
        if (more) more.remove();
        if (shown < hits.length) {
          more = h('button', { type: 'button', onclick: showMore }, 'Show more (' + (hits.length - shown) + ')');
          list.after(more);
        }
      }
      add(out, h('h2', null, title + ' (' + hits.length + ')'), list);
      showMore();
    }

    section('Interviews', groups.interview, function (hit) {
      var iv = interviews[hit.id]; if (!iv) return null;
      var text = [iv.title, iv.place, iv.summary].concat(iv.narrators.map(function (x) { return x.name; })).find(function (t) { return words(t).some(isMatch); }) || iv.summary;
      return h('li', null, link('#/interview/' + encodeURIComponent(iv.id), snippet(iv.title || 'Untitled interview', isMatch, 'span')),
        text !== iv.title ? snippet(text, isMatch) : null);
    });
    section('People', groups.person, function (hit) {
      var p = people[hit.id]; if (!p) return null;
      var text = [p.name].concat(p.variants, [p.note]).find(function (t) { return words(t).some(isMatch); }) || '';
      return h('li', null, link('#/person/' + encodeURIComponent(p.id), snippet(p.name, isMatch, 'span')), text !== p.name ? snippet(text, isMatch) : null);
    });
    section('Photos', groups.photo, function (hit) {
      var p = photos[hit.id]; if (!p) return null;
      var text = [p.title].concat(p.captions, p.regions.map(function (r) { return r.label; })).find(function (t) { return words(t).some(isMatch); }) || '';
      return h('li', null, link('#/photo/' + encodeURIComponent(p.id), snippet(p.title || 'Untitled photo', isMatch, 'span')),
        text !== p.title ? snippet(text, isMatch) : null);
    });
    section('Index points', groups.index_point, function (hit) {
      var iv = interviews[hit.id], pt = iv && iv.index_points[hit.pos]; if (!pt) return null;
      return h('li', null, playLink(iv, hit.ms, [h('span', { class: 'hit-time' }, time(hit.ms)), pt.title]),
        h('span', { class: 'muted' }, ' — ' + (iv.title || 'Untitled interview')),
        snippet([pt.title, pt.synopsis, pt.keywords.join(', ')].find(function (t) { return words(t).some(isMatch); }) || '', isMatch));
    });
    section('In transcripts', groups.segment, function (hit) {
      var where = transcripts[hit.id], s = where && where.transcript.segments[hit.pos]; if (!s) return null;
      var iv = where.interview, label = where.transcript.label || language(where.transcript.language);
      var li = h('li', null,
        hit.ms >= 0 ? playLink(iv, hit.ms, h('span', { class: 'hit-time' }, time(hit.ms)), where.n) : null,
        link('#/interview/' + encodeURIComponent(iv.id), iv.title || 'Untitled interview'),
        label ? h('span', { class: 'muted' }, ' · ' + label) : null,
        snippet((s.speaker ? s.speaker + ': ' : '') + s.text, isMatch));
      li.lastChild.lang = where.transcript.language || '';
      return li;
    });
  }

  /** A link that opens an interview at a time and plays from there (in the same click, so
      the browser lets it play). */
  function playLink(iv, ms, label, transcriptIndex) {
    var hash = '#/interview/' + encodeURIComponent(iv.id) + '/t=' + Math.max(0, ms);
    var a = link(hash, label);
    a.addEventListener('click', function (e) {
      if (e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      try { history.pushState(null, '', hash); } catch (err) { location.hash = hash; return; }
      route();
      if (player && transcriptIndex) player.show(transcriptIndex);
    });
    return a;
  }

  /* ---- Routing and keys ------------------------------------------------------------- */

  var routed = null;

  function route() {
    routed = location.href;
    var hash = location.hash || '#/';
    if (hash.slice(0, 2) !== '#/') return;
    var q = hash.indexOf('?'), path = q < 0 ? hash.slice(2) : hash.slice(2, q), params = q < 0 ? '' : hash.slice(q + 1);
    var parts = path.split('/').map(function (p) { try { return decodeURIComponent(p); } catch (e) { return p; } });
    var focus = true;
    switch (parts[0]) {
      case '': home(); break;
      case 'interviews': interviewList(); break;
      case 'people': peopleList(); break;
      case 'photos': photoList(); break;
      case 'interview':
        var t = /^t=(\d+)$/.exec(parts[2] || '');
        focus = !(player && player.interview && player.interview.id === parts[1]);
        interview(parts[1], t ? +t[1] : null);
        break;
      case 'person': person(parts[1]); break;
      case 'photo': photo(parts[1]); break;
      case 'search':
        var m = /(?:^|&)q=([^&]*)/.exec(params), text = '';
        try { text = m ? decodeURIComponent(m[1].replace(/\+/g, ' ')) : ''; } catch (e) { text = m[1]; }
        focus = document.activeElement !== searchBox;
        search(text);
        break;
      default: notFound('page');
    }
    if (parts[0] !== 'search') { lastQuery = null; searchBox.value = ''; }
    if (focus) {
      var h1 = main.querySelector('h1');
      if (h1) h1.focus({ preventScroll: true });
      if (parts[0] !== 'interview' || !/^t=/.test(parts[2] || '')) window.scrollTo(0, 0);
    }
  }

  var typing = null;
  searchBox.addEventListener('input', function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      var hash = '#/search?q=' + encodeURIComponent(searchBox.value);
      var onSearch = (location.hash || '').slice(0, 9) === '#/search?' || location.hash === '#/search';
      try {
        if (onSearch) history.replaceState(null, '', hash); else history.pushState(null, '', hash);
        routed = location.href;
        search(searchBox.value);
      } catch (e) { location.hash = hash; }
    }, 120);
  });
  document.getElementById('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(typing);
    var hash = '#/search?q=' + encodeURIComponent(searchBox.value);
    if (location.hash === hash) search(searchBox.value); else location.hash = hash;
  });
  document.getElementById('skip').addEventListener('click', function (e) {
    e.preventDefault();
    var target = main.querySelector('h1') || main;
    target.focus();
  });

  document.addEventListener('keydown', function (e) {
    var t = e.target, tag = t && t.tagName;
    var editing = tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (t && t.isContentEditable);
    if (e.ctrlKey && (e.key === 'k' || e.key === 'K')) { e.preventDefault(); searchBox.focus(); searchBox.select(); return; }
    if (editing || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === '/') { e.preventDefault(); searchBox.focus(); searchBox.select(); return; }
    if (!player) return;
    if (e.key === 'Escape') { e.preventDefault(); player.toggle(); }
    else if (e.key === '[') { e.preventDefault(); player.nudge(-5); }
    else if (e.key === ']') { e.preventDefault(); player.nudge(5); }
  });

  // Back and forward fire both events; route once per address.
  function onNavigate() { if (location.href !== routed) route(); }
  window.addEventListener('hashchange', onNavigate);
  window.addEventListener('popstate', onNavigate);
  var loadingNote = document.getElementById('loading');
  if (loadingNote) loadingNote.remove();
  if (!window.RECOLLECT_DATA) {
    add(main, h('p', { class: 'notice' }, 'The archive data (data/archive.js) could not be loaded.'));
    return;
  }
  route();
})();
