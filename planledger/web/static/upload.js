// The upload form with progress: the file is sent with XMLHttpRequest so that the page can show how much
// of it has gone, then that the server is reading it; the server's answer replaces the page, as the
// plain form post (which works without this script) would.
(function () {
  const form = document.querySelector("form.upload");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  const bar = form.querySelector("progress.upload-progress");
  const said = form.querySelector(".upload-state");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    bar.hidden = false;
    bar.removeAttribute("value");
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable) return;
      bar.max = e.total;
      bar.value = e.loaded;
      said.textContent = form.dataset.sending.replace("%(pct)s", Math.round(100 * e.loaded / e.total));
    };
    xhr.upload.onload = function () {
      bar.removeAttribute("value");  // indeterminate: the server reads and extracts it now
      said.textContent = form.dataset.reading;
    };
    xhr.onload = function () {
      document.open();
      document.write(xhr.responseText);
      document.close();
    };
    xhr.onerror = function () { said.textContent = form.dataset.failed; };
    form.querySelector("button[type=submit]").disabled = true;
    xhr.send(new FormData(form));
  });
})();
