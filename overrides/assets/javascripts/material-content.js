/* Material for MkDocs 9.8.2's inline content script (partials/javascripts/content.html), moved into a file:
 * the site's Content Security Policy forbids inline scripts. */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
