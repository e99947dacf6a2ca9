// Follow the system's light or dark setting with Bootstrap's colour modes. Loaded in <head>
// before the page paints, so a dark system never flashes a light page; without JavaScript the
// page simply stays light.
(function () {
  "use strict";
  if (!window.matchMedia) {
    return;
  }
  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  var apply = function () {
    document.documentElement.setAttribute("data-bs-theme", dark.matches ? "dark" : "light");
  };
  apply();
  if (dark.addEventListener) {
    dark.addEventListener("change", apply);
  } else if (dark.addListener) {
    dark.addListener(apply);  // Safari before 14
  }
})();
