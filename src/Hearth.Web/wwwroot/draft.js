// Keeps a questionnaire's unfinished answers as a draft in this browser (never on the server), so
// that closing the tab loses nothing. Drafts are kept per person and removed when anyone signs out,
// and on any page shown to someone else or to nobody (a session that expired lands on the sign-in
// page), so the next person at a shared computer never finds them. The form works without this script.
(function () {
  const prefix = "hearth-draft-";
  const owner = document.querySelector("meta[name='hearth-owner']")?.content ?? "";
  for (const k of Object.keys(localStorage)) {
    if (k.startsWith(prefix) && (owner === "" || !k.startsWith(prefix + owner + "-"))) localStorage.removeItem(k);
  }
  for (const form of document.querySelectorAll("form[data-draft]")) {
    const key = prefix + form.dataset.owner + "-" + form.dataset.draft;
    const progress = form.querySelector(".progress");
    const radios = Array.from(form.querySelectorAll("input[type=radio]"));
    const total = new Set(radios.map(r => r.name)).size;
    const update = () => {
      const answered = new Set(radios.filter(r => r.checked).map(r => r.name)).size;
      // The page gives the sentence in the reader's language ("{0} of {1} answered"); English if it does not.
      const words = progress?.dataset.answered || "{0} of {1} answered";
      if (progress) progress.textContent = words.replace("{0}", answered).replace("{1}", total);
    };
    try {
      const saved = JSON.parse(localStorage.getItem(key) || "{}");
      for (const r of radios) if (!form.querySelector("input[name='" + r.name + "']:checked") && saved[r.name] === r.value) r.checked = true;
    } catch (e) { /* a damaged draft is ignored */ }
    update();
    form.addEventListener("change", () => {
      const answers = {};
      for (const r of radios) if (r.checked) answers[r.name] = r.value;
      localStorage.setItem(key, JSON.stringify(answers));
      update();
    });
    form.addEventListener("submit", () => localStorage.removeItem(key));
  }
  for (const signOut of document.querySelectorAll("form[action='/account/logout']")) {
    signOut.addEventListener("submit", () => {
      for (const k of Object.keys(localStorage)) if (k.startsWith(prefix)) localStorage.removeItem(k);
    });
  }
})();
