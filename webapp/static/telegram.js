/* A small bridge to the Telegram Mini App host, written for this board and vendored here (no CDN):
   the launch parameters Telegram puts in the address's fragment (initData, theme), the theme as
   CSS variables, the back button, "ready" and "expand". It speaks the Web Apps protocol of
   https://core.telegram.org/api/web-events: postEvent through TelegramWebviewProxy (mobile and
   desktop apps) or window.parent.postMessage (web clients); events come back through
   window.Telegram.WebView.receiveEvent or a message event. Outside Telegram it does nothing. */
(function () {
  "use strict";
  var store = window.sessionStorage;
  var handlers = {};

  function fragment() {
    var out = {};
    location.hash.slice(1).split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at <= 0) return;
      try {
        out[decodeURIComponent(pair.slice(0, at))] = decodeURIComponent(pair.slice(at + 1));
      } catch (error) { /* not ours */ }
    });
    return out;
  }

  var launch = fragment();
  if (launch.tgWebAppData) store.setItem("board.initData", launch.tgWebAppData);
  if (launch.tgWebAppThemeParams) store.setItem("board.theme", launch.tgWebAppThemeParams);
  if (launch.tgWebAppData && history.replaceState) {
    history.replaceState(null, "", location.pathname + location.search);
  }

  function hosted() {
    return Boolean(
      (window.TelegramWebviewProxy && window.TelegramWebviewProxy.postEvent) ||
      (window.external && "notify" in window.external) ||
      window.parent !== window
    );
  }

  function postEvent(type, data) {
    var payload = data || {};
    try {
      if (window.TelegramWebviewProxy && window.TelegramWebviewProxy.postEvent) {
        window.TelegramWebviewProxy.postEvent(type, JSON.stringify(payload));
      } else if (window.external && "notify" in window.external) {
        window.external.notify(JSON.stringify({ eventType: type, eventData: payload }));
      } else if (window.parent !== window) {
        window.parent.postMessage(JSON.stringify({ eventType: type, eventData: payload }), "*");
      }
    } catch (error) { /* the host is gone: nothing to tell */ }
  }

  function receive(type, data) {
    (handlers[type] || []).forEach(function (handler) { handler(data || {}); });
  }

  window.Telegram = window.Telegram || {};
  window.Telegram.WebView = window.Telegram.WebView || {};
  window.Telegram.WebView.receiveEvent = receive;
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || typeof event.data !== "string") return;
    try {
      var message = JSON.parse(event.data);
      if (message && message.eventType) receive(message.eventType, message.eventData);
    } catch (error) { /* not an event for us */ }
  });

  var COLOUR = /^#[0-9a-fA-F]{3,8}$/;

  function applyTheme(theme) {
    var root = document.documentElement;
    Object.keys(theme || {}).forEach(function (key) {
      var value = String(theme[key]);
      if (/^[a-z_]+$/.test(key) && COLOUR.test(value)) {
        root.style.setProperty("--tg-theme-" + key.replace(/_/g, "-"), value);
      }
    });
    if (theme && theme.bg_color) root.classList.add("tg-themed");
  }

  try { applyTheme(JSON.parse(store.getItem("board.theme") || "{}")); } catch (error) { /* none */ }
  on("theme_changed", function (data) {
    if (data.theme_params) {
      store.setItem("board.theme", JSON.stringify(data.theme_params));
      applyTheme(data.theme_params);
    }
  });

  function on(type, handler) {
    (handlers[type] = handlers[type] || []).push(handler);
  }

  window.BoardTelegram = {
    initData: function () { return store.getItem("board.initData") || ""; },
    inTelegram: function () { return Boolean(store.getItem("board.initData")) && hosted(); },
    showBackButton: function (visible) {
      postEvent("web_app_setup_back_button", { is_visible: Boolean(visible) });
    },
    onBack: function (handler) { on("back_button_pressed", handler); },
    ready: function () {
      postEvent("web_app_ready");
      postEvent("web_app_expand");
    },
  };
})();
