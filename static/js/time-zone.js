// Sign-up: put the browser's time zone in the zone field and ask the user to confirm it.
// Without this script the field still works: its list is searchable and the server checks it.
(function () {
  "use strict";
  var input = document.querySelector("input[data-detect-zone]");
  if (!input) { return; }
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!zone) { return; }
  var known = input.list && Array.prototype.some.call(input.list.options, function (option) {
    return option.value === zone;
  });
  var note = document.createElement("p");
  note.id = input.id + "-detected";
  note.className = "form-text detected-zone";
  note.setAttribute("role", "status");
  if (known) {
    input.value = zone;
    note.textContent = "We detected " + zone + " — is that right? If not, type your city and pick it from the list.";
  } else {
    note.textContent = "Your browser reports " + zone + ", which is not in our list: type your city and pick it from the list.";
  }
  (input.list || input).insertAdjacentElement("afterend", note);
  var described = input.getAttribute("aria-describedby");
  input.setAttribute("aria-describedby", (described ? described + " " : "") + note.id);
})();
