// The student page (GET /): the seed's forward and backward pass of a request, one step at a time, from
// POST /gradient's trace; and a run of POST /descent drawn as its events arrive. No library, no build.
"use strict";

const EXAMPLES = [
  {
    name: "1. Linear regression",
    request: {
      layers: [{ type: "linear", outputs: 1, bias: true, parameters: [0.5, -1, 0.25] }],
      loss: { type: "squared_error" }, x: [1, 2], y: [3],
    },
  },
  {
    name: "2. Multinomial logistic regression",
    request: {
      layers: [{ type: "linear", outputs: 3, bias: false, parameters: [0.1, -0.2, 0.3, 0, 0.5, -0.1, -0.3, 0.2, 0.2] },
        { type: "softmax" }],
      loss: { type: "cross_entropy" }, x: [1, 2, -1], y: [0, 1, 0],
    },
  },
  {
    name: "3. One sigmoid hidden layer",
    request: {
      layers: [{ type: "linear", outputs: 2, bias: false, parameters: [0, 1, -1, 2, 0, 1] }, { type: "sigmoid" },
        { type: "linear", outputs: 2, bias: false, parameters: [-1, 0, 2, -1] }, { type: "softmax" }],
      loss: { type: "cross_entropy" }, x: [1, 0, -1], y: [0, 1],
    },
  },
  {
    name: "4. A batch of two samples",
    request: {
      layers: [{ type: "linear", outputs: 3, bias: false, parameters: [0, 0, 0, 0, 0, 0] }, { type: "softmax" }],
      loss: { type: "cross_entropy" },
      samples: [{ x: [1, 2], y: [0, 0, 1] }, { x: [4, -1], y: [1, 0, 0] }],
    },
  },
  {
    name: "5. Linear chain, ½-squared error",
    request: {
      layers: [{ type: "linear", outputs: 2, bias: false, parameters: [0, 1, -1, 2, 0, 1] },
        { type: "linear", outputs: 2, bias: false, parameters: [-1, 0, 2, -1] }],
      loss: { type: "half_squared_error" }, x: [1, 0, -1], y: [0, 1],
    },
  },
];
const START = 2; // example 3

const $ = (id) => document.getElementById(id);
const state = { request: null, sample: 0, answer: null, batchAnswer: null, step: 0 };

// ---- numbers: six significant digits shown, the full value (as the service sent it) on hover

function num(value, cls) {
  const td = document.createElement("td");
  td.className = "num" + (cls ? " " + cls : "");
  td.textContent = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  td.title = String(value);
  td.dataset.value = String(value);
  return td;
}

/** A matrix (array of rows) or a vector (shown as a column), as a table; `hot` marks cells by [row, column]. */
function matrix(rows, options = {}) {
  const table = document.createElement("table");
  table.className = "matrix";
  const asColumn = !Array.isArray(rows[0]);
  const data = asColumn ? rows.map((v) => [v]) : rows;
  data.forEach((row, r) => {
    const tr = document.createElement("tr");
    row.forEach((value, c) => tr.appendChild(num(value, options.cell ? options.cell(r, c) : "")));
    table.appendChild(tr);
  });
  if (data.length === 0 || data[0].length === 0) {
    table.innerHTML = "<tr><td>none: the layer has no parameters</td></tr>";
  }
  return table;
}

function quantity(name, html, value, options) {
  const div = document.createElement("div");
  div.className = "quantity";
  const label = document.createElement("span");
  label.className = "name";
  label.innerHTML = html + " =";
  div.appendChild(label);
  div.appendChild(matrix(value, options));
  div.dataset.quantity = name;
  return div;
}

const transpose = (rows) => (rows.length === 0 ? [] : rows[0].map((_, c) => rows.map((row) => row[c])));
const sup = (text) => "<sup>" + text + "</sup>";
const sub = (text) => "<sub>" + text + "</sub>";

// ---- the service

async function post(path, body, accept = "application/json") {
  const response = await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json", Accept: accept }, body: JSON.stringify(body),
  });
  return response;
}

async function traced(request) {
  const single = { ...request, trace: true };
  if (request.samples) {
    const s = request.samples[state.sample];
    delete single.samples;
    delete single.reduction;
    single.x = s.x;
    if (s.y !== undefined) single.y = s.y;
    if (s.label !== undefined) single.label = s.label;
  }
  const response = await post("/gradient", single);
  return { status: response.status, body: await response.json() };
}

