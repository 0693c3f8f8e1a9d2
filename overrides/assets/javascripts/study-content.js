// @ts-check
// Material 9.8.2's inline script of partials/javascripts/content.html (open the tab a link names) as a file.
var target=/** @type {HTMLInputElement|null} */(document.getElementById(location.hash.slice(1)));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
