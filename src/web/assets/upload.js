// Progress for document uploads (issue 5). Without JavaScript the form posts as usual; with it, the same
// form is sent by XMLHttpRequest so that a progress bar can follow the upload, and the answer (the new
// document, or the form again with its problems) replaces the page exactly as a normal post would.
for (const form of document.querySelectorAll('form[data-upload]')) {
  form.addEventListener('submit', (event) => {
    if (!window.XMLHttpRequest || !window.FormData) return;
    event.preventDefault();
    const box = form.querySelector('[data-upload-progress]');
    const bar = box?.querySelector('progress');
    const button = form.querySelector('button[type=submit]');
    if (box) box.hidden = false;
    if (button) button.disabled = true;
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', (progress) => {
      if (bar && progress.lengthComputable) bar.value = Math.round((progress.loaded / progress.total) * 100);
    });
    request.addEventListener('load', () => {
      if (request.status < 400 && request.responseURL) {
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', () => {
      if (button) button.disabled = false;
      if (box) box.hidden = true;
      form.submit();
    });
    request.send(new FormData(form));
  });
}