// ---- the backpropagation view

function load(request) {
  state.request = request;
  state.sample = 0;
  $("editor").value = JSON.stringify(request, null, 2);
  return compute();
}

async function compute() {
  $("problem").textContent = "";
  $("outline").replaceChildren();
  const request = state.request;
  const picker = $("sample-picker");
  picker.hidden = !request.samples;
  if (request.samples) {
    $("sample").replaceChildren(...request.samples.map((_, s) => new Option("x" + sup(s + 1), s)));
    [...$("sample").options].forEach((o, s) => { o.textContent = "sample " + (s + 1) + " of " + request.samples.length; });
    $("sample").value = String(state.sample);
  }
  $("status").textContent = "Computing…";
  const { status, body } = await traced(request);
  if (status !== 200) {
    showProblem(body);
    return;
  }
  state.answer = body;
  state.batchAnswer = null;
  if (request.samples) {
    const whole = await post("/gradient", request);
    state.batchAnswer = await whole.json();
  }
  state.step = 0;
  render();
}

/** Steps: 0 the forward pass; 1 q^{L+1}; 2 .. L+1 the backward steps (layers L..1); L+2 the gradient. */
function stepCount() {
  return 3 + state.answer.trace.backward.length;
}

function render() {
  const { trace } = state.answer;
  const L = trace.forward.length;
  const last = stepCount() - 1;
  const step = state.step;
  const backward = step >= 2 && step < last ? trace.backward[step - 2] : null;
  const current = backward ? backward.layer : null;
  $("back").disabled = step === 0;
  $("next").disabled = step === last;

  // the chain, left to right
  const chain = $("chain");
  chain.replaceChildren();
  const input = document.createElement("span");
  input.className = "node";
  input.innerHTML = "x = z" + sup(1);
  chain.appendChild(input);
  trace.forward.forEach((f) => {
    chain.insertAdjacentHTML("beforeend", '<span class="arrow">→</span>');
    const node = document.createElement("span");
    node.className = "node" + (current === f.layer ? " current" : "");
    node.innerHTML = "g" + sub(f.layer) + ": " + f.type;
    chain.appendChild(node);
  });
  chain.insertAdjacentHTML("beforeend", '<span class="arrow">→</span><span class="node">ℓ: ' +
    state.request.loss.type + "</span>");

  // each layer's forward quantities
  const layers = $("layers");
  layers.replaceChildren();
  trace.forward.forEach((f) => {
    const card = document.createElement("article");
    card.className = "layer" + (current === f.layer ? " current" : "");
    card.dataset.layer = f.layer;
    card.innerHTML = "<h2>Layer " + f.layer + " <small>" + f.type + "</small></h2>";
    card.appendChild(quantity("input", "z" + sup(f.layer), f.input));
    card.appendChild(quantity("output", "z" + sup(f.layer + 1), f.output));
    const hotA = backward && backward.layer === f.layer ? () => "hot" : null;
    card.appendChild(quantity("A", "A" + sub(f.layer), f.A, hotA ? { cell: hotA } : {}));
    card.appendChild(quantity("B", "B" + sub(f.layer), f.B, hotA ? { cell: hotA } : {}));
    layers.appendChild(card);
  });

  // the current step of the backward pass
  const panel = $("step");
  panel.replaceChildren();
  if (step === 0) {
    $("status").innerHTML = "The forward pass: z" + sup(1) + " = x, then z" + sup("i+1") + " = g" + sub("i") + "(z" +
      sup("i") + "), with the blocks A" + sub("i") + " and B" + sub("i") + " of each layer. Next: the backward pass.";
    panel.innerHTML = "<p>Output h<sub>x</sub>(w) = z" + sup(L + 1) + ", loss ℓ = <span class=\"num\" title=\"" +
      state.answer.loss + "\">" + Number(state.answer.loss.toPrecision(6)) + "</span>. Press <b>Next step</b>.</p>";
    panel.appendChild(quantity("output", "z" + sup(L + 1), trace.forward[L - 1].output));
  } else if (step === 1) {
    $("status").textContent = "Step 1 of " + last + ": the loss's gradient at the output starts the backward pass.";
    panel.innerHTML = "<p>q" + sup(L + 1) + " = ∇ℓ(z" + sup(L + 1) + ")</p>";
    panel.appendChild(quantity("q", "q" + sup(L + 1), trace.lossGradient, { cell: () => "q" }));
  } else if (backward) {
    const i = backward.layer;
    const f = trace.forward[i - 1];
    const q = i === L ? trace.lossGradient : trace.backward[step - 3].q;
    $("status").textContent = "Step " + step + " of " + last + ": layer " + i + " (" + f.type + ").";
    panel.appendChild(equation("p" + sup(i) + " = A" + sub(i) + sup("T") + " q" + sup(i + 1), transpose(f.A), q,
      backward.p, "p"));
    if (backward.q) {
      panel.appendChild(equation("q" + sup(i) + " = B" + sub(i) + sup("T") + " q" + sup(i + 1), transpose(f.B), q,
        backward.q, "q"));
    }
  } else {
    panel.innerHTML = "<p>The backward pass is complete: each p" + sup("i") + " is the block of the gradient for " +
      "layer i's parameters, and q" + sup(1) + " = ∇" + sub("x") + "f.</p>";
    $("status").innerHTML = "Done: the gradient (p" + sup("L") + "; …; p" + sup(1) + "), each block where the " +
      "answer's <code>layout</code> puts it.";
  }
  renderGradient(step === last);
}

