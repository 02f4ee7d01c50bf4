// infisical-kit console: reveal and copy (values fetched one at a time by a POST that
// carries the CSRF token), the client-side name filter, and delete confirmations.
// Values are written with textContent / .value only, never as HTML.
"use strict";

(function () {
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.content : "";

  async function fetchValue(button) {
    const holder = button.closest("[data-reveal]");
    const body = new URLSearchParams({
      csrf: csrf,
      path: holder.dataset.path,
      name: button.dataset.name,
    });
    if (button.dataset.version) body.set("version", button.dataset.version);
    const response = await fetch(holder.dataset.reveal, {
      method: "POST",
      headers: { Accept: "application/json", "X-CSRF-Token": csrf },
      body: body,
      credentials: "same-origin",
      cache: "no-store",
    });
    const data = await response.json();
    if (!response.ok) throw new Error(data.message || "Could not read the value");
    return data.value;
  }

  function flashButton(button, text) {
    const before = button.dataset.label || button.textContent;
    button.dataset.label = before;
    button.textContent = text;
    setTimeout(function () { button.textContent = before; }, 1500);
  }

  async function copyText(text, button) {
    try {
      await navigator.clipboard.writeText(text);
      flashButton(button, "Copied");
    } catch (err) {
      flashButton(button, "Copy failed");
    }
  }

  document.addEventListener("click", async function (event) {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.classList.contains("reveal")) {
      const masked = button.parentElement.querySelector(".masked");
      if (masked.classList.contains("shown")) {
        masked.textContent = "••••••••";
        masked.classList.remove("shown");
        button.textContent = "Reveal";
        return;
      }
      try {
        masked.textContent = await fetchValue(button);
        masked.classList.add("shown");
        button.textContent = "Hide";
      } catch (err) {
        masked.textContent = err.message;
      }
    } else if (button.classList.contains("copy")) {
      try {
        await copyText(await fetchValue(button), button);
      } catch (err) {
        flashButton(button, "Copy failed");
      }
    } else if (button.classList.contains("load-value")) {
      const form = button.closest("form");
      try {
        form.elements.value.value = await fetchValue(button);
        form.elements.value_set.value = "1";
        form.elements.value.focus();
      } catch (err) {
        flashButton(button, err.message);
      }
    } else if (button.classList.contains("copy-text")) {
      copyText(document.getElementById(button.dataset.copy).textContent, button);
    }
  });

  // Editing the value box means "set this value", even to an empty one.
  document.addEventListener("input", function (event) {
    const field = event.target;
    if (field.name === "value" && field.form && field.form.elements.value_set) {
      field.form.elements.value_set.value = "1";
    }
  });

  document.addEventListener("submit", function (event) {
    const question = event.target.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    const back = event.target.closest("a[data-back]");
    if (back && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });

  const filter = document.getElementById("filter");
  if (filter) {
    const table = document.getElementById(filter.dataset.filter);
    const rows = table ? Array.from(table.tBodies[0].rows) : [];
    const count = document.getElementById("secret-count");
    const none = document.getElementById("no-match");
    filter.addEventListener("input", function () {
      const needle = filter.value.trim().toLowerCase();
      let shown = 0;
      for (const row of rows) {
        const match = !needle || row.dataset.name.includes(needle);
        row.hidden = !match;
        if (match) shown += 1;
      }
      if (count) count.textContent = needle ? shown + " of " + rows.length : String(rows.length);
      if (none) none.hidden = shown > 0 || rows.length === 0;
    });
  }
})();
