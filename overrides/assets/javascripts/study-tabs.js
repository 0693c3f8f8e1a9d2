// @ts-check
// Material 9.8.2's inline script of partials/javascripts/content.html (linked content tabs) as a file.
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=/** @type {Element} */(set.querySelector(".tabbed-labels"));for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=/** @type {HTMLInputElement} */(document.getElementById(label.htmlFor));input.checked=!0;continue e}}