/** result = M v, with the row of M and the entries of v that make the hovered (or first) entry highlighted. */
function equation(html, M, v, result, kind) {
  const div = document.createElement("div");
  div.className = "equation";
  div.dataset.equation = kind;
  const label = document.createElement("span");
  label.innerHTML = html + " :";
  const tM = matrix(M);
  const tv = matrix(v, { cell: () => "q" });
  const tr = matrix(result, { cell: () => kind });
  const highlight = (k) => {
    tM.querySelectorAll("td").forEach((td) => td.classList.remove("hot"));
    tv.querySelectorAll("td").forEach((td) => td.classList.remove("hot"));
    tr.querySelectorAll("td").forEach((td) => td.classList.remove("hot"));
    const row = tM.rows[k];
    if (!row) return;
    [...row.cells].forEach((td, j) => {
      if (Number(td.dataset.value) !== 0 && Number(v[j]) !== 0) {
        td.classList.add("hot");
        tv.rows[j].cells[0].classList.add("hot");
      }
    });
    tr.rows[k].cells[0].classList.add("hot");
  };
  [...tr.querySelectorAll("td")].forEach((td, k) => {
    td.tabIndex = 0;
    td.addEventListener("mouseenter", () => highlight(k));
    td.addEventListener("focus", () => highlight(k));
  });
  highlight(0);
  div.append(label, tM, document.createTextNode("×"), tv, document.createTextNode("="), tr);
  return div;
}

function renderGradient(shown) {
  const box = $("gradient");
  box.replaceChildren();
  if (!shown) return;
  const answer = state.answer;
  const heading = document.createElement("h2");
  heading.innerHTML = "∇f = (p" + sup("L") + "; …; p" + sup(1) + ")" +
    (state.request.samples ? ", sample " + (state.sample + 1) : "");
  box.appendChild(heading);
  box.appendChild(blocks(answer.gradient, answer.layout));
  if (state.batchAnswer && state.batchAnswer.gradient) {
    const h = document.createElement("h2");
    h.textContent = "The batch's gradient (" + state.batchAnswer.reduction + " over " +
      state.batchAnswer.sampleCount + " samples)";
    box.appendChild(h);
    box.appendChild(blocks(state.batchAnswer.gradient, state.batchAnswer.layout));
  }
}

function blocks(gradient, layout) {
  const div = document.createElement("div");
  div.className = "blocks";
  layout.filter((entry) => entry.length > 0).forEach((entry) => {
    const block = document.createElement("span");
    block.className = "block";
    block.dataset.layer = entry.layer;
    block.innerHTML = '<span class="label">p' + sup(entry.layer) + ": layer " + entry.layer + ", entries " +
      entry.offset + "–" + (entry.offset + entry.length - 1) + "</span>";
    block.appendChild(matrix([gradient.slice(entry.offset, entry.offset + entry.length)]));
    div.appendChild(block);
  });
  return div;
}

// ---- the editor: the request's fields, and a problem next to the field it points at

