/* The review board's behaviour: filters that apply themselves, selection and bulk actions,
   the gallery's full view with zoom and keyboard (A accept, R return, arrows, Space, Esc),
   signing in with Telegram's initData, and Telegram's back button. Pages work without it for
   reading; deciding needs it. */
(function () {
  "use strict";
  var body = document.body;
  var prefix = body.dataset.prefix || "/board";
  var texts = {};
  try { texts = JSON.parse(body.dataset.texts || "{}"); } catch (error) { texts = {}; }
  var tg = window.BoardTelegram;

  function text(key) { return texts[key] || key; }

  function toast(message, bad) {
    var box = document.getElementById("toast");
    if (!box) return;
    box.textContent = message;
    box.className = bad ? "bad" : "";
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { box.hidden = true; }, 5000);
  }

  async function signIn() {
    if (!tg || !tg.initData()) return false;
    var response = await fetch(prefix + "/auth", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ initData: tg.initData() }),
    });
    return response.ok;
  }

  /* POSTs JSON; a lapsed session is renewed once from initData when there is one. */
  async function api(url, payload, retried) {
    var response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Board-CSRF": body.dataset.csrf || "" },
      body: JSON.stringify(payload),
    });
    if (response.status === 401 && !retried && (await signIn())) {
      location.reload();
      return { ok: false, data: {} };
    }
    var data = {};
    try { data = await response.json(); } catch (error) { data = {}; }
    if (response.status === 401) toast(text("board-js-reopen"), true);
    else if (!response.ok && !data.message) toast(text("board-js-error"), true);
    return { ok: response.ok, status: response.status, data: data };
  }

  /* --- signing in (the 401 page) --------------------------------------------------------- */
  var signin = document.querySelector("[data-signin]");
  if (signin && tg && tg.initData()) {
    signin.querySelector("[data-signin-working]").hidden = false;
    signin.querySelector("[data-signin-help]").hidden = true;
    signIn().then(function (ok) {
      if (ok) location.reload();
      else {
        signin.querySelector("[data-signin-working]").hidden = true;
        signin.querySelector("[data-signin-help]").hidden = false;
      }
    });
  }

  /* --- Telegram's back button ------------------------------------------------------------ */
  var detail = document.getElementById("detail");
  if (tg) {
    tg.ready();
    tg.showBackButton(body.dataset.page !== "matrix" && body.dataset.page !== "signin");
    tg.onBack(function () {
      if (detail && !detail.hidden) closeDetail();
      else if (history.length > 1) history.back();
      else location.href = prefix + "/";
    });
  }

  /* --- filters ---------------------------------------------------------------------------- */
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  /* --- the matrix: a cell awaiting review opens it ---------------------------------------- */
  var matrix = document.querySelector("[data-matrix]");
  if (matrix) {
    matrix.addEventListener("click", function (event) {
      var cell = event.target.closest("td[data-open]");
      if (cell) location.href = prefix + "/review?open=" + encodeURIComponent(cell.dataset.open);
    });
  }

  /* --- selection and the two-step bulk buttons -------------------------------------------- */
  var toolbar = document.querySelector("[data-selection]");
  var action = toolbar && toolbar.querySelector("[data-bulk-accept], [data-remind]");

  function picks() { return Array.prototype.slice.call(document.querySelectorAll(".pick")); }
  function chosen() { return picks().filter(function (box) { return box.checked; }); }

  function refresh() {
    if (!toolbar) return;
    var count = chosen().length;
    toolbar.querySelector("[data-n]").textContent = String(count);
    action.disabled = count === 0;
    disarm();
    var all = toolbar.querySelector("[data-select-all]");
    all.checked = count > 0 && count === picks().length;
  }

  function disarm() {
    if (action && action.dataset.armed) {
      delete action.dataset.armed;
      action.classList.remove("armed");
    }
  }

  if (toolbar) {
    toolbar.querySelector("[data-select-all]").addEventListener("change", function (event) {
      picks().forEach(function (box) { box.checked = event.target.checked; });
      refresh();
    });
    document.addEventListener("change", function (event) {
      if (event.target.classList && event.target.classList.contains("pick")) refresh();
    });
    /* The first press arms the button ("press again to confirm"), the second acts. */
    action.addEventListener("click", async function () {
      if (!action.dataset.armed) {
        action.dataset.armed = "1";
        action.classList.add("armed");
        toast(text(action.hasAttribute("data-remind") ? "board-js-confirm-remind" : "board-js-confirm-bulk"));
        setTimeout(disarm, 6000);
        return;
      }
      disarm();
      action.disabled = true;
      var ids = chosen().map(function (box) { return Number(box.value); });
      if (action.hasAttribute("data-remind")) await remind(action.dataset.remind, ids);
      else await acceptMany(ids);
      refresh();
    });
  }

  async function acceptMany(ids) {
    var result = await api(prefix + "/review/accept", { ids: ids });
    if (!result.ok) { if (result.data.message) toast(result.data.message, true); return; }
    (result.data.accepted || []).forEach(function (id) { removeCard(id); });
    (result.data.refused || []).forEach(function (item) {
      var card = cardOf(item.id);
      if (card) {
        card.classList.add("refused");
        card.title = item.message;
        card.querySelector(".pick").checked = false;
      }
    });
    toast(result.data.message, (result.data.refused || []).length > 0);
  }

  async function remind(step, schools) {
    var result = await api(prefix + "/missing/remind", { step: step, schools: schools });
    if (!result.ok) { if (result.data.message) toast(result.data.message, true); return; }
    chosen().forEach(function (box) {
      box.checked = false;
      box.closest("li").classList.add("reminded");
    });
    toast(result.data.message);
  }

  /* --- the gallery ------------------------------------------------------------------------ */
  var gallery = document.querySelector("[data-gallery]");
  var current = null; /* the id shown in the full view */

  function cards() { return Array.prototype.slice.call(document.querySelectorAll(".card")); }
  function cardOf(id) { return document.querySelector('.card[data-id="' + Number(id) + '"]'); }

  function neighbour(id, step) {
    var list = cards();
    var at = list.indexOf(cardOf(id));
    if (at < 0) return list[0] || null;
    return list[at + step] || null;
  }

  function removeCard(id) {
    var card = cardOf(id);
    if (!card) return;
    var next = neighbour(id, 1) || neighbour(id, -1);
    card.remove();
    if (String(current) === String(id)) {
      if (next) openDetail(next.dataset.id);
      else closeDetail();
    }
    if (!cards().length && toolbar) toolbar.hidden = true;
  }

  /* `from`: the one whose copy led here, for the detail's way back to it. */
  async function openDetail(id, from) {
    var query = from ? "?from=" + encodeURIComponent(from) : "";
    var response = await fetch(prefix + "/review/" + encodeURIComponent(id) + query, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    });
    if (!response.ok) { toast(text("board-js-error"), true); return; }
    detail.innerHTML = await response.text();
    detail.hidden = false;
    body.classList.add("with-detail");
    current = id;
    cards().forEach(function (card) { card.classList.toggle("current", card.dataset.id === String(id)); });
    var card = cardOf(id);
    if (card) card.scrollIntoView({ block: "nearest" });
    if (tg) tg.showBackButton(true);
  }

  function closeDetail() {
    if (!detail) return;
    detail.hidden = true;
    detail.innerHTML = "";
    body.classList.remove("with-detail");
    var card = cardOf(current);
    current = null;
    if (card) card.focus();
  }

  async function decideOne(id, accept, comment) {
    var result = await api(prefix + "/review/" + encodeURIComponent(id), {
      accept: accept,
      comment: comment || "",
    });
    if (result.data.message) toast(result.data.message, !result.ok);
    if (result.ok || result.status === 409) removeCard(id);
  }

  function focusedId() {
    if (current) return current;
    var card = document.activeElement && document.activeElement.closest && document.activeElement.closest(".card");
    return card ? card.dataset.id : null;
  }

  function returnCurrent() {
    var area = detail.querySelector("textarea[name=comment]");
    if (!area) return;
    var comment = area.value.trim();
    if (!comment) { area.focus(); return; }
    decideOne(current, false, comment);
  }

  function zoom(factor) {
    detail.querySelectorAll("[data-zoom]").forEach(function (box) {
      var scale = Math.min(6, Math.max(1, (Number(box.dataset.scale) || 1) * factor));
      box.dataset.scale = String(scale);
      box.classList.toggle("zoomed", scale > 1);
      box.querySelector("img").style.width = scale * 100 + "%";
    });
  }

  if (gallery) {
    gallery.addEventListener("click", function (event) {
      var opener = event.target.closest("[data-open]");
      if (opener) openDetail(opener.dataset.open);
    });
    detail.addEventListener("click", function (event) {
      var target = event.target;
      var link = target.closest("a[data-goto]");
      if (link) {
        event.preventDefault();
        openDetail(link.dataset.goto, link.dataset.from);
      } else if (target.closest("[data-close]")) closeDetail();
      else if (target.closest("[data-accept]")) decideOne(current, true);
      else if (target.closest("[data-return]")) returnCurrent();
      else if (target.closest("[data-prev]")) { var p = neighbour(current, -1); if (p) openDetail(p.dataset.id); }
      else if (target.closest("[data-next]")) { var n = neighbour(current, 1); if (n) openDetail(n.dataset.id); }
      else if (target.closest("[data-zoom] img")) {
        var box = target.closest("[data-zoom]");
        zoom((Number(box.dataset.scale) || 1) > 1 ? 0 : 2.5);
      }
    });
    detail.addEventListener("wheel", function (event) {
      if (!event.ctrlKey || !event.target.closest("[data-zoom]")) return;
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1.25 : 0.8);
    }, { passive: false });

    document.addEventListener("keydown", function (event) {
      var typing = event.target.matches && event.target.matches("textarea, input[type=search], select");
      if (typing) {
        if (event.key === "Escape") event.target.blur();
        else if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.name === "comment") {
          event.preventDefault();
          returnCurrent();
        }
        return;
      }
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var id = focusedId();
      var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (key === "ArrowRight" || key === "ArrowDown" || key === "ArrowLeft" || key === "ArrowUp") {
        event.preventDefault();
        var step = key === "ArrowRight" || key === "ArrowDown" ? 1 : -1;
        var next = id ? neighbour(id, step) : cards()[0];
        if (!next) return;
        if (current) openDetail(next.dataset.id);
        else next.focus();
      } else if ((key === "a" || key === "ф") && id) {
        event.preventDefault();
        decideOne(id, true);
      } else if ((key === "r" || key === "к") && id) {
        event.preventDefault();
        var focus = function () { var area = detail.querySelector("textarea"); if (area) area.focus(); };
        if (current) focus();
        else openDetail(id).then(focus);
      } else if (key === "Enter" && id && !current) {
        event.preventDefault();
        openDetail(id);
      } else if (key === " " && id && !current) {
        event.preventDefault();
        var box = cardOf(id).querySelector(".pick");
        box.checked = !box.checked;
        refresh();
      } else if (key === "Escape" && current) {
        closeDetail();
      } else if ((key === "+" || key === "=") && current) {
        zoom(1.25);
      } else if (key === "-" && current) {
        zoom(0.8);
      }
    });
    if (gallery.dataset.openFirst) openDetail(gallery.dataset.openFirst);
  }
})();
