// Client-side helpers (served from our own assets; the CSP allows no inline script).
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  aiplus: {
    // each page has its own title in the chosen language, and <html lang> follows the language
    setTitle: function (title, search) {
      if (title) { document.title = title; }
      var m = /[?&]lang=(zh|en)/.exec(search || "");
      document.documentElement.lang = m && m[1] === "en" ? "en" : "zh";
      return title || null;
    }
  }
});