function showProblem(problem) {
  state.answer = null;
  ["chain", "step", "layers", "gradient"].forEach((id) => $(id).replaceChildren());
  $("back").disabled = true;
  $("next").disabled = true;
  $("status").textContent = "The service refused the request: " + (problem.title || "problem") + ".";
  $("editor-box").open = true;
  $("problem").textContent = (problem.title || "") + ": " + (problem.detail || "");
  const outline = $("outline");
  outline.replaceChildren(field(state.request, "", "request"));
  (problem.errors || []).forEach((error) => {
    let pointer = error.pointer || "";
    let node = outline.querySelector('[data-pointer="' + CSS.escape(pointer) + '"]');
    while (!node && pointer) {
      pointer = pointer.slice(0, pointer.lastIndexOf("/"));
      node = outline.querySelector('[data-pointer="' + CSS.escape(pointer) + '"]');
    }
    node = node || outline.firstChild;
    node.classList.add("has-problem");
    const message = document.createElement("span");
    message.className = "error";
    message.textContent = "← " + error.detail;
    node.querySelector(":scope > .key").after(message);
  });
}

function field(value, pointer, key) {
  const div = document.createElement("div");
  div.dataset.pointer = pointer;
  const k = document.createElement("span");
  k.className = "key";
  k.textContent = key + ":";
  div.appendChild(k);
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) {
    div.append(" [" + value.join(", ") + "]");
  } else if (value !== null && typeof value === "object") {
    Object.entries(value).forEach(([name, v]) => {
      const escaped = String(name).replace(/~/g, "~0").replace(/\//g, "~1");
      div.appendChild(field(v, pointer + "/" + escaped, name));
    });
  } else {
    div.append(" " + JSON.stringify(value));
  }
  return div;
}

async function runEditor() {
  let request;
  try {
    request = JSON.parse($("editor").value);
  } catch (e) {
    $("problem").textContent = "This is not JSON: " + e.message;
    return;
  }
  $("example").value = "edited";
  state.request = request;
  state.sample = 0;
  await compute();
}

// ---- the training view: POST /descent as Server-Sent Events

function clusters() {
  let seed = 535; // mulberry32
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centers = [[-2, 0], [2, 1], [0, -2.5]];
  const samples = [];
  for (let s = 0; s < 90; s++) {
    const k = s % 3;
    samples.push({ x: [centers[k][0] + 0.7 * gauss(), centers[k][1] + 0.7 * gauss()], label: k });
  }
  const parameters = Array.from({ length: 8 * 2 + 8 + 3 * 8 + 3 }, () => 0.5 * gauss());
  return { samples, parameters };
}

async function train() {
  const { samples, parameters } = clusters();
  const epochs = Number($("epochs").value);
  const optimizer = $("optimizer").value === "adam"
    ? { type: "adam", learningRate: Number($("rate").value) }
    : { type: "sgd", learningRate: Number($("rate").value), momentum: 0.9 };
  const request = {
    layers: [{ type: "linear", outputs: 8 }, { type: "tanh" }, { type: "linear", outputs: 3 }],
    loss: { type: "cross_entropy_logits" }, parameters, order: "first-layer-first", samples, optimizer,
    epochs, batchSize: Number($("batch").value), shuffle: true, seed: 535,
  };
  const status = $("training-status");
  const points = [];
  drawChart(points, epochs);
  $("train").disabled = true;
  status.textContent = "Training…";
  try {
    const response = await post("/descent", request, "text/event-stream");
    if (response.status !== 200) {
      const problem = await response.json();
      status.textContent = "The service refused the run: " + problem.detail;
      return;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (!event) continue;
        if (event.name === "progress") {
          points.push(event.data);
          drawChart(points, epochs);
          status.textContent = "Epoch " + event.data.epoch + " of " + epochs + ": loss " +
            Number(event.data.loss.toPrecision(6)) + " after " + event.data.steps + " steps.";
        } else if (event.name === "result") {
          const history = event.data.history;
          status.textContent = "Done: " + event.data.steps + " steps, loss " +
            Number(history[history.length - 1].loss.toPrecision(6)) + " (from " +
            Number(history[0].loss.toPrecision(6)) + " in the first epoch).";
        } else if (event.name === "problem") {
          status.textContent = "The run stopped: " + event.data.detail;
        }
      }
    }
  } finally {
    $("train").disabled = false;
  }
}

