/* The editors' web form (/admin/): what Dostyq adds to Decap CMS.
 *
 * - the Kazakh words of Decap's interface (Decap has none);
 * - the entry format: front matter as `dostyq check` reads it (empty fields left
 *   out, facts only in the default language's file, the form-only `slug` dropped);
 * - places.yml as lists the form can edit, written back as the same map;
 * - a date-and-optional-time widget, which refuses an end before the start;
 * - previews that look like the site's event and centre pages.
 *
 * window.DOSTYQ_CMS (settings.js, made by the build) gives the languages, the
 * words in the form's language and the transliteration of titles into file names.
 */
(function () {
  "use strict";
  var S = window.DOSTYQ_CMS;
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var DEFAULT_MARK = "__dostyq_default_language";
  var MOMENT = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}))?$/;
  var FACTS = S.facts;
  // what the form keeps in an entry's data but never writes: the new file's name,
  // the year folder of a new event (from its start), and the default language's mark
  var FORM_ONLY = ["slug", "start_year", DEFAULT_MARK];

  /* ---- Kazakh words of Decap's interface (what an editor sees; the rest falls back to English) ---- */
  CMS.registerLocale("kk", {
    auth: { login: "Кіру", loggingIn: "Кіру…", loginWithGitHub: "GitHub арқылы кіру", loginWithGitLab: "GitLab арқылы кіру",
            loginWithNetlifyIdentity: "Netlify Identity арқылы кіру",
            errors: { email: "Электрондық поштаңызды жазыңыз.", password: "Құпиясөзді жазыңыз." } },
    app: {
      header: { content: "Жазбалар", workflow: "Жұмыс барысы", media: "Файлдар", quickAdd: "Жылдам қосу" },
      app: { errorHeader: "CMS баптауларын жүктеу қатесі", configErrors: "Баптау қателері",
             checkConfigYml: "config.yml файлын тексеріңіз.", loadingConfig: "Баптаулар жүктелуде…",
             waitingBackend: "Сервердің жауабы күтілуде…" },
      notFoundPage: { header: "Табылмады" },
    },
    collection: {
      sidebar: { collections: "Бөлімдер", allCollections: "Барлық бөлімдер", searchAll: "Барлығынан іздеу",
                 searchIn: "Мұнда іздеу" },
      collectionTop: { sortBy: "Сұрыптау", viewAs: "Көрінісі", newButton: "+ %{collectionLabel}",
                       newButtonAriaLabel: "Жаңа жазба: %{collectionLabel}", ascending: "Өсу ретімен",
                       descending: "Кему ретімен", searchResults: "«%{searchTerm}» бойынша табылғаны",
                       searchResultsInCollection: "%{collection} ішінде «%{searchTerm}» бойынша табылғаны",
                       filterBy: "Сүзгі", groupBy: "Топтау" },
      entries: { loadingEntries: "Жазбалар жүктелуде…", cachingEntries: "Жазбалар сақталуда…",
                 longerLoading: "Бұл бірнеше минутқа созылуы мүмкін", noEntries: "Жазба жоқ" },
      groups: { other: "Басқа", negateLabel: "%{label} емес" },
      defaultFields: { author: { label: "Авторы" }, updatedOn: { label: "Өзгертілген күні" } },
    },
    editor: {
      editorControl: { field: { optional: "міндетті емес" } },
      editorControlPane: {
        widget: {
          required: "«%{fieldLabel}» өрісін толтыру керек.",
          regexPattern: "«%{fieldLabel}»: %{pattern}.",
          processing: "«%{fieldLabel}» өңделуде…",
          range: "«%{fieldLabel}» %{minValue} мен %{maxValue} аралығында болуы керек.",
          min: "«%{fieldLabel}» кемінде %{minValue} болуы керек.",
          max: "«%{fieldLabel}» %{maxValue} не одан аз болуы керек.",
          rangeCount: "«%{fieldLabel}» ішінде %{minCount}–%{maxCount} элемент болуы керек.",
          rangeCountExact: "«%{fieldLabel}» ішінде дәл %{count} элемент болуы керек.",
          rangeMin: "«%{fieldLabel}» ішінде кемінде %{minCount} элемент болуы керек.",
          rangeMax: "«%{fieldLabel}» ішінде %{maxCount} не одан аз элемент болуы керек.",
          invalidPath: "«%{path}» жолы дұрыс емес",
          pathExists: "«%{path}» жолы бұрыннан бар",
        },
        i18n: { writingInLocale: "%{locale} тілінде жазу", copyFromLocale: "Басқа тілден толтыру",
                copyFromLocaleConfirm: "%{locale} тіліндегі мәтінмен толтырасыз ба?\nОсы тілдегі мәтін ауыстырылады." },
      },
      editor: {
        onLeavePage: "Бұл беттен шынымен кетесіз бе?",
        onDeleteWithUnsavedChanges: "Бұл жазбаны және сақталмаған өзгерістерді жоясыз ба?",
        onDeletePublishedEntry: "Бұл жазбаны шынымен жоясыз ба?",
        loadingEntry: "Жазба жүктелуде…",
        confirmLoadBackup: "Бұл жазбаның сақталмаған көшірмесі бар. Соны ашасыз ба?",
      },
      editorInterface: { toggleI18n: "Екі тіл қатар", togglePreview: "Алдын ала көру",
                         toggleScrollSync: "Бірге айналдыру", toggleNotes: "Ескертпелер" },
      editorToolbar: {
        publishing: "Жариялануда…", publish: "Жариялау", published: "Жарияланды", unpublish: "Жариялаудан алу",
        duplicate: "Көшірме жасау", unpublishing: "Жариялаудан алынуда…",
        publishAndCreateNew: "Жариялап, жаңасын бастау", publishAndDuplicate: "Жариялап, көшірмесін жасау",
        deleteEntry: "Жазбаны жою", deletePublishedEntry: "Жарияланған жазбаны жою",
        deleteUnpublishedChanges: "Жарияланбаған өзгерістерді жою", deleteUnpublishedEntry: "Жарияланбаған жазбаны жою",
        saving: "Сақталуда…", save: "Сақтау", deleting: "Жойылуда…", updating: "Жаңартылуда…",
        status: "Күйі: %{status}", backCollection: "%{collectionLabel} бөлімінде жазу",
        unsavedChanges: "Сақталмаған өзгерістер", changesSaved: "Өзгерістер сақталды", draft: "Жоба",
        inReview: "Тексерілуде", ready: "Дайын", publishNow: "Қазір жариялау",
        deployPreviewPendingButtonLabel: "Алдын ала көруді тексеру", deployPreviewButtonLabel: "Алдын ала көру",
        deployButtonLabel: "Сайтта көру",
      },
      editorWidgets: {
        markdown: { bold: "Жуан", italic: "Көлбеу", code: "Код", link: "Сілтеме", linkPrompt: "Сілтеме мекенжайы",
                    headings: "Тақырыптар", quote: "Дәйексөз", bulletedList: "Таңбалы тізім",
                    numberedList: "Нөмірлі тізім", addComponent: "Құрамдас қосу", richText: "Пішімделген мәтін",
                    markdown: "Markdown" },
        image: { choose: "Сурет таңдау", chooseMultiple: "Суреттер таңдау", chooseUrl: "Мекенжайдан қосу",
                 replaceUrl: "Мекенжаймен ауыстыру", promptUrl: "Суреттің мекенжайы",
                 chooseDifferent: "Басқа сурет таңдау", addMore: "Тағы сурет қосу", remove: "Суретті алып тастау",
                 removeAll: "Барлық суретті алып тастау" },
        file: { choose: "Файл таңдау", chooseMultiple: "Файлдар таңдау", chooseUrl: "Мекенжайдан қосу",
                replaceUrl: "Мекенжаймен ауыстыру", promptUrl: "Файлдың мекенжайы", chooseDifferent: "Басқа файл таңдау",
                addMore: "Тағы файл қосу", remove: "Файлды алып тастау", removeAll: "Барлық файлды алып тастау" },
        unknownControl: { noControl: "«%{widget}» үшін өріс жоқ." },
        unknownPreview: { noPreview: "«%{widget}» үшін алдын ала көру жоқ." },
        datetime: { now: "Қазір", clear: "Тазалау" },
        list: { add: "%{item} қосу", addType: "%{item} қосу" },
      },
    },
    mediaLibrary: {
      mediaLibraryCard: { draft: "Жоба", copy: "Көшіру", copyUrl: "Мекенжайын көшіру", copyPath: "Жолын көшіру",
                          copyName: "Атын көшіру", copied: "Көшірілді" },
      mediaLibrary: { onDelete: "Таңдалған файлды жоясыз ба?",
                      fileTooLarge: "Файл тым үлкен.\n%{size} kB-тан асатын файл сақталмайды." },
      mediaLibraryModal: { loading: "Файлдар жүктелуде…", noResults: "Ештеңе табылмады.", noAssetsFound: "Файл жоқ.",
                           noImagesFound: "Сурет жоқ.", private: "Жеке ", images: "Суреттер", mediaAssets: "Файлдар",
                           search: "Іздеу…", uploading: "Жүктелуде…", upload: "Жүктеу", download: "Жүктеп алу",
                           deleting: "Жойылуда…", deleteSelected: "Таңдалғанды жою", chooseSelected: "Таңдалғанды алу" },
    },
    ui: {
      default: { goBackToSite: "Сайтқа оралу" },
      errorBoundary: { title: "Қате", details: "Қате шықты. Өтінеміз, ", reportIt: "ол туралы хабарлаңыз.",
                       detailsHeading: "Толығырақ" },
      settingsDropdown: { logOut: "Шығу" },
      toast: {
        onFailToLoadEntries: "Жазба жүктелмеді: %{details}",
        onFailToPersist: "Жазба сақталмады: %{details}",
        onFailToDelete: "Жазба жойылмады: %{details}",
        missingRequiredField: "Кейбір өрістер толтырылмаған не қате. Сақтамас бұрын түзетіңіз.",
        entrySaved: "Жазба сақталды",
        entryPublished: "Жазба жарияланды",
        entryUnpublished: "Жазба жариялаудан алынды",
        onFailToPublishEntry: "Жазба жарияланбады: %{details}",
        onFailToAuth: "%{details}",
        onLoggedOut: "Сіз жүйеден шықтыңыз. Деректерді сақтап, қайта кіріңіз",
        onBackendDown: "Серверде ақау бар. Қараңыз: %{details}",
      },
    },
  });

  /* ---- entry files: front matter as the model reads it ---- */
  function isEmpty(value) {
    if (value === undefined || value === null || value === "") return true;
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === "object") return Object.keys(value).length === 0;
    return false;
  }

  function cleaned(value) {
    // "" from a cleared field, [] from an emptied list: the model refuses empty
    // values where it would accept a missing field, so leave them out
    if (Array.isArray(value)) {
      return value.map(cleaned).filter(function (v) { return !isEmpty(v); });
    }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) {
        var v = cleaned(value[key]);
        if (!isEmpty(v)) out[key] = v;
      });
      return out;
    }
    return typeof value === "string" ? value.trim() : value;
  }

  var entryFormat = {
    fromFile: function (text) {
      var match = /^---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(text);
      if (!match) return { body: text };
      var data = window.jsyaml.load(match[1], { schema: window.jsyaml.CORE_SCHEMA }) || {};
      data.body = match[2].replace(/^\r?\n/, "");
      return data;
    },
    toFile: function (data, order) {
      var isDefault = Boolean(data[DEFAULT_MARK]);
      var front = {};
      var keys = (order || []).concat(Object.keys(data));
      keys.forEach(function (key) {
        if (key in front || key === "body" || FORM_ONLY.indexOf(key) >= 0) return;
        if (!isDefault && FACTS.indexOf(key) >= 0) return;  // facts live in the default language's file
        var value = cleaned(data[key]);
        if (isEmpty(value)) return;
        if (S.year_fields.indexOf(key) >= 0 && /^\d{4}$/.test(String(value))) value = Number(value);
        front[key] = value;
      });
      var yaml = Object.keys(front).length ? window.jsyaml.dump(front, { lineWidth: -1, flowLevel: 1 }) : "";
      var body = (data.body || "").trim();
      return "---\n" + yaml + "---\n" + (body ? "\n" + body + "\n" : "");
    },
  };
  CMS.registerCustomFormat("dostyq-md", "md", entryFormat);

  /* ---- places.yml: `id: {name: {kk, ru}, …}` <-> lists of flat records ---- */
  var placesFormat = {
    fromFile: function (text) {
      var data = window.jsyaml.load(text, { schema: window.jsyaml.CORE_SCHEMA }) || {};
      var result = { places: [], cities: [], districts: [] };
      Object.keys(data).forEach(function (id) {
        var value = data[id] || {};
        if (id === "cities" || id === "districts") {
          Object.keys(value).forEach(function (area) {
            var record = { id: area };
            var names = value[area] || {};
            S.languages.forEach(function (lang) { if (names[lang]) record["name_" + lang] = names[lang]; });
            result[id].push(record);
          });
          return;
        }
        var place = { id: id };
        ["name", "address"].forEach(function (field) {
          var texts = value[field];
          if (typeof texts === "string") texts = {}, texts[S.default_language] = value[field];
          S.languages.forEach(function (lang) { if (texts && texts[lang]) place[field + "_" + lang] = texts[lang]; });
        });
        if (value.city) place.city = value.city;
        if (value.district) place.district = value.district;
        if (Array.isArray(value.geo)) { place.lat = value.geo[0]; place.lon = value.geo[1]; }
        result.places.push(place);
      });
      return result;
    },
    toFile: function (data) {
      var out = {};
      ["cities", "districts"].forEach(function (section) {
        var areas = {};
        (data[section] || []).forEach(function (record) {
          var names = {};
          S.languages.forEach(function (lang) { if (record["name_" + lang]) names[lang] = record["name_" + lang]; });
          if (record.id) areas[record.id] = names;
        });
        if (Object.keys(areas).length) out[section] = areas;
      });
      (data.places || []).forEach(function (record) {
        if (!record.id) return;
        var place = {};
        ["name", "address"].forEach(function (field) {
          var texts = {};
          S.languages.forEach(function (lang) { if (record[field + "_" + lang]) texts[lang] = record[field + "_" + lang]; });
          if (Object.keys(texts).length) place[field] = texts;
        });
        place.city = record.city || null;
        place.district = record.district || null;
        if (typeof record.lat === "number" && typeof record.lon === "number") place.geo = [record.lat, record.lon];
        out[record.id] = place;
      });
      return "# Places: one id per venue. Events and centres refer to them with `place: <id>`.\n" +
        window.jsyaml.dump(out, { lineWidth: -1, flowLevel: 2 });
    },
  };
  CMS.registerCustomFormat("dostyq-places", "yml", placesFormat);

  /* ---- a date, and a time when the event has one ---- */
  var moments = {};  // the last value each moment field showed: the end's check compares it with the start

  function momentParts(value) {
    var match = MOMENT.exec(value || "");
    return match ? { date: match[1], time: match[2] || "" } : { date: "", time: "" };
  }

  function endProblem(start, end) {
    if (!start || !end) return "";
    var a = momentParts(start), b = momentParts(end);
    if (!a.date || !b.date) return "";
    if (Boolean(a.time) !== Boolean(b.time)) return S.words.end_kind;
    var pad = function (t) { return t.length === 4 ? "0" + t : t; };
    var from = a.date + " " + pad(a.time), to = b.date + " " + pad(b.time);
    if (a.time ? to <= from : to < from) return S.words.end_before_start;
    return "";
  }

  var MomentControl = createClass({
    change: function (date, time) {
      this.props.onChange(date ? (time ? date + " " + time : date) : "");
    },
    isValid: function () {
      var after = this.props.field.get("after");
      var problem = after ? endProblem(moments[after], this.props.value) : "";
      return problem ? { error: { message: problem } } : true;
    },
    render: function () {
      var self = this;
      var field = this.props.field;
      moments[field.get("name")] = this.props.value;
      var parts = momentParts(this.props.value);
      var withTime = field.get("time") !== false;
      var style = { font: "inherit", padding: "8px", border: "1px solid #dfdfe3", borderRadius: "4px" };
      return h("div", { className: this.props.classNameWrapper, style: { display: "flex", gap: "1rem", flexWrap: "wrap" } },
        h("input", { type: "date", id: this.props.forID, value: parts.date, style: style, "data-part": "date",
                     "aria-label": S.words.date,
                     onChange: function (e) { self.change(e.target.value, parts.time); },
                     onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle }),
        withTime ? h("input", { type: "time", value: parts.time, style: style, "data-part": "time",
                                "aria-label": S.words.all_day, title: S.words.all_day,
                                onChange: function (e) { self.change(parts.date, e.target.value); },
                                onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle }) : null);
    },
  });
  var MomentPreview = createClass({
    render: function () { return h("span", {}, this.props.value || ""); },
  });
  CMS.registerWidget("dostyq-moment", MomentControl, MomentPreview);

  /* ---- before a save: a file name for a new entry, and the form's own checks ---- */
  function fileName(title) {
    var text = String(title || "").toLowerCase();
    var ascii = "";
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      ascii += S.transliteration[ch] !== undefined ? S.transliteration[ch] : ch;
    }
    var words = ascii.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").match(/[a-z0-9]+/g) || [];
    var slug = "";
    for (var j = 0; j < words.length; j++) {
      var next = slug ? slug + "-" + words[j] : words[j];
      if (next.length > 60) break;
      slug = next;
    }
    return slug || "entry";
  }
  S.fileName = fileName;

  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var entry = args.entry;
      var data = entry.get("data");
      if (entry.get("collection") === "events") {
        var problem = endProblem(data.get("start"), data.get("end"));
        if (problem) throw new Error(problem);  // the form's check, in case a field was not validated
      }
      if (entry.get("newRecord") && !data.get("slug")) {
        data = data.set("slug", fileName(data.get("title") || data.get("name")));
      }
      // facts an older entry wrote only in a translation's file move into the default
      // language's file (the translations are written without facts)
      S.languages.forEach(function (lang) {
        var other = entry.getIn(["i18n", lang, "data"]);
        if (!other || lang === S.default_language) return;
        FACTS.forEach(function (name) {
          var value = other.get(name);
          if (!isEmpty(value && value.toJS ? value.toJS() : value) && isEmpty(cleaned(data.get(name) && data.get(name).toJS ? data.get(name).toJS() : data.get(name)))) {
            data = data.set(name, value);
          }
        });
      });
      if (data.get("start")) data = data.set("start_year", String(data.get("start")).slice(0, 4));
      return data.set(DEFAULT_MARK, true);
    },
  });

  /* ---- previews: the site's page markup, styled by the site's CSS ---- */
  CMS.registerPreviewStyle("/theme/css/site.css");
  var lastDefault = {};  // the default language's facts, which a translation's preview shows too

  function previewData(props) {
    var entry = props.entry;
    var data = entry.get("data");
    var lang = S.default_language;
    S.languages.forEach(function (other) {
      if (other !== S.default_language && entry.getIn(["i18n", other, "data"]) === data) lang = other;
    });
    var key = entry.get("collection") + "/" + (entry.get("slug") || "");
    if (lang === S.default_language) lastDefault[key] = data;
    var facts = lastDefault[key];
    return {
      lang: lang,
      get: function (name) {
        var value = data && data.get(name);
        if ((value === undefined || value === null || value === "") && facts && FACTS.indexOf(name) >= 0) value = facts.get(name);
        return value && value.toJS ? value.toJS() : value;
      },
    };
  }

  function label(group, value) {
    return (S.labels[group] && S.labels[group][value]) || value;
  }

  function fact(term, description) {
    return description ? [h("dt", { key: term }, term), h("dd", { key: term + "-d" }, description)] : [];
  }

  function nameOf(kind, id, lang) {
    var names = (S.names[kind] || {})[id];
    if (!names) return id;
    return names[lang] || names[S.default_language] || Object.keys(names).map(function (k) { return names[k]; })[0] || id;
  }

  function shownMoment(value, lang) {
    // as the pages write it (the build's date patterns: browsers' Intl lacks
    // Kazakh month names), and the time as written
    var parts = momentParts(value);
    if (!parts.date) return value || "";
    var ymd = parts.date.split("-");
    var pattern = (S.date_patterns[lang] || [])[Number(ymd[1]) - 1];
    if (!pattern) return value;
    var text = pattern.replace("{d}", String(Number(ymd[2]))).replace("{y}", ymd[0]);
    return parts.time ? text + ", " + parts.time : text;
  }

  function when(d) {
    var start = shownMoment(d.get("start"), d.lang), end = shownMoment(d.get("end"), d.lang);
    var text = end ? start + " – " + end : start;
    if (d.get("timezone")) text += " (" + d.get("timezone") + ")";
    return text;
  }

  var EventPreview = createClass({
    render: function () {
      var d = previewData(this.props);
      var W = S.words;
      var category = d.get("category") || "other";
      var status = d.get("status") || "scheduled";
      var image = d.get("image");
      var centers = d.get("centers") || [];
      var organisers = centers.map(function (id) { return nameOf("centers", id, d.lang); })
        .concat(d.get("organizer") ? [d.get("organizer")] : []).join(", ");
      var repeats = d.get("rrule") ? W.repeats + ": " + d.get("rrule") : "";
      var tags = d.get("tags") || [];
      var gallery = d.get("gallery") || [];
      var self = this;
      return h("main", { id: "main", lang: d.lang },
        h("article", { className: "event category-" + category + " status-" + status },
          h("header", { className: "event-head" },
            h("p", { className: "card-tags" },
              h("span", { className: "chip category-" + category }, label("category", category)),
              status !== "scheduled" ? h("strong", { className: "status status-" + status }, " " + label("status", status)) : null),
            h("h1", {}, d.get("title") || "")),
          status !== "scheduled" && d.get("status_note") ?
            h("p", { className: "status-banner status-" + status }, h("strong", {}, label("status", status)), ". " + d.get("status_note")) : null,
          h("div", { className: "event-top" + (image ? " has-picture" : "") },
            image ? h("img", { className: "event-image", src: self.props.getAsset(image).toString(), alt: d.get("image_alt") || "" }) : null,
            h("div", { className: "event-facts" },
              h("dl", { className: "facts" },
                fact(W.when, h("span", {}, h("span", { className: "when-text" }, when(d)),
                               repeats ? h("span", { className: "repetition" }, repeats) : null)),
                fact(W.where, [d.get("place") && nameOf("places", d.get("place"), d.lang), d.get("location")].filter(Boolean).join(", ")),
                fact(W.organisers, organisers),
                fact(W.entry, d.get("free") ? W.free : d.get("price")),
                fact(W.participants, d.get("participants") !== undefined ? String(d.get("participants")) : ""),
                fact(W.more, d.get("url"))))),
          h("div", { className: "body" }, this.props.widgetFor("body")),
          tags.length ? h("ul", { className: "tags" }, tags.map(function (tag, i) { return h("li", { key: i }, tag); })) : null,
          gallery.length ? h("section", {}, h("h2", {}, W.photo_report),
            h("ul", { className: "gallery" }, gallery.map(function (photo, i) {
              return h("li", { key: i }, photo.image ? h("img", { src: self.props.getAsset(photo.image).toString(), alt: photo.alt || "" }) : null);
            }))) : null));
    },
  });

  var CenterPreview = createClass({
    render: function () {
      var d = previewData(this.props);
      var W = S.words;
      var logo = d.get("logo");
      return h("main", { id: "main", lang: d.lang },
        h("article", { className: "center" },
          logo ? h("img", { className: "logo", src: this.props.getAsset(logo).toString(), alt: "" }) : null,
          h("h1", {}, d.get("name") || ""),
          h("dl", { className: "facts" },
            fact(W.kind, label("kind", d.get("kind") || "ethnocultural-center")),
            fact(W.founded, d.get("founded") ? String(d.get("founded")) : ""),
            fact(W.leader, d.get("leader")),
            fact(W.address, [d.get("place") && nameOf("places", d.get("place"), d.lang), d.get("address")].filter(Boolean).join(", ")),
            fact(W.phone, d.get("phone")),
            fact(W.email, d.get("email"))),
          h("div", { className: "body" }, this.props.widgetFor("body"))));
    },
  });
  CMS.registerPreviewTemplate("events", EventPreview);
  CMS.registerPreviewTemplate("centers", CenterPreview);

  CMS.init();
})();
