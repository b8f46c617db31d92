// Charts draw a few at a time (served from our own assets; tests/browser/test_first_load_browser.py). A page mounts all its charts at once; plotly.js draws each
// in ~20-70 ms, so a page of eleven drew in one task of several hundred ms that blocked clicks and typing. Here every
// Plotly.react call (how Dash's graph draws and redraws) waits for its turn in a queue drained in tasks of at most
// ~40 ms of drawing (one chart, or a few small ones): the browser can answer input and paint in between. Each call still resolves with what plotly.js returned.
(function () {
  "use strict";
  var queue = [];
  var channel = new MessageChannel();
  var pending = false;

  var BUDGET = 40;  // ms of drawing per task: under the 50 ms at which a task starts to block, and few tasks in all

  channel.port1.onmessage = function () {
    pending = false;
    var start = performance.now();
    do {
      var job = queue.shift();
      if (job) { job(); }
    } while (queue.length && performance.now() - start < BUDGET);
    if (queue.length) { next(); }
  };

  function next() {
    if (!pending) { pending = true; channel.port2.postMessage(0); }
  }

  function pace(P) {
    if (!P || P.__aiplusPaced || typeof P.react !== "function") { return; }
    var react = P.react;
    P.react = function () {
      var self = this, args = arguments;
      return new Promise(function (resolve, reject) {
        queue.push(function () {
          try { Promise.resolve(react.apply(self, args)).then(resolve, reject); } catch (e) { reject(e); }
        });
        next();
      });
    };
    P.__aiplusPaced = true;
  }

  if (window.Plotly) { pace(window.Plotly); return; }
  // plotly.js arrives later (dashboard/vendor.py): pace it as it installs itself as window.Plotly
  var value;
  Object.defineProperty(window, "Plotly", {
    configurable: true, enumerable: true,
    get: function () { return value; },
    // the first plotly.js to arrive stays: were it loaded twice (Dash's graph loads it itself if it finds none yet),
    // every chart keeps to one copy
    set: function (v) { if (!value) { value = v; pace(v); } }
  });
})();
