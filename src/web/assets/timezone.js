// Tells the server the reader's time zone, so that meeting times are shown in it from the next page on.
// Pages work without it: they show each meeting in its own zone.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  const cookie = `tz=${encodeURIComponent(zone)}`;
  if (document.cookie.split('; ').includes(cookie)) return;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox and older Safari.
  document.cookie = `${cookie}; path=/; max-age=31536000; samesite=lax`;
})();
