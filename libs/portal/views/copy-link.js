// The only script of the token-link pages, and optional: it reveals the "Copy" buttons and copies the link
// beside each one. Without it the link is still shown, selectable, and the pages work as before.
document.querySelectorAll('button[data-copy]').forEach(function (button) {
  var target = document.getElementById(button.getAttribute('data-copy'));
  var status = document.getElementById(button.getAttribute('data-copy') + '-copied');
  if (!target || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(target.textContent.trim()).then(function () {
      if (status) status.hidden = false;
    });
  });
});
