/* alliancegraph viewer: draws the network (vis-network), side panel, search, filters, expand.
   Every text from the data is put in the page with textContent, never as HTML. */
(function () {
  "use strict";
  const cfg = JSON.parse(document.getElementById("view-config").textContent);
  const initial = JSON.parse(document.getElementById("view-data").textContent);
  const $ = (id) => document.getElementById(id);
  const panel = $("panel");
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const state = Object.assign({ center: null, depth: 1, relations: [], min_amount_usd: "", status: "", as_of: "" },
    cfg.state || {});

  // ------------------------------------------------------------------ helpers
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function money(amount, currency) {
    if (amount === null || amount === undefined) return "";
    const units = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
    let text = String(Math.round(amount));
    for (const [div, unit] of units) {
      if (amount >= div) { text = (amount / div).toFixed(2).replace(/\.?0+$/, "") + unit; break; }
    }
    return (currency && currency !== "USD") ? currency + " " + text : "$" + text;
  }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }
  function describeEdge(e) {
    const s = nodes.get(e.from), o = nodes.get(e.to);
    return (s ? s.label : e.from) + " " + e.relation + " " + (o ? o.label : e.to);
  }

  // ------------------------------------------------------------------ tooltips (DOM elements: no HTML parsing)
  function nodeTooltip(n) {
    const box = el("div");
    box.appendChild(el("strong", n.label));
    box.appendChild(el("div", n.entity_type + " · " + n.degree + " link(s)"));
    return box;
  }
  function edgeTooltip(e) {
    const box = el("div");
    box.appendChild(el("strong", describeEdge(e)));
    const s = e.summary || {};
    const bits = [s.qualifier && s.amount_usd ? s.qualifier + " " + money(s.amount_usd) : money(s.amount_usd),
      s.power_gw ? s.power_gw + " GW" : "", s.last_date || "", s.status || ""].filter(Boolean);
    if (bits.length) box.appendChild(el("div", bits.join(" · ")));
    box.appendChild(el("div", s.claim_count + " claim(s) — click for sources"));
    return box;
  }

  // ------------------------------------------------------------------ network
  const network = new vis.Network($("network"), { nodes, edges }, {
    autoResize: true,
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: true, multiselect: false },
    nodes: { font: { size: 15, face: "system-ui, sans-serif", strokeWidth: 4, strokeColor: "#ffffff" },
             borderWidth: 1 },
    edges: { selectionWidth: 2, hoverWidth: 1.5, arrows: { to: { scaleFactor: 0.6 } } },
    physics: { solver: "forceAtlas2Based", forceAtlas2Based: { gravitationalConstant: -80, springLength: 140 },
               stabilization: { enabled: true, iterations: 250, updateInterval: 50, fit: true },
               maxVelocity: 60, minVelocity: 1 },
    layout: { improvedLayout: false },
  });
  // Stop the physics once the layout has settled, so large views stay interactive.
  const api = { settled: false };
  network.on("stabilizationIterationsDone", () => {
    network.setOptions({ physics: { enabled: false } });
    network.fit({ animation: false });
    api.settled = true;
  });

  function styleEdges(list) {
    // Several relations between the same two entities: straight for one, curves for more.
    const byPair = {};
    list.forEach((e) => { const k = [e.from, e.to].sort().join("\u0000"); (byPair[k] = byPair[k] || []).push(e); });
    Object.values(byPair).forEach((group) => group.forEach((e, i) => {
      e.smooth = group.length === 1 ? false : { enabled: true, type: i % 2 ? "curvedCCW" : "curvedCW",
                                                 roundness: 0.12 + 0.12 * Math.floor(i / 2) };
    }));
    return list;
  }

  function setData(data, merge) {
    const newNodes = data.nodes.map((n) => Object.assign({}, n, { title: nodeTooltip(n) }));
    const physics = data.physics && !merge;
    if (!merge) { nodes.clear(); edges.clear(); }
    nodes.update(newNodes);
    const all = edges.get().concat(data.edges.filter((e) => !edges.get(e.id)));
    const merged = all.map((e) => { const copy = Object.assign({}, e); delete copy.title; return copy; });
    styleEdges(merged);
    edges.update(merged.map((e) => Object.assign(e, { title: edgeTooltip(e) })));
    if (!merge) {
      api.settled = false;
      network.setOptions({ physics: { enabled: !!physics } });
      if (physics && newNodes.length) network.stabilize(250);
      else { network.fit({ animation: false }); api.settled = true; }
    }
    showMessage(data);
  }

  function showMessage(data) {
    const box = $("message");
    if (data.truncated) {
      box.textContent = "Showing " + data.nodes.length + " of " + data.total_nodes +
        " entities. Narrow the view: lower the depth, choose relations, or set a minimum amount.";
      box.hidden = false;
    } else if (!data.nodes.length) {
      box.textContent = "Nothing to show with these filters.";
      box.hidden = false;
    } else {
      box.hidden = true;
    }
  }

  // ------------------------------------------------------------------ side panel
  function clearPanel(title) {
    panel.replaceChildren();
    if (title) panel.appendChild(el("h2", title));
  }

  function showNode(id) {
    const n = nodes.get(id);
    if (!n) return;
    clearPanel(n.label);
    panel.appendChild(el("div", n.entity_type + " · id " + n.id));
    const attrs = n.attributes || {};
    const keys = Object.keys(attrs);
    if (keys.length) {
      const ul = el("ul");
      keys.forEach((k) => {
        const li = el("li", k + ": ");
        const url = k === "website" ? safeUrl(attrs[k]) : null;
        if (url) { const a = el("a", attrs[k]); a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank"; li.appendChild(a); }
        else li.appendChild(document.createTextNode(String(attrs[k])));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    if (cfg.mode === "app") {
      const expand = el("button", "Expand neighbours");
      expand.type = "button"; expand.id = "expand";
      expand.addEventListener("click", () => expandNode(id));
      const center = el("button", "Center here");
      center.type = "button";
      center.addEventListener("click", () => { state.center = id; reload(); });
      panel.append(expand, center);
    }
    const touching = edges.get({ filter: (e) => e.from === id || e.to === id });
    panel.appendChild(el("h3", touching.length + " relation(s) in view"));
    const ul = el("ul");
    touching.forEach((e) => {
      const li = el("li");
      const link = el("span", describeEdge(e), "rel-link");
      link.addEventListener("click", () => { network.selectEdges([e.id]); showEdge(e.id); });
      li.appendChild(link);
      const s = e.summary || {};
      if (s.amount_usd) li.appendChild(document.createTextNode(" · " + money(s.amount_usd)));
      ul.appendChild(li);
    });
    panel.appendChild(ul);
  }

  function showEdge(id) {
    const e = edges.get(id);
    if (!e) return;
    clearPanel(describeEdge(e));
    if (e.diff) panel.appendChild(el("div", "This link was " + e.diff + " in the compared period.", "conflict"));
    (e.summary && e.summary.conflicts || []).forEach((c) => {
      panel.appendChild(el("div", "Sources disagree on " + c.field + ": " + c.values.join(" vs "), "conflict"));
    });
    panel.appendChild(el("h3", e.claims.length + " claim(s)"));
    e.claims.forEach((c) => {
      const box = el("div", null, "claim");
      const amount = c.amount_usd !== null && c.amount_usd !== undefined ? money(c.amount_usd)
        : (c.amount !== null && c.amount !== undefined ? money(c.amount, c.currency) : "");
      const what = [c.qualifier && amount ? c.qualifier + " " + amount : amount,
        c.power_gw ? c.power_gw + " GW" : "", c.equity_pct ? c.equity_pct + "%" : "", c.role || "",
        c.date || "undated", c.status || ""].filter(Boolean).join(" · ");
      box.appendChild(el("div", what, "what"));
      const src = c.source || {};
      const line = el("div");
      const url = safeUrl(src.url);
      const title = src.title || src.id || "source";
      if (url) { const a = el("a", title); a.href = url; a.rel = "noopener noreferrer"; a.target = "_blank"; line.appendChild(a); }
      else line.appendChild(el("span", title));
      const meta = [src.publisher, src.published].filter(Boolean).join(", ");
      if (meta) line.appendChild(document.createTextNode(" — " + meta));
      box.appendChild(line);
      if (c.evidence) box.appendChild(el("blockquote", c.evidence));
      box.appendChild(el("div", "extracted by " + c.extractor + ", confidence " + c.confidence, "hint"));
      panel.appendChild(box);
    });
  }

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  network.on("doubleClick", (params) => { if (params.nodes.length && cfg.mode === "app") expandNode(params.nodes[0]); });

  // ------------------------------------------------------------------ legend
  function legend() {
    const box = $("legend");
    Object.entries(cfg.node_style).forEach(([type, style]) => {
      const item = el("span");
      const sw = el("span", null, "swatch"); sw.style.background = style.color;
      item.append(sw, document.createTextNode(type + " (" + style.shape + ")"));
      box.appendChild(item);
    });
    Object.entries(cfg.edge_color).forEach(([rel, color]) => {
      const item = el("span");
      const line = el("span", null, "line"); line.style.borderColor = color;
      item.append(line, document.createTextNode(rel));
      box.appendChild(item);
    });
    box.appendChild(el("span", "width: amount (log scale); arrows: direction"));
    const marks = { "#ff00aa": "highlighted", "#00b050": "added", "#e00000": "removed", "#ff8c00": "changed" };
    const used = new Set((initial && initial.edges || []).map((e) => e.color));
    Object.entries(marks).filter(([color]) => used.has(color)).forEach(([color, what]) => {
      const item = el("span");
      const line = el("span", null, "line"); line.style.borderColor = color;
      item.append(line, document.createTextNode(what));
      box.appendChild(item);
    });
  }

  // ------------------------------------------------------------------ app mode: search, filters, URL state
  function params(center, depth) {
    const p = new URLSearchParams();
    p.set("center", center);
    p.set("depth", String(depth));
    state.relations.forEach((r) => p.append("relation", r));
    if (state.min_amount_usd) p.set("min_amount_usd", state.min_amount_usd);
    if (state.status) p.set("status", state.status);
    if (state.as_of) p.set("as_of", state.as_of);
    (cfg.passthrough || []).forEach(([k, v]) => p.set(k, v));
    return p;
  }

  async function fetchData(center, depth) {
    const response = await fetch("/viz/data?" + params(center, depth).toString());
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ? body.error.message : "request failed");
    return body;
  }

  function showError(err) {
    const box = $("message");
    box.textContent = String(err.message || err);
    box.hidden = false;
  }

  async function reload() {
    if (!state.center) return;
    api.loading = true;
    const p = params(state.center, state.depth);
    history.replaceState(null, "", "/?" + p.toString());
    const dl = $("download");
    if (dl) dl.href = "/viz?" + p.toString() + "&download=1";
    try { setData(await fetchData(state.center, state.depth), false); } catch (err) { showError(err); }
    api.loading = false;
  }

  async function expandNode(id) {
    try { setData(await fetchData(id, 1), true); showNode(id); } catch (err) { showError(err); }
  }

  function dayFromIndex(i) {
    const d = new Date(Date.parse(cfg.date_range[0] + "T00:00:00Z") + i * 86400000);
    return d.toISOString().slice(0, 10);
  }
  function indexFromDay(day) {
    return Math.round((Date.parse(day + "T00:00:00Z") - Date.parse(cfg.date_range[0] + "T00:00:00Z")) / 86400000);
  }

  function setupApp() {
    const relBox = $("relation-filter");
    Object.keys(cfg.edge_color).forEach((rel) => {
      const label = el("label");
      const box = el("input"); box.type = "checkbox"; box.value = rel; box.name = "relation";
      box.checked = state.relations.includes(rel);
      box.addEventListener("change", () => {
        state.relations = Array.from(relBox.querySelectorAll("input:checked")).map((b) => b.value);
        reload();
      });
      label.append(box, document.createTextNode(rel.replace("_", " ")));
      relBox.appendChild(label);
    });
    const statusSel = $("status");
    cfg.statuses.forEach((s) => { const o = el("option", s); o.value = s; statusSel.appendChild(o); });
    statusSel.value = state.status || "";
    statusSel.addEventListener("change", () => { state.status = statusSel.value; reload(); });
    const depth = $("depth");
    depth.value = String(state.depth);
    depth.addEventListener("change", () => { state.depth = Number(depth.value); reload(); });
    const minAmount = $("min-amount");
    minAmount.value = state.min_amount_usd || "";
    minAmount.addEventListener("change", () => { state.min_amount_usd = minAmount.value; reload(); });
    const slider = $("as-of"), label = $("as-of-label");
    if (cfg.date_range) {
      const max = indexFromDay(cfg.date_range[1]);
      slider.max = String(max);
      slider.value = String(state.as_of ? indexFromDay(state.as_of) : max);
      label.textContent = state.as_of || "all dates";
      slider.addEventListener("input", () => { label.textContent = dayFromIndex(Number(slider.value)); });
      slider.addEventListener("change", () => { state.as_of = dayFromIndex(Number(slider.value)); label.textContent = state.as_of; reload(); });
      $("as-of-clear").addEventListener("click", () => { state.as_of = ""; slider.value = String(max); label.textContent = "all dates"; reload(); });
    } else {
      slider.disabled = true;
    }
    setupSearch();
  }

  function setupSearch() {
    const input = $("search"), list = $("suggestions");
    let timer = null, items = [], active = -1;
    function render() {
      list.replaceChildren();
      items.forEach((item, i) => {
        const li = el("li", item.name);
        li.setAttribute("role", "option");
        li.dataset.id = item.id;
        li.setAttribute("aria-selected", String(i === active));
        li.appendChild(el("span", item.type, "type"));
        li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(item); });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }
    function choose(item) {
      input.value = item.name;
      items = []; render();
      state.center = item.id;
      reload();
    }
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (!q) { items = []; render(); return; }
      timer = setTimeout(async () => {
        try {
          const response = await fetch("/api/entities?limit=8&q=" + encodeURIComponent(q));
          const body = await response.json();
          items = response.ok ? body.items : [];
          active = items.length ? 0 : -1;
          render();
        } catch (err) { showError(err); }
      }, 120);
    });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" && items.length) { active = (active + 1) % items.length; render(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp" && items.length) { active = (active - 1 + items.length) % items.length; render(); ev.preventDefault(); }
      else if (ev.key === "Enter" && active >= 0) { choose(items[active]); ev.preventDefault(); }
      else if (ev.key === "Escape") { items = []; render(); }
    });
    input.addEventListener("blur", () => setTimeout(() => { items = []; render(); }, 150));
  }

  // ------------------------------------------------------------------ start
  legend();
  if (cfg.mode === "app") {
    setupApp();
    const dl = $("download");
    if (dl && state.center) dl.href = "/viz?" + params(state.center, state.depth).toString() + "&download=1";
  }
  if (initial && initial.nodes) setData(initial, false);
  else if (cfg.mode === "app" && !state.center) {
    clearPanel("Start with a search");
    panel.appendChild(el("p", "Type a company, person or project in the search box, then pick it to draw its alliances.", "hint"));
  }
  window.alliancegraph = Object.assign(api, { network, nodes, edges, state, showEdge, showNode, reload });
})();
