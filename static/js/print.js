// The "Print or save as PDF" button opens the browser's print dialog.
document.querySelectorAll("[data-print]").forEach(function (link) {
  "use strict";
  link.addEventListener("click", function (event) {
    event.preventDefault();
    window.print();
  });
});
