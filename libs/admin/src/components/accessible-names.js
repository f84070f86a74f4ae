// AdminJS 7 draws a few controls that a screen reader cannot name: icon-only buttons (the filter drawer's close
// button, the pagination's arrows, the remove button of a list field) and filter inputs whose <label> is not tied
// to them (its FormGroup sets no htmlFor). AdminJS offers no prop for either, so the console names them in the
// page as they appear: an input after the label of its FormGroup, a button after what it does, in the account's
// language. A control that already has a name is left alone.

const PAGINATION = ['first', 'previous', 'next', 'last'];

const hasName = (element) =>
  Boolean(
    element.getAttribute('aria-label') ||
    element.getAttribute('aria-labelledby') ||
    (element.labels && element.labels.length) ||
    element.textContent.trim(),
  );

const buttonName = (button, say) => {
  const testId = button.getAttribute('data-testid');
  if (PAGINATION.includes(testId)) return say(`ConsoleView.page.${testId}`);
  if (button.getAttribute('color') === 'danger') return say('ConsoleView.removeItem');
  if (button.closest('[data-css$="-filter-drawer"]') || button.getAttribute('color') === 'text')
    return say('ConsoleView.closeFilters');
  return null;
};

const CONTROLS = 'input:not([type=hidden]), textarea, select';

// The <label> of the smallest box around the input that holds no other control (a react-select's input sits a
// few boxes below its FormGroup's label); in a box of several (a date range's "From" and "To"), the label just
// before the input's branch.
const labelAround = (input) => {
  let branch = input;
  let box = input.parentElement;
  for (let depth = 0; box && depth < 8; depth += 1, branch = box, box = box.parentElement) {
    if (box.querySelectorAll(CONTROLS).length > 1) {
      const before = branch.previousElementSibling;
      return before && before.tagName === 'LABEL' ? before : null;
    }
    const label = box.querySelector('label');
    if (label) return label;
  }
  return null;
};

// The selection boxes of a list (bulk actions): in the head, every row of the page; in a row, that row.
const checkboxName = (input, say) => {
  if (input.type !== 'checkbox' || !input.closest('table')) return null;
  return say(input.closest('thead') ? 'ConsoleView.selectAll' : 'ConsoleView.selectRow');
};

export function nameControls(root, say) {
  for (const input of root.querySelectorAll(CONTROLS)) {
    if (input.getAttribute('aria-label') || (input.labels && input.labels.length)) continue;
    const selection = checkboxName(input, say);
    if (selection) {
      input.setAttribute('aria-label', selection);
      continue;
    }
    const label = labelAround(input);
    const text = (label ? label.textContent : '').replace(/\s*\*\s*$/, '').trim();
    if (text) input.setAttribute('aria-label', text);
  }
  for (const button of root.querySelectorAll('button')) {
    if (hasName(button)) continue;
    const name = buttonName(button, say);
    if (name) button.setAttribute('aria-label', name);
  }
}

// Names the page's controls now and whenever AdminJS draws more, once per animation frame at most.
export function watchControls(say) {
  let pending = false;
  const run = () => {
    pending = false;
    nameControls(document.body, say);
  };
  const observer = new MutationObserver(() => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(run);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  run();
  return () => observer.disconnect();
}
