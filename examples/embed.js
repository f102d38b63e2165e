// A host page embedding Riskgate: mount it, listen to its events, unmount it.
import init, { mount } from "./riskgate.js";

const slot = document.querySelector("#riskgate");
const log = document.querySelector("#events");
const welcome = document.querySelector("#welcome");
let handle = null;

function record(event) {
  const item = document.createElement("li");
  const name = document.createElement("strong");
  name.textContent = event.type;
  const detail = document.createElement("code");
  detail.textContent = JSON.stringify(event.detail);
  item.append(name, " ", detail);
  log.prepend(item);
}

for (const type of ["riskgate:step", "riskgate:signed-in", "riskgate:blocked", "riskgate:error"]) {
  slot.addEventListener(type, record);
}

slot.addEventListener("riskgate:signed-in", (event) => {
  welcome.textContent = `Welcome aboard, ${event.detail.displayName}.`;
  welcome.hidden = false;
});

function start() {
  if (handle?.mounted) return;
  welcome.hidden = true;
  const params = new URLSearchParams(location.search);
  handle = mount(slot, {
    backend: params.get("backend") ?? "mock",
    locale: params.get("locale") ?? undefined,
    theme: params.get("theme") ?? "light",
    branding: { accent: "#6b2c91" },
    username: params.get("username") ?? undefined,
    tenant: "contoso",
  });
}

document.querySelector("#unmount").addEventListener("click", () => handle?.unmount());
document.querySelector("#remount").addEventListener("click", start);

await init();
start();
// For the browser test that drives this page.
window.riskgateExample = { get handle() { return handle; } };
