// lexqa web page: plain JS over the HTTP API (POST /ask, GET /show, /diff). No build step, no CDN.
// Every value from the API is put in the page as text (textContent), never as HTML.
"use strict";

const T = {
  id: {
    tagline: "Hukum keimigrasian dan TPPO, dengan kutipan pasal", question: "Pertanyaan",
    question_ph: "mis. Kapan Pejabat Imigrasi menolak orang keluar Wilayah Indonesia?", as_of: "Tanggal berlaku",
    ask: "Tanya", busy: "Memproses…", answer: "Jawaban", abstained: "Korpus tidak menjawab",
    basis: "Dasar hukum", commentary: "Komentar dan literatur", viewer: "Baca pasal", read: "Baca",
    in_force: "Teks yang berlaku", penjelasan: "Penjelasan", history: "Riwayat", diff: "Bandingkan versi",
    status: "Status korpus", open: "Baca pasal", show_history: "Riwayat", no_basis: "Tidak ada pasal yang dikutip.",
    notice: "Korpus hanya memuat apa yang dimiliki lexqa; ketiadaan hasil bukan berarti ketiadaan hukum.",
    token: "Token akses server:", from: "berlaku", to: "sampai", today: "hari ini", on: "pada",
    no_date: "(tanggal tidak ada di korpus)", nearest: "terdekat", no_diff: "Tidak ada versi lain untuk dibandingkan.",
    enacted: "diundangkan", amended: "diubah oleh", inserted: "disisipkan oleh", deleted: "dihapus oleh",
    revoked: "dicabut oleh", "partly-revoked": "dicabut sebagian oleh", "phrase-struck": "frasa dibatalkan oleh",
  },
  en: {
    tagline: "Indonesian immigration and anti-trafficking law, with pinpoint citations", question: "Question",
    question_ph: "e.g. Can an immigration officer refuse a person's departure?", as_of: "Law as of",
    ask: "Ask", busy: "Working…", answer: "Answer", abstained: "The corpus does not answer",
    basis: "Legal basis", commentary: "Commentary and literature", viewer: "Read a provision", read: "Read",
    in_force: "Text in force", penjelasan: "Elucidation (Penjelasan)", history: "History", diff: "Compare versions",
    status: "Corpus status", open: "Read provision", show_history: "History", no_basis: "No provision cited.",
    notice: "The corpus is what lexqa holds; no result is not proof that no such law exists.",
    token: "Server access token:", from: "in force", to: "until", today: "today", on: "on",
    no_date: "(date not in this corpus)", nearest: "nearest", no_diff: "No other version to compare with.",
    enacted: "enacted", amended: "amended by", inserted: "inserted by", deleted: "deleted by",
    revoked: "revoked by", "partly-revoked": "partly revoked by", "phrase-struck": "phrase struck by",
  },
};
let lang = localStorage.getItem("lexqa-lang") || ((navigator.language || "id").startsWith("id") ? "id" : "en");
const $ = (id) => document.getElementById(id);
const t = (k) => (T[lang] && T[lang][k]) || T.en[k] || k;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function setLang(l) {
  lang = l;
  localStorage.setItem("lexqa-lang", l);
  document.documentElement.lang = l;
  document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  document.querySelectorAll(".lang button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.lang === l)));
}

async function api(path, opts = {}) {
  const headers = Object.assign({ "Accept": "application/json" }, opts.headers || {});
  const tok = sessionStorage.getItem("lexqa-token");
  if (tok) headers["Authorization"] = "Bearer " + tok;
  const r = await fetch(path, Object.assign({}, opts, { headers }));
  let body = null;
  try { body = await r.json(); } catch (_) { body = { error: r.statusText, detail: null }; }
  if (r.status === 401) {
    const got = window.prompt(t("token"));
    if (got) { sessionStorage.setItem("lexqa-token", got); return api(path, opts); }
  }
  if (!r.ok) {
    const err = new Error(body.error + (body.detail ? " — " + body.detail : ""));
    err.body = body;
    throw err;
  }
  return body;
}

function showError(e) {
  const box = $("error");
  box.textContent = e ? e.message : "";
  box.hidden = !e;
}

async function busy(fn) {
  $("busy").hidden = false;
  showError(null);
  try { await fn(); } catch (e) { showError(e); } finally { $("busy").hidden = true; }
}

function statusBadge(status, detail) {
  const b = el("span", detail || status, "badge" + (status === "in force" || status === "in_force" ? "" :
    /revoked|deleted|struck/.test(status || "") ? " bad" : " warn"));
  b.title = status || "";
  return b;
}

function citationItem(c) {
  const li = el("li");
  li.dataset.id = c.id;
  li.appendChild(el("strong", c.label));
  li.appendChild(document.createTextNode(" "));
  li.appendChild(statusBadge(c.status, c.status_detail || c.status));
  if (c.context) li.appendChild(el("p", c.context, "meta"));
  li.appendChild(el("blockquote", c.quote));
  (c.penjelasan || []).forEach((p) => {
    li.appendChild(el("p", p.label, "meta"));
    li.appendChild(el("blockquote", p.quote));
  });
  const open = el("button", t("open"), "link");
  open.type = "button";
  open.addEventListener("click", () => readProvision(c.address || c.id));  // the base address: its history and diff
  const hist = el("button", t("show_history"), "link history-link");
  hist.type = "button";
  hist.addEventListener("click", () => readProvision(c.address || c.id, "prov-history"));
  li.append(open, document.createTextNode(" · "), hist);
  return li;
}

function renderAnswer(d) {
  $("answer").hidden = false;
  $("abstained").hidden = !d.abstained;
  $("lead").textContent = d.answer;
  const basis = $("basis");
  basis.replaceChildren();
  const law = d.citations.filter((c) => c.group !== "literature");
  law.forEach((c) => basis.appendChild(citationItem(c)));
  if (!law.length) basis.appendChild(el("li", t("no_basis"), "meta"));
  const lit = d.citations.concat(d.retrieved || []).filter((c) => c.group === "literature");
  const seen = new Set();
  const com = $("commentary");
  com.replaceChildren();
  lit.forEach((c) => { if (!seen.has(c.id)) { seen.add(c.id); com.appendChild(citationItem(c)); } });
  $("commentary-box").hidden = !seen.size;
}

function describe(r) {
  const e = r.event || {};
  const span = (r.valid_from || t("no_date")) + " → " + (r.valid_to || "…");
  let what = t(e.kind) + (e.kind === "enacted" ? ": " : " ") + (e.source_label || "");
  if (e.phrase) what += " “" + e.phrase + "”";
  if (e.replaced_by_label) what += " → " + e.replaced_by_label;
  return span + "  " + what;
}

let current = null;

async function readProvision(citation, focus) {
  $("citation").value = citation;
  const asOf = $("show-as-of").value;
  await busy(async () => {
    const q = "citation=" + encodeURIComponent(citation) + (asOf ? "&as_of=" + asOf : "");
    let d;
    try {
      d = await api("/show?" + q);
    } catch (e) {
      const u = e.body && e.body.unresolved;
      if (u && u.nearest && u.nearest.length) e.message += " (" + t("nearest") + ": " + u.nearest.map((n) => n.label).join(", ") + ")";
      throw e;
    }
    current = d;
    $("provision").hidden = false;
    $("prov-label").textContent = d.label;
    $("prov-place").textContent = Object.values(d.place || {}).filter(Boolean).join(" › ");
    const st = $("prov-status");
    st.replaceChildren(statusBadge(d.status.short || "", (d.as_of ? t("on") + " " + d.as_of : t("today")) + ": " + (d.status.summary || d.status.short || "")));
    const v = d.in_force_version;
    const words = v && v.text ? v.text : (v && !v.text ? null : d.text);
    $("prov-version").textContent = v ? (v.provision_label || "") + "  " + t("from") + " " + (v.valid_from || "?") + " → " + (v.valid_to || "…") : "";
    $("prov-text").textContent = words == null ? (d.status.summary || "") : words;
    const pj = (d.penjelasan || []).map((p) => p.label + "\n" + p.text).join("\n\n");
    $("prov-pj").textContent = pj;
    $("prov-pj-box").hidden = !pj;
    const h = $("prov-history");
    h.replaceChildren();
    (d.history || []).forEach((r) => h.appendChild(el("li", describe(r))));
    $("diff-btn").hidden = (d.history || []).length < 2;
    $("diff-box").hidden = true;
    $(focus || "viewer").scrollIntoView({ behavior: "smooth", block: "start" });
  });
}

async function showDiff() {
  if (!current) return;
  await busy(async () => {
    const d = await api("/diff?citation=" + encodeURIComponent(current.address || current.id));
    $("diff-box").hidden = false;
    $("diff-head").textContent = (d.from.provision_label || "") + " (" + d.from.valid_from + ") → " +
      (d.to.provision_label || "") + " (" + d.to.valid_from + ")";
    const out = $("diff");
    out.replaceChildren();
    d.ops.forEach((o) => {
      if (o.op === "equal") out.appendChild(document.createTextNode(o.old + " "));
      if (o.op === "delete" || o.op === "replace") { out.appendChild(el("del", o.old)); out.appendChild(document.createTextNode(" ")); }
      if (o.op === "insert" || o.op === "replace") { out.appendChild(el("ins", o.new)); out.appendChild(document.createTextNode(" ")); }
    });
  });
}

$("ask-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const question = $("question").value.trim();
  if (!question) return;
  const body = { question };
  if ($("ask-as-of").value) body.as_of = $("ask-as-of").value;
  busy(async () => renderAnswer(await api("/ask", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  })));
});
$("show-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const c = $("citation").value.trim();
  if (c) readProvision(c);
});
$("diff-btn").addEventListener("click", showDiff);
document.querySelectorAll(".lang button").forEach((b) => b.addEventListener("click", () => setLang(b.dataset.lang)));
setLang(lang);
