// Fill the name field's datalist with reference drug names as the user types.
// Without this script the form still works: a typed name is matched when it is saved.
(function () {
  "use strict";
  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.dataset.suggestUrl;
    var timer = null;
    var lastQuery = "";
    input.addEventListener("input", function () {
      var query = input.value.trim();
      clearTimeout(timer);
      if (query.length < 2 || query === lastQuery) { return; }
      timer = setTimeout(function () {
        lastQuery = query;
        fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren();
            data.results.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.value;
              option.label = item.label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a convenience; typing still works */ });
      }, 150);
    });
  }
  document.querySelectorAll("input[data-suggest-url]").forEach(attach);
})();
