// The one-line embedding: `mount(el, { backend })`, its handle kept only with ?keep.
// The page records the component's events for the smoke test to read.
import init, { mount, unmount } from "./riskgate.js";

await init();
const el = document.getElementById("riskgate");
window.events = [];
for (const name of ["riskgate:step", "riskgate:signed-in", "riskgate:blocked", "riskgate:error"]) {
  el.addEventListener(name, () => window.events.push(name));
}
if (new URLSearchParams(location.search).has("keep")) {
  window.handle = mount(el, { backend: "/api" });
} else {
  mount(el, { backend: "/api" });
}
window.unmountElement = () => unmount(el);
window.bareReady = true;