function parseEvent(text) {
  let name = "message";
  let data = null;
  text.split("\n").forEach((line) => {
    if (line.startsWith("event: ")) name = line.slice(7);
    if (line.startsWith("data: ")) data = JSON.parse(line.slice(6));
  });
  return data === null ? null : { name, data };
}

function drawChart(points, epochs) {
  const svg = $("chart");
  const W = 640, H = 320, left = 56, right = 16, top = 16, bottom = 40;
  const most = Math.max(1e-12, ...points.map((p) => p.loss));
  const x = (epoch) => left + ((epoch - 1) / Math.max(1, epochs - 1)) * (W - left - right);
  const y = (loss) => top + (1 - loss / most) * (H - top - bottom);
  const ns = "http://www.w3.org/2000/svg";
  const make = (tag, attributes, text) => {
    const element = document.createElementNS(ns, tag);
    Object.entries(attributes).forEach(([k, v]) => element.setAttribute(k, v));
    if (text !== undefined) element.textContent = text;
    return element;
  };
  svg.replaceChildren(
    make("line", { class: "axis", x1: left, y1: H - bottom, x2: W - right, y2: H - bottom }),
    make("line", { class: "axis", x1: left, y1: top, x2: left, y2: H - bottom }),
    make("text", { x: W / 2, y: H - 8, "text-anchor": "middle" }, "epoch (1 – " + epochs + ")"),
    make("text", { x: 4, y: top + 4 }, points.length ? String(Number(most.toPrecision(3))) : "loss"),
    make("text", { x: 4, y: H - bottom }, "0"),
  );
  if (points.length > 1) {
    svg.appendChild(make("polyline", { class: "line", points: points.map((p) => x(p.epoch) + "," + y(p.loss)).join(" ") }));
  }
  points.forEach((p) => {
    const dot = make("circle", { class: "point", cx: x(p.epoch), cy: y(p.loss), r: 3.5 });
    dot.appendChild(make("title", {}, "epoch " + p.epoch + ": loss " + p.loss));
    svg.appendChild(dot);
  });
}

// ---- wiring, keyboard included

function selectTab(training) {
  $("tab-backprop").setAttribute("aria-selected", String(!training));
  $("tab-training").setAttribute("aria-selected", String(training));
  $("tab-backprop").tabIndex = training ? -1 : 0;
  $("tab-training").tabIndex = training ? 0 : -1;
  $("backprop-view").hidden = training;
  $("training-view").hidden = !training;
}

function move(delta) {
  if (!state.answer) return;
  state.step = Math.max(0, Math.min(stepCount() - 1, state.step + delta));
  render();
}

window.addEventListener("DOMContentLoaded", () => {
  EXAMPLES.forEach((example, k) => $("example").appendChild(new Option(example.name, String(k))));
  $("example").appendChild(new Option("Your request (the editor)", "edited"));
  $("example").value = String(START);
  $("example").addEventListener("change", () => {
    const k = $("example").value;
    if (k !== "edited") load(structuredClone(EXAMPLES[Number(k)].request));
  });
  $("sample").addEventListener("change", () => {
    state.sample = Number($("sample").value);
    compute();
  });
  $("next").addEventListener("click", () => move(1));
  $("back").addEventListener("click", () => move(-1));
  $("restart").addEventListener("click", () => move(-1e9));
  $("run").addEventListener("click", runEditor);
  $("train").addEventListener("click", train);
  $("tab-backprop").addEventListener("click", () => selectTab(false));
  $("tab-training").addEventListener("click", () => selectTab(true));
  document.querySelector(".tabs").addEventListener("keydown", (e) => {
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      const training = $("tab-backprop").getAttribute("aria-selected") === "true";
      selectTab(training);
      (training ? $("tab-training") : $("tab-backprop")).focus();
    }
  });
  document.addEventListener("keydown", (e) => {
    if (e.target.closest("textarea, input, select") || $("backprop-view").hidden) return;
    if (e.key === "n" || e.key === "ArrowRight") move(1);
    if (e.key === "p" || e.key === "ArrowLeft") move(-1);
  });
  drawChart([], Number($("epochs").value));
  load(structuredClone(EXAMPLES[START].request));
});
