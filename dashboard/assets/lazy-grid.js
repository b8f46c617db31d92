// The grid library (dash-ag-grid, 1.3 MB) loads only on a page that shows a grid (served from our own server).
// Dash puts every component library's main bundle on every page; dashboard/vendor.py takes dash-ag-grid's out of
// the page's scripts and names its URL in <meta name="aiplus-grid-src">. Until it has loaded, `dash_ag_grid.AgGrid`
// is this stand-in: an empty box of the grid's size (its slot keeps the height: no layout shift) that loads the
// library on mount and then renders the real grid with the same props.
(function () {
  "use strict";
  if (window.dash_ag_grid) { return; }  // the library is already on the page
  var meta = document.querySelector('meta[name="aiplus-grid-src"]');
  if (!meta || !window.React) { return; }
  var React = window.React;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = meta.content;
        s.async = true;
        s.onload = resolve;
        s.onerror = function () { loading = null; reject(new Error("grid library did not load")); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function real() {
    var lib = window.dash_ag_grid;
    return lib && lib.AgGrid && lib.AgGrid !== LazyAgGrid ? lib.AgGrid : null;
  }

  function LazyAgGrid(props) {
    var state = React.useState(real() ? 1 : 0);
    var failed = React.useState(false);
    React.useEffect(function () {
      if (!state[0]) {
        load().then(function () { state[1](1); }, function () { failed[1](true); });
      }
    }, []);
    var Grid = state[0] ? real() : null;
    var box = React.createElement("div", {
      className: (props.className || "") + " aiplus-grid-loading", style: props.style,
      role: failed[0] ? "alert" : null
    }, failed[0] ? "⚠" : null);
    // the grid loads more of its code when it first draws: the box stands in meanwhile (without this boundary
    // React would hide the whole page until that code has arrived)
    return Grid ? React.createElement(React.Suspense, {fallback: box}, React.createElement(Grid, props)) : box;
  }

  window.dash_ag_grid = {AgGrid: LazyAgGrid};
})();
