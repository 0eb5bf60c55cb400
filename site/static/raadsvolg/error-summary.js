// The error summary of an admin form (progressive enhancement; the page works without):
// focus the summary when the page opens, and let each of its links focus the field it
// names, with the field's label in view (the GOV.UK / NL Design System pattern).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const field = link && document.getElementById(link.hash.slice(1));
    if (!field) return;
    event.preventDefault();
    const wrapper = field.closest("[data-field-wrapper]") || field;
    // Centred, so the sticky header does not hide the label; instantly, because the
    // admin scrolls smoothly and the focus must land once there.
    wrapper.scrollIntoView({ block: "center", behavior: "instant" });
    field.focus({ preventScroll: true });
    history.replaceState(null, "", link.hash);
  });
});
