// Videos load from YouTube or Vimeo only after the visitor presses "Play".
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-video-play]");
  if (!button) return;
  const frame = button.closest("[data-video-frame]");
  if (!frame) return;
  const iframe = document.createElement("iframe");
  iframe.src = frame.dataset.src;
  iframe.title = frame.dataset.title;
  iframe.allow = "fullscreen; picture-in-picture";
  iframe.referrerPolicy = "strict-origin-when-cross-origin";
  frame.replaceChildren(iframe);
  iframe.focus();
});
