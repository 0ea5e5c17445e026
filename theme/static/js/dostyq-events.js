/* <dostyq-events>: the coming events of the Houses of Friendship on another site.

     <script src="https://dostyq.kz/theme/js/dostyq-events.js" defer></script>
     <dostyq-events center="tatar-center" lang="ru" limit="5">
       <a href="https://dostyq.kz/ru/centers/tatar-center/">События центра</a>
     </dostyq-events>

   Attributes: center (a centre's id) or category (a category's id), lang (kk,
   ru; else the page's), limit (1-50, default 5), src (another events.json).
   Reads /events.json beside this script (the server sends it with CORS) and
   puts a plain list in place of the element's content, with no styles of its
   own: the host page's apply (classes dostyq-events-list, -when, -status,
   -more). Without script, or when the data cannot be read, the content written
   inside the element (a link) stays. Texts from the data are set as text only. */
(() => {
  "use strict";
  const script = document.currentScript;
  const DATA = script && script.src ? new URL("../../events.json", script.src).href : "/events.json";
  const WORDS = {
    kk: {more: "Барлық іс-шаралар", none: "Әзірге іс-шара жоспарланбаған.",
         cancelled: "Өтпейді", postponed: "Кейінге қалдырылды", rescheduled: "Уақыты өзгертілді"},
    ru: {more: "Все события", none: "Пока ничего не запланировано.",
         cancelled: "Отменено", postponed: "Перенесено", rescheduled: "Время изменено"},
  };
  const cache = new Map();  // one request per data address, however many elements

  function load(src) {
    if (!cache.has(src)) {
      cache.set(src, fetch(src, {credentials: "omit"}).then(r => {
        if (!r.ok) throw new Error(`${src}: ${r.status}`);
        return r.json();
      }));
    }
    return cache.get(src);
  }

  // Dates as the site writes them (Intl's Kazakh is missing from some browsers' data).
  const MONTHS = {
    kk: "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан".split(" "),
    ru: "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(" "),
  };

  // The local date and time of the instant `ms` in `zone`, as numbers.
  function local(ms, zone) {
    const parts = {};
    for (const p of new Intl.DateTimeFormat("en-US", {timeZone: zone, hourCycle: "h23", year: "numeric",
      month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric"}).formatToParts(ms)) {
      parts[p.type] = Number(p.value);
    }
    return parts;
  }

  // Minutes `zone` is ahead of UTC at the instant `ms`.
  function offset(ms, zone) {
    const p = local(ms, zone);
    return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms) / 60000;
  }

  // Midnight starting `day` (YYYY-MM-DD) in `zone`, as an instant.
  function midnight(day, zone, days = 0) {
    const utc = Date.parse(`${day}T00:00:00Z`) + days * 86400000;
    return utc - offset(utc, zone) * 60000;
  }

  // An all-day occurrence starts at midnight and ends at midnight after its last day, in the event's zone.
  const starts = (o, zone) => o.start_utc ? Date.parse(o.start_utc) : midnight(o.start, zone);
  const ends = (o, zone) => o.end_utc ? Date.parse(o.end_utc) : midnight(o.end, zone, 1);

  const NB = "\u202f";  // between a year and its "г." / "ж."
  function date(p, lang) {
    return lang === "kk" ? `${p.year}${NB}ж. ${p.day} ${MONTHS.kk[p.month - 1]}`
      : `${p.day} ${MONTHS.ru[p.month - 1]} ${p.year}${NB}г.`;
  }
  const clock = p => `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
  const sameDay = (a, b) => a.year === b.year && a.month === b.month && a.day === b.day;

  function when(o, lang, zone) {
    if (!MONTHS[lang]) {  // a language the site added later: the browser's own words
      const format = new Intl.DateTimeFormat(lang, {dateStyle: "long", ...(o.start_utc ? {timeStyle: "short"} : {}),
        timeZone: o.start_utc ? zone : "UTC"});
      return format.formatRange(starts(o, "UTC"), o.start_utc ? ends(o, zone) : Date.parse(`${o.end}T00:00:00Z`));
    }
    if (o.start_utc) {
      const a = local(Date.parse(o.start_utc), zone), b = local(Date.parse(o.end_utc), zone);
      return sameDay(a, b) ? `${date(a, lang)}, ${clock(a)}–${clock(b)}`
        : `${date(a, lang)}, ${clock(a)} – ${date(b, lang)}, ${clock(b)}`;
    }
    const [a, b] = [o.start, o.end].map(d => local(Date.parse(`${d}T12:00:00Z`), "UTC"));
    if (sameDay(a, b)) return date(a, lang);
    if (a.year === b.year && a.month === b.month) {
      return lang === "kk" ? `${a.year}${NB}ж. ${a.day}–${b.day} ${MONTHS.kk[a.month - 1]}`
        : `${a.day}–${b.day} ${MONTHS.ru[a.month - 1]} ${a.year}${NB}г.`;
    }
    return `${date(a, lang)} – ${date(b, lang)}`;
  }

  function text(values, lang) {  // the page's language, else any other the data has
    if (values && values[lang]) return [values[lang], lang];
    const other = values && Object.keys(values)[0];
    return other ? [values[other], other] : ["", lang];
  }

  function element(tag, className, content) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (content !== undefined) made.textContent = content;
    return made;
  }

  class DostyqEvents extends HTMLElement {
    connectedCallback() {
      if (this.started) return;
      this.started = true;
      this.show().catch(() => {});  // the link inside stays
    }

    async show() {
      const data = await load(this.getAttribute("src") || DATA);
      const languages = data.languages || ["kk", "ru"];
      const asked = (this.getAttribute("lang") || document.documentElement.lang || "").slice(0, 2).toLowerCase();
      const lang = languages.includes(asked) ? asked : languages[0];
      const words = WORDS[lang] || WORDS.ru;
      const limit = Math.min(50, Math.max(1, parseInt(this.getAttribute("limit"), 10) || 5));
      const center = this.getAttribute("center"), category = this.getAttribute("category");
      const now = Date.now();
      const coming = [];
      for (const event of data.events || []) {
        if (center && !(event.centers || []).some(c => c.id === center)) continue;
        if (category && event.category !== category) continue;
        const next = (event.occurrences || []).find(o => ends(o, event.timezone) > now);
        if (next) coming.push({event, next, starts: starts(next, event.timezone)});
      }
      coming.sort((a, b) => a.starts - b.starts || (a.event.slug < b.event.slug ? -1 : 1));

      const list = element("ul", "dostyq-events-list");
      for (const {event, next} of coming.slice(0, limit)) {
        const item = element("li");
        const time = element("time", "dostyq-events-when", when(next, lang, event.timezone));
        time.dateTime = next.start_utc || next.start;
        const [title, titleLang] = text(event.title, lang);
        const link = element("a", "", title);
        link.href = (event.links && event.links.page && event.links.page[lang]) || "";
        if (titleLang !== lang) link.lang = titleLang;
        item.append(time, " ", link);
        if (words[event.status]) item.append(" ", element("strong", "dostyq-events-status", words[event.status]));
        list.append(item);
      }
      const site = data.site || "";
      const path = center ? `/${lang}/centers/${encodeURIComponent(center)}/`
        : category ? `/${lang}/categories/${encodeURIComponent(category)}/` : `/${lang}/`;
      const more = element("p", "dostyq-events-more");
      const all = element("a", "", words.more);
      all.href = site + path;
      more.append(all);
      this.replaceChildren(list.children.length ? list : element("p", "dostyq-events-none", words.none), more);
    }
  }

  if (!customElements.get("dostyq-events")) customElements.define("dostyq-events", DostyqEvents);
})();
